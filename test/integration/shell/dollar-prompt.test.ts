/**
 * @module The `$` prompt against real sandboxes: Redis commands typed directly (printed exactly like one-shot
 * redis-cli, following MOVED on a cluster, streaming until Ctrl-C), the $PRIMARY/$READER/$CONFIG/$REDIS_USER/$REDIS_PASS
 * variables, a bare `>` for XREADGROUP, and `lab kill|stop|resume|restart primary|replica`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { createLabShell, type SandboxLabShell } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';
import { capture, flushSandbox, normalise, realRedisCli, runLine, waitFor } from './shell-harness.ts';

let harness: Awaited<ReturnType<typeof startTestEngine>>;
let single: Sandbox;
let replication: Sandbox;
let cluster: Sandbox;
const shells: SandboxLabShell[] = [];

beforeAll(async () => {
  harness = await startTestEngine();
  [single, replication, cluster] = await Promise.all([
    harness.engine.create({ topology: 'single' }, 'dollar-learner'),
    harness.engine.create({ topology: 'replication', replicas: 2 }, 'dollar-learner'),
    harness.engine.create({ topology: 'cluster', shards: 3, replicasPerShard: 0 }, 'dollar-learner'),
  ]);
}, 120_000);

afterAll(async () => {
  for (const shell of shells) await shell.dispose();
  await harness?.dispose();
}, 120_000);

function newShell(sandbox: Sandbox): SandboxLabShell {
  const shell = createLabShell({ sandbox, engine: harness.engine, limits: { linesPerSecond: 1000, burst: 1000 } });
  shells.push(shell);
  return shell;
}

/** The real one-shot redis-cli against the sandbox's entry point, as the learner. */
function realOneShot(sandbox: Sandbox, args: string[]): Promise<string> {
  const d = sandbox.describe();
  const entry = (d.endpoints.primary ?? d.endpoints.configuration)!;
  const { username, password } = sandbox.credentials;
  const cluster = d.clusterModeEnabled ? ['-c'] : [];
  return realRedisCli(['-h', '127.0.0.1', '-p', String(entry.port), '--user', username, '--pass', password, '--no-auth-warning', '--no-raw', ...cluster, ...args]);
}

describe('Redis commands at the $ prompt', () => {
  const corpus = [
    ['SET', 'greeting', 'hello'],
    ['get', 'greeting'],
    ['GET', 'missing'],
    ['HSET', 'user:1', 'name', 'Ada', 'plan', 'free'],
    ['HGETALL', 'user:1'],
    ['LRANGE', 'nothing', '0', '-1'],
    ['INCR', 'greeting'],
    ['ACL', 'WHOAMI'],
    ['INFO', 'keyspace'],
  ];

  it('print exactly what one-shot redis-cli prints, and the shell stays at $', async () => {
    await flushSandbox(single);
    const real: string[] = [];
    for (const args of corpus) real.push(await realOneShot(single, args));
    await flushSandbox(single);
    const shell = newShell(single);
    const mine: string[] = [];
    for (const args of corpus) {
      const { text, errors } = await runLine(shell, args.join(' '));
      expect(errors).toEqual([]);
      expect(shell.prompt).toBe('$ ');
      mine.push(text);
    }
    expect(mine).toEqual(real);
    expect(real.join('')).toContain('"hello"');
  });

  it('follow MOVED silently on a cluster, like one-shot redis-cli -c', async () => {
    const keys = ['user:1000', 'user:1001', 'user:1003'];
    await flushSandbox(cluster);
    const real: string[] = [];
    for (const key of keys) real.push(await realOneShot(cluster, ['SET', key, `v-${key}`]), await realOneShot(cluster, ['GET', key]));
    await flushSandbox(cluster);
    const shell = newShell(cluster);
    const mine: string[] = [];
    for (const key of keys) mine.push((await runLine(shell, `SET ${key} v-${key}`)).text, (await runLine(shell, `GET ${key}`)).text);
    expect(mine).toEqual(real);
    expect(mine.join('')).not.toContain('Redirected');
    expect(mine.join('')).toContain('"v-user:1003"');
  });

  it('stream SUBSCRIBE and block on BLPOP 0 until Ctrl-C, then return to $', async () => {
    const shell = newShell(single);
    const out = capture();
    const done = shell.run('SUBSCRIBE news', out);
    await waitFor(() => expect(normalise(out.text)).toContain('3) (integer) 1\n'));
    const admin = single.adminClient('primary');
    try {
      await admin.call('PUBLISH', 'news', 'extra!');
      await waitFor(() => expect(normalise(out.text)).toContain('3) "extra!"\n'));
    } finally {
      admin.disconnect();
    }
    shell.interrupt();
    await done;
    expect(normalise(out.text).startsWith('Reading messages... (press Ctrl-C to quit)\n')).toBe(true);
    expect(shell.prompt).toBe('$ ');
    const blocked = capture();
    const blpop = shell.run('BLPOP queue 0', blocked);
    await waitFor(async () => {
      const client = single.adminClient('primary');
      try {
        expect(String(await client.call('INFO', 'clients'))).toMatch(/blocked_clients:1\r?\n/);
      } finally {
        client.disconnect();
      }
    });
    shell.interrupt();
    await blpop;
    expect(blocked.errors).toEqual([]);
    expect((await runLine(shell, 'PING')).text).toBe('PONG\n');
  });

  it('say command not found for other words, with a hint about Redis commands', async () => {
    const shell = newShell(cluster);
    const { errors } = await runLine(shell, 'vim notes.txt');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^vim: command not found\. .*Redis commands \(SET, GET, \.\.\.\) run against your sandbox's configuration endpoint/);
    expect((await runLine(shell, 'quit')).text).toMatch(/close the terminal/);
    expect((await runLine(shell, 'QUIT')).text).toMatch(/close the terminal/);
    expect((await runLine(shell, 'help hgetall')).text).toMatch(/summary:\u001b\[0m Get all the fields and values in a hash/);
  });

  it('accept a bare > as the XREADGROUP ID, and keep refusing pipes and glued redirects', async () => {
    const shell = newShell(single);
    await runLine(shell, 'XADD orders 1-0 item mug');
    await runLine(shell, 'XGROUP CREATE orders billing 0');
    const { text, errors } = await runLine(shell, 'XREADGROUP GROUP billing w1 COUNT 5 STREAMS orders >');
    expect(errors).toEqual([]);
    expect(text).toContain('"1-0"');
    expect((await runLine(shell, 'XREADGROUP GROUP billing w1 COUNT 5 STREAMS orders ">"')).text).toBe('(nil)\n');
    expect((await runLine(shell, 'KEYS * | wc -l')).errors[0]).toMatch(/no OS shell/);
    expect((await runLine(shell, 'redis-cli GET k >out.txt')).errors[0]).toMatch(/no OS shell/);
  });

  it('complete Redis command names at $ as well as shell commands', async () => {
    const shell = newShell(single);
    expect(await shell.complete('HGETA', 5)).toEqual(['HGETALL']);
    expect(await shell.complete('his', 3)).toEqual(['history']);
    expect(await shell.complete('', 0)).toEqual(['clear', 'help', 'history', 'lab', 'redis-benchmark', 'redis-cli']);
    expect(await shell.complete('CLIENT SETN', 11)).toEqual(['SETNAME']);
    expect(await shell.complete('redis-cli -h $RE', 16)).toEqual(['$READER', '$REDIS_PASS', '$REDIS_USER']);
  });
});

describe('shell variables', () => {
  it('expand to the endpoints and credentials of the sandbox, not inside single quotes or interactive redis-cli', async () => {
    const shell = newShell(replication);
    const d = replication.describe();
    expect((await runLine(shell, 'SET course elasticache')).text).toBe('OK\n');
    await waitFor(async () =>
      expect((await runLine(shell, 'redis-cli -h $READER --user $REDIS_USER --pass ${REDIS_PASS} --no-auth-warning GET course')).text).toBe(
        '"elasticache"\n',
      ),
    );
    expect((await runLine(shell, 'ECHO "$PRIMARY"')).text).toBe(`"${d.endpoints.primary!.name}"\n`);
    expect((await runLine(shell, "ECHO '$PRIMARY'")).text).toBe('"$PRIMARY"\n');
    await runLine(shell, 'redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning');
    expect(shell.prompt).toBe(`${d.endpoints.primary!.name}:${d.endpoints.primary!.port}> `);
    expect((await runLine(shell, 'ECHO $PRIMARY')).text).toBe('"$PRIMARY"\n');
    await runLine(shell, 'quit');
  });

  it('refuse an endpoint the sandbox lacks as -h, saying why', async () => {
    const shell = newShell(replication);
    const { text, errors } = await runLine(shell, 'redis-cli -c -h $CONFIG --user $REDIS_USER --pass $REDIS_PASS PING');
    expect(text).toBe('');
    expect(errors).toEqual([
      '-h $CONFIG: the variable is empty (cluster mode is disabled here, so there is no configuration endpoint; use $PRIMARY); `lab status` lists the endpoints and variables',
    ]);
  });

  it('are listed in lab status with their values and in help', async () => {
    const shell = newShell(cluster);
    const d = cluster.describe();
    const status = (await runLine(shell, 'lab status')).text;
    expect(status).toContain('Variables');
    expect(status).toMatch(new RegExp(`\\$CONFIG +${d.endpoints.configuration!.name.replace(/\./g, '\\.')}\\n`));
    expect(status).toMatch(/\$PRIMARY +\(empty: this sandbox has no such endpoint\)\n/);
    expect(status).toMatch(new RegExp(`\\$REDIS_USER +${d.credentials.username}\\n`));
    expect((await runLine(shell, 'help')).text).toContain('Variables: $PRIMARY, $READER, $CONFIG');
  });
});

describe('lab fault commands with role names', () => {
  it('kill primary, let the failover happen, then restart primary brings the killed node back as a replica', async () => {
    const shell = newShell(replication);
    const oldPrimary = replication.describe().nodeGroups[0]!.primary!;
    const killed = await runLine(shell, 'lab kill primary');
    expect(killed.errors).toEqual([]);
    expect(killed.text).toContain(`primary is ${oldPrimary}\n`);
    await waitFor(() => {
      const group = replication.describe().nodeGroups[0]!;
      expect(group.primary).toBeDefined();
      expect(group.primary).not.toBe(oldPrimary);
    }, 60_000);
    const restarted = await runLine(shell, 'lab restart primary');
    expect(restarted.errors).toEqual([]);
    expect(restarted.text).toContain(`primary was ${oldPrimary}\n`);
    await waitFor(() => {
      const node = replication.describe().nodes.find((n) => n.name === oldPrimary)!;
      expect(node.status).toBe('available');
      expect(node.role).toBe('replica');
    }, 60_000);
  });

  it('stop primary, let the failover happen, then resume primary unfreezes the same node', async () => {
    // A fresh sandbox: Sentinel does not fail the same group over again soon after the previous test's failover.
    const fresh = await harness.engine.create({ topology: 'replication', replicas: 2 }, 'dollar-learner');
    try {
      const shell = newShell(fresh);
      const frozen = fresh.describe().nodeGroups[0]!.primary!;
      expect((await runLine(shell, 'lab stop primary')).text).toContain(`primary is ${frozen}\n`);
      await waitFor(() => expect(fresh.describe().nodeGroups[0]!.primary).not.toBe(frozen), 60_000);
      const resumed = await runLine(shell, 'lab resume primary');
      expect(resumed.errors).toEqual([]);
      expect(resumed.text).toMatch(new RegExp(`^primary was ${frozen}\n`));
      await waitFor(() => expect(fresh.describe().nodes.find((n) => n.name === frozen)!.status).toBe('available'), 60_000);
    } finally {
      await harness.engine.delete(fresh.id);
    }
  }, 120_000);

  it('stop and resume replica (the first replica of shard 0001), and refuse a shard that does not exist', async () => {
    const shell = newShell(replication);
    const replica = replication
      .describe()
      .nodes.filter((n) => n.role === 'replica' && n.status === 'available')
      .map((n) => n.name)
      .sort()[0]!;
    expect((await runLine(shell, 'lab stop replica')).text).toContain(`replica is ${replica}\n`);
    await waitFor(() => expect(replication.describe().nodes.find((n) => n.name === replica)!.status).toBe('stopped'));
    expect((await runLine(shell, 'lab resume replica')).text).toContain(`replica is ${replica}\n`);
    await waitFor(() => expect(replication.describe().nodes.find((n) => n.name === replica)!.status).toBe('available'));
    expect((await runLine(shell, 'lab kill primary:0002')).errors[0]).toMatch(/no shard 0002; shards are 0001/);
    expect((await runLine(shell, 'help lab')).text).toMatch(/<node>: a node name, or primary \| replica \(in shard 0001\), primary:0002/);
  });
});
