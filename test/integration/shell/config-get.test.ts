/**
 * @module CONFIG GET typed by the learner (at `$`, one-shot and interactive redis-cli, cluster mode included) is
 * answered by the platform from the connected node: for allow-listed parameters the text is exactly what the real
 * redis-cli prints when run with the platform's admin credentials against the same node; secrets never show.
 */
import { quote } from 'shell-quote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSandbox } from '../../../sandbox/live-sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { createParamLabCommand } from '../../../src/exercises/lab-param-command.ts';
import { createLabShell, type LabShellOptions, type SandboxLabShell } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';
import { realRedisCli, realRedisCliSession, runLine } from './shell-harness.ts';

let harness: Awaited<ReturnType<typeof startTestEngine>>;
let single: LiveSandbox;
let cluster: LiveSandbox;
const shells: SandboxLabShell[] = [];

beforeAll(async () => {
  harness = await startTestEngine();
  [single, cluster] = (await Promise.all([
    harness.engine.create({ topology: 'single' }, 'config-get-learner'),
    harness.engine.create({ topology: 'cluster', shards: 3, replicasPerShard: 0 }, 'config-get-learner'),
  ])) as LiveSandbox[];
}, 120_000);

afterAll(async () => {
  for (const shell of shells) await shell.dispose();
  await harness?.dispose();
}, 120_000);

function newShell(sandbox: Sandbox, options: Partial<LabShellOptions> = {}): SandboxLabShell {
  const shell = createLabShell({ sandbox, engine: harness.engine, limits: { linesPerSecond: 10_000, burst: 10_000 }, ...options });
  shells.push(shell);
  return shell;
}

function entryPort(sandbox: Sandbox): number {
  const d = sandbox.describe();
  return (d.endpoints.primary ?? d.endpoints.configuration)!.port;
}

function learnerFlags(sandbox: Sandbox): string[] {
  return ['--user', sandbox.credentials.username, '--pass', sandbox.credentials.password, '--no-auth-warning'];
}

/** The platform's admin login, from the engine's internals: only the test's real redis-cli uses it, never the shell. */
function adminFlags(sandbox: LiveSandbox): string[] {
  const { username, password } = sandbox.rt.creds.admin;
  return ['--user', username, '--pass', password, '--no-auth-warning'];
}

/** Allow-listed parameters only, so the admin's reply is exactly what the learner may see. */
const allowListedCases: { args: string[]; raw?: boolean }[] = [
  { args: ['CONFIG', 'GET', 'maxmemory'] },
  { args: ['config', 'get', 'MAXMEMORY-POLICY'] },
  { args: ['Config', 'Get', 'slowlog-*'] },
  { args: ['CONFIG', 'GET', 'appendonly', 'save'] },
  { args: ['CONFIG', 'GET', '*-max-listpack-*'] },
  { args: ['CONFIG', 'GET', 'maxmemory', 'maxmemory', 'MaxMemory'] },
  { args: ['CONFIG', 'GET', 'timeout', 'hz', 'maxclients', 'notify-keyspace-events', 'client-output-buffer-limit'] },
  { args: ['CONFIG', 'GET', 'lfu-*', 'maxmemory-samples', 'latency-monitor-threshold'] },
  { args: ['CONFIG', 'GET', 'no-such-parameter', 'nothing*'] },
  { args: ['CONFIG', 'GET', 'maxmemory', 'maxmemory-policy', 'save'], raw: true },
  { args: ['CONFIG', 'GET', 'no-such-parameter'], raw: true },
];

/** Never to be printed: names and values the platform keeps to itself. */
const SECRET_NAMES = ['masterauth', 'masteruser', 'requirepass', 'dir', 'dbfilename', 'aclfile', 'logfile', 'unixsocket', 'pidfile'];

function secretValues(sandbox: LiveSandbox): string[] {
  const { admin, replication, sentinel } = sandbox.rt.creds;
  return [admin.password, replication.password, sentinel.password, replication.username, admin.username, sandbox.rt.dir];
}

describe('CONFIG GET typed by the learner is answered by the platform', () => {
  it('prints exactly what redis-cli prints for an admin, for allow-listed parameters (one-shot, any case, --raw)', async () => {
    const address = ['-h', '127.0.0.1', '-p', String(entryPort(single))];
    const shell = newShell(single);
    for (const c of allowListedCases) {
      const mode = c.raw ? '--raw' : '--no-raw';
      const real = await realRedisCli([...address, ...adminFlags(single), mode, ...c.args]);
      const mine = await runLine(shell, `redis-cli ${quote([...address, ...learnerFlags(single), mode, ...c.args])}`);
      expect({ args: c.args, text: mine.text }).toEqual({ args: c.args, text: real });
      expect(mine.errors).toEqual([]);
    }
    // The server itself still refuses CONFIG to the learner: the answers above came from the platform.
    const refused = await realRedisCli([...address, ...learnerFlags(single), '--no-raw', 'CONFIG', 'GET', 'maxmemory']);
    expect(refused).toMatch(/^\(error\) NOPERM /);
  });

  it('answers at the $ prompt and in an interactive session (with repeats) like redis-cli does for an admin', async () => {
    const address = ['-h', '127.0.0.1', '-p', String(entryPort(single))];
    const lines = ['CONFIG GET maxmemory', 'config get slowlog-log-slower-than appendonly', '2 CONFIG GET hz', 'CONFIG GET nosuch'];
    const real = await realRedisCliSession([...address, ...adminFlags(single), '--no-raw'], lines);
    const shell = newShell(single);
    let mine = (await runLine(shell, `redis-cli ${quote([...address, ...learnerFlags(single), '--no-raw'])}`)).text;
    for (const line of lines) mine += (await runLine(shell, line)).text;
    await runLine(shell, 'quit');
    expect(mine).toBe(real);
    expect(real).toContain('(empty array)');

    const atDollar = await runLine(shell, 'CONFIG GET maxmemory maxmemory-policy');
    expect(shell.prompt).toBe('$ ');
    expect(atDollar.text).toBe(await realRedisCli([...address, ...adminFlags(single), '--no-raw', 'CONFIG', 'GET', 'maxmemory', 'maxmemory-policy']));
    expect(atDollar.text).toContain('"maxmemory-policy"\n');
    expect(atDollar.text).toContain('"67108864"\n');
  });

  it('on a cluster, answers from the node the connection points at', async () => {
    const shell = newShell(cluster);
    const nodes = cluster.describe().nodes;
    expect(nodes.length).toBe(3);
    for (const node of nodes) {
      const args = ['CONFIG', 'GET', 'port', 'cluster-enabled', 'maxmemory'];
      const real = await realRedisCli(['-c', '-h', '127.0.0.1', '-p', String(node.port), ...adminFlags(cluster), '--no-raw', ...args]);
      const byAddress = await runLine(shell, `redis-cli ${quote(['-c', '-h', '127.0.0.1', '-p', String(node.port), ...learnerFlags(cluster), '--no-raw', ...args])}`);
      expect(byAddress.text).toBe(real);
      const byName = await runLine(shell, `redis-cli -c -h ${node.endpoint} ${quote(learnerFlags(cluster))} CONFIG GET port`);
      expect(byName.text).toBe(`1) "port"\n2) "${node.port}"\n`);
    }
    // `$` goes to the configuration endpoint; interactive `connect` moves to another node.
    expect((await runLine(shell, 'CONFIG GET port')).text).toBe(`1) "port"\n2) "${entryPort(cluster)}"\n`);
    const other = nodes.find((n) => n.port !== entryPort(cluster))!;
    await runLine(shell, `redis-cli -c ${quote(learnerFlags(cluster))}`);
    // Redis 7.0 echoes an exact name as typed.
    expect((await runLine(shell, 'config get PORT')).text).toBe(`1) "PORT"\n2) "${entryPort(cluster)}"\n`);
    await runLine(shell, `connect 127.0.0.1 ${other.port}`);
    expect((await runLine(shell, 'CONFIG GET port')).text).toBe(`1) "port"\n2) "${other.port}"\n`);
    await runLine(shell, 'quit');
  });

  it('never shows masterauth, requirepass, paths or the platform users, whatever the pattern', async () => {
    const admin = single.adminClient('primary');
    const masterauth = ((await admin.call('CONFIG', 'GET', 'masterauth')) as string[])[1];
    admin.disconnect();
    // The node does hold a secret there: hiding it is the platform's doing.
    expect(masterauth).toBe(single.rt.creds.replication.password);

    const shell = newShell(single);
    const address = quote(['-h', '127.0.0.1', '-p', String(entryPort(single)), ...learnerFlags(single)]);
    const everything = [
      await runLine(shell, 'CONFIG GET *'),
      await runLine(shell, `redis-cli ${address} --raw CONFIG GET *`),
      await runLine(shell, 'CONFIG GET *auth* *pass* *user* *dir* *file* *sock* *acl*'),
    ];
    const text = everything.map((r) => r.text).join('\n');
    expect(text).toContain('"maxmemory-policy"');
    const names = new Set(text.split('\n').map((line) => line.replace(/^\s*\d+\) /, '').replace(/^"|"$/g, '')));
    for (const secret of SECRET_NAMES) expect(names, secret).not.toContain(secret);
    for (const value of secretValues(single)) expect(text).not.toContain(value);

    for (const line of ['CONFIG GET masterauth', 'config get REQUIREPASS', 'CONFIG GET dir', `CONFIG GET ${SECRET_NAMES.join(' ')}`]) {
      expect((await runLine(shell, line)).text, line).toBe('(empty array)\n');
    }
    await runLine(shell, `redis-cli ${address}`);
    expect((await runLine(shell, 'CONFIG GET masterauth masteruser')).text).toBe('(empty array)\n');
    await runLine(shell, 'quit');
  });

  it('leaves a connection without credentials with the NOAUTH error the server gives', async () => {
    const port = String(entryPort(single));
    const shell = newShell(single);
    const mine = await runLine(shell, `redis-cli -h 127.0.0.1 -p ${port} CONFIG GET maxmemory`);
    expect(mine.text).toBe(await realRedisCli(['-h', '127.0.0.1', '-p', port, '--no-raw', 'CONFIG', 'GET', 'maxmemory']));
    expect(mine.text).toBe('(error) NOAUTH Authentication required.\n');
  });

  it('does not queue CONFIG GET inside MULTI, so the transaction stays usable', async () => {
    const shell = newShell(single);
    await runLine(shell, `redis-cli ${quote(learnerFlags(single))}`);
    await runLine(shell, 'MULTI');
    const queued = await runLine(shell, 'CONFIG GET maxmemory');
    expect(queued.text).toBe('');
    expect(queued.errors).toEqual([expect.stringMatching(/after EXEC or DISCARD/)]);
    await runLine(shell, 'SET in-transaction yes');
    expect((await runLine(shell, 'EXEC')).text).toBe('1) OK\n');
    await runLine(shell, 'quit');
  });
});

describe('other CONFIG subcommands still go to the server', () => {
  it('CONFIG SET is refused with NOPERM, plus a hint about `lab param` when the shell has it', async () => {
    const args = ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'];
    const real = await realRedisCli(['-h', '127.0.0.1', '-p', String(entryPort(single)), ...learnerFlags(single), '--no-raw', ...args]);
    expect(real).toMatch(/^\(error\) NOPERM /);

    const withParam = newShell(single, { extraLabCommands: { param: createParamLabCommand() } });
    const atDollar = await runLine(withParam, args.join(' '));
    expect(atDollar.text).toBe(real);
    expect(atDollar.errors).toEqual([expect.stringMatching(/^Hint: .*`lab param <name> <value>`/)]);
    const interactive = await runLine(withParam, `redis-cli ${quote(learnerFlags(single))}`);
    expect(interactive.errors).toEqual([]);
    const inCli = await runLine(withParam, 'config set maxmemory 1mb');
    expect(inCli.text).toMatch(/^\(error\) NOPERM /);
    expect(inCli.errors).toEqual([expect.stringContaining('lab param')]);
    await runLine(withParam, 'quit');

    const without = await runLine(newShell(single), args.join(' '));
    expect(without.text).toBe(real);
    expect(without.errors).toEqual([expect.stringMatching(/^Hint: .*parameter group/)]);
    expect(without.errors.join('')).not.toContain('lab param');

    const admin = single.adminClient('primary');
    expect(await admin.call('CONFIG', 'GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'volatile-lru']);
    admin.disconnect();
  });

  it('CONFIG RESETSTAT and CONFIG REWRITE get the server refusal, without a hint', async () => {
    const shell = newShell(single, { extraLabCommands: { param: createParamLabCommand() } });
    for (const line of ['CONFIG RESETSTAT', 'CONFIG REWRITE']) {
      const { text, errors } = await runLine(shell, line);
      expect(text).toMatch(/^\(error\) NOPERM /);
      expect(errors).toEqual([]);
    }
  });
});
