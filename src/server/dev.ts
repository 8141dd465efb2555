/**
 * @module `npm run dev`: the API (restarted by Node's --watch on change) and Astro's dev server (hot reload)
 * side by side. Astro proxies /api and the terminal WebSocket to the API (see astro.config.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const apiPort = process.env.CACHELAB_API_PORT ?? '4322';
const children: ChildProcess[] = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', join(root, 'src/server/main.ts'), '--api-only'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort },
  }),
  spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'dev'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CACHELAB_API_PORT: apiPort },
  }),
];

function stop(signal: NodeJS.Signals) {
  for (const child of children) child.kill(signal);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    // One half without the other is useless: stop both, keep the failing exit code.
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  });
}
