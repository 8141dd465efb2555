import { startTestEngine } from '../sandbox/engine-fixture.ts';
import { createLabShell } from '../../../src/shell/index.ts';
const h = await startTestEngine();
try {
  const sb = await h.engine.create({ topology: 'single' }, 'x');
  const shell = createLabShell({ sandbox: sb, engine: h.engine });
  const out = { output: (d: string) => process.stdout.write(d), error: (m: string) => process.stdout.write(`ERR> ${m}\n`) };
  for (const line of ['CONFIG GET maxmemory', 'config get MAXMEMORY* save appendonly', 'CONFIG GET masterauth', 'CONFIG GET', 'CONFIG SET maxmemory 1', 'redis-cli CONFIG GET maxmemory', `redis-cli --raw --user ${sb.credentials.username} --pass ${sb.credentials.password} config get maxmemory-policy nothing`, `redis-cli --user ${sb.credentials.username} --pass ${sb.credentials.password}`, 'CONFIG GET slowlog*', 'MULTI', 'CONFIG GET port', 'EXEC', '3 CONFIG GET hz', 'quit']) {
    process.stdout.write(`${shell.prompt}${line}\n`);
    await shell.run(line, out);
  }
  await shell.dispose();
} finally { await h.dispose(); }
