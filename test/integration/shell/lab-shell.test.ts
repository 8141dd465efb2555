/**
 * @module The lab shell against real sandboxes from the engine: redis-cli sessions and prompts, streaming
 * commands stopped by Ctrl-C, policy refusals, redis-benchmark, lab commands, reset, completion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { createLabShell, type LabCommand, type SandboxLabShell } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';
import { capture, normalise, runLine, waitFor } from './shell-harness.ts';

let harness: Awaited<ReturnType<typeof startTestEngine>>;
let single: Sandbox;
const shells: SandboxLabShell[] = [];

beforeAll(async () => {
  harness = await startTestEngine();
  single = await harness.engine.create({ topology: 'single' }, 'shell-learner');
}, 120_000);

afterAll(async () => {
  for (const shell of shells) await shell.dispose();
  await harness?.dispose();
});

function newShell(sandbox = single, options: Partial<Parameters<typeof createLabShell>[0]> = {}): SandboxLabShell {
  const shell = createLabShell({ sandbox, engine: harness.engine, limits: { linesPerSecond: 1000, burst: 1000 }, ...options });
  shells.push(shell);
  return shell;
}

function auth(sandbox = single): string {
  return `--user ${sandbox.credentials.username} --pass ${sandbox.credentials.password} --no-auth-warning`;
}

/** Starts a line that streams, waits until `ready` shows up, and returns the pending run and its output. */
async function startStreaming(shell: SandboxLabShell, line: string, ready: string) {
  const out = capture();
  const done = shell.run(line, out);
  await waitFor(() => expect(normalise(out.text)).toContain(ready));
  return { out, done };
}

async function publish(sandbox: Sandbox, ...args: string[]) {
  const client = sandbox.adminClient('primary');
  try {
    await client.call(args[0]!, ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

describe('redis-cli in the lab shell', () => {
  it('behaves like redis-cli against an ACL server without credentials, and works with them', async () => {
    const shell = newShell();
    expect((await runLine(shell, 'redis-cli SET k v')).text).toBe('(error) NOAUTH Authentication required.\n');
    expect((await runLine(shell, `redis-cli ${auth()} SET k v`)).text).toBe('OK\n');
    const warned = await runLine(shell, `redis-cli --user ${single.credentials.username} -a ${single.credentials.password} GET k`);
    expect(warned.text).toBe('"v"\n');
    expect(warned.errors).toEqual(["Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe."]);
  });

  it('keeps an interactive session with the real prompt, [N] after SELECT, and quit back to $', async () => {
    const shell = newShell();
    const primary = single.describe().endpoints.primary!;
    expect(shell.prompt).toBe('$ ');
    await runLine(shell, `redis-cli -h ${primary.name} ${auth()}`);
    expect(shell.prompt).toBe(`${primary.name}:${primary.port}> `);
    expect((await runLine(shell, 'SELECT 2')).text).toBe('OK\n');
    expect(shell.prompt).toBe(`${primary.name}:${primary.port}[2]> `);
    expect((await runLine(shell, 'SELECT 99')).text).toBe('(error) ERR DB index is out of range\n');
    expect(shell.prompt).toBe(`${primary.name}:${primary.port}[2]> `);
    await runLine(shell, 'quit');
    expect(shell.prompt).toBe('$ ');
    await runLine(shell, `redis-cli -h 127.0.0.1 -p ${primary.port} -n 3 ${auth()}`);
    expect(shell.prompt).toBe(`127.0.0.1:${primary.port}[3]> `);
  });

  it('accepts AUTH typed inside redis-cli for the learner user', async () => {
    const shell = newShell();
    await runLine(shell, 'redis-cli');
    expect((await runLine(shell, 'PING')).text).toBe('(error) NOAUTH Authentication required.\n');
    const { username, password } = single.credentials;
    expect((await runLine(shell, `AUTH ${username} ${password}`)).text).toBe('OK\n');
    expect((await runLine(shell, 'PING')).text).toBe('PONG\n');
  });

  it('cannot reach anything outside the sandbox, and says so in one extra line', async () => {
    const shell = newShell();
    const oneShot = await runLine(shell, `redis-cli -h 10.1.2.3 -p 6379 ${auth()} PING`);
    expect(oneShot.text).toBe('');
    expect(oneShot.errors).toEqual([
      'Could not connect to Redis at 10.1.2.3:6379: Connection refused',
      expect.stringMatching(/only your own sandbox is reachable/),
    ]);
    await runLine(shell, 'redis-cli -h 127.0.0.1 -p 6379');
    expect(shell.prompt).toBe('not connected> ');
    expect((await runLine(shell, 'PING')).errors[0]).toBe('Could not connect to Redis at 127.0.0.1:6379: Connection refused');
  });

  it('refuses host/port arguments outside the sandbox before the server sees them, and HELLO 3', async () => {
    const shell = newShell();
    await runLine(shell, `redis-cli ${auth()}`);
    const migrate = await runLine(shell, 'MIGRATE 10.0.0.9 6379 k 0 1000');
    expect(migrate.text).toBe('');
    expect(migrate.errors).toEqual([expect.stringMatching(/^MIGRATE refused: 10\.0\.0\.9:6379 is not a node of your sandbox/)]);
    expect((await runLine(shell, 'REPLICAOF 192.168.1.1 6379')).errors[0]).toMatch(/^REPLICAOF refused/);
    expect((await runLine(shell, 'HELLO 3')).errors[0]).toMatch(/RESP2 only/);
    expect((await runLine(shell, 'HELLO 2')).text).toContain('"proto"\n');
    expect((await runLine(shell, 'AUTH cachelab-admin guess')).errors[0]).toMatch(/platform's own users/);
    expect((await runLine(newShell(), 'redis-cli --user cachelab-admin --pass x PING')).errors[0]).toMatch(/platform's own users/);
  });

  it('streams SUBSCRIBE until Ctrl-C and returns to the same prompt', async () => {
    const shell = newShell();
    await runLine(shell, `redis-cli -n 1 ${auth()}`);
    const prompt = shell.prompt;
    const { out, done } = await startStreaming(shell, 'SUBSCRIBE news', '3) (integer) 1\n');
    expect(normalise(out.text)).toBe('Reading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "news"\n3) (integer) 1\n');
    await publish(single, 'PUBLISH', 'news', 'extra!');
    await waitFor(() => expect(normalise(out.text)).toContain('1) "message"\n2) "news"\n3) "extra!"\n'));
    shell.interrupt();
    await done;
    expect(shell.prompt).toBe(prompt);
    expect((await runLine(shell, 'PING')).text).toBe('PONG\n');
  });

  it('stops BLPOP with timeout 0, XREAD BLOCK 0 and MONITOR on Ctrl-C', async () => {
    const shell = newShell();
    await runLine(shell, `redis-cli ${auth()}`);
    for (const line of ['BLPOP queue 0', 'XREAD BLOCK 0 STREAMS events $']) {
      const out = capture();
      const done = shell.run(line, out);
      await waitFor(async () => {
        const client = single.adminClient('primary');
        try {
          expect(Number(await client.call('INFO', 'clients').then((i) => /blocked_clients:(\d+)/.exec(String(i))![1]))).toBe(1);
        } finally {
          client.disconnect();
        }
      });
      shell.interrupt();
      await done;
      expect(out.errors).toEqual([]);
      expect((await runLine(shell, 'PING')).text).toBe('PONG\n');
    }
    const { out, done } = await startStreaming(shell, 'MONITOR', 'OK\n');
    await publish(single, 'SET', 'watched', '1');
    await waitFor(() => expect(out.text).toContain('"SET" "watched" "1"'));
    shell.interrupt();
    await done;
    expect((await runLine(shell, 'GET watched')).text).toBe('"1"\n');
  });

  it('offers redis-cli help from COMMAND DOCS, `connect host port`, lab commands, --tls and -v', async () => {
    const shell = newShell();
    const primary = single.describe().endpoints.primary!;
    await runLine(shell, `redis-cli --tls ${auth()}`).then(({ text }) => expect(text).toMatch(/sandbox is plaintext/));
    const help = (await runLine(shell, 'help SET')).text;
    expect(help).toContain('\u001b[1mSET\u001b[0m');
    expect(help).toMatch(/summary:\u001b\[0m Set the string value of a key/);
    expect((await runLine(shell, 'lab status')).text).toContain(primary.name);
    await runLine(shell, `connect 127.0.0.1 ${primary.port}`);
    expect(shell.prompt).toBe(`127.0.0.1:${primary.port}> `);
    expect((await runLine(shell, 'SET "unbalanced')).text).toBe('Invalid argument(s)\n');
    await runLine(shell, 'exit');
    expect((await runLine(shell, 'redis-cli -v')).text).toBe('redis-cli 7.0.15\n');
  });

  it('repeats with -r/-i and stops the loop on Ctrl-C', async () => {
    const shell = newShell();
    expect((await runLine(shell, `redis-cli ${auth()} -r 3 -i 0.1 INCR ticks`)).text).toBe('(integer) 1\n(integer) 2\n(integer) 3\n');
    const { done } = await startStreaming(shell, `redis-cli ${auth()} -r 1000 -i 0.1 INCR slow`, '(integer) 2\n');
    shell.interrupt();
    await done;
    expect(shell.prompt).toBe('$ ');
    expect((await runLine(shell, `redis-cli ${auth()} -r 5000 PING`)).errors[0]).toMatch(/-r must be between 1 and 1000/);
  });
});

describe('resources', () => {
  async function clientNames(): Promise<string> {
    const client = single.adminClient('primary');
    try {
      return String(await client.call('CLIENT', 'LIST'));
    } finally {
      client.disconnect();
    }
  }

  it('closes one-shot connections at once and interactive ones on quit or dispose', async () => {
    const shell = newShell();
    await runLine(shell, `redis-cli ${auth()} CLIENT SETNAME one-shot-conn`);
    await waitFor(async () => expect(await clientNames()).not.toContain('name=one-shot-conn'));
    await runLine(shell, `redis-cli ${auth()}`);
    await runLine(shell, 'CLIENT SETNAME interactive-conn');
    expect(await clientNames()).toContain('name=interactive-conn');
    await runLine(shell, 'quit');
    await waitFor(async () => expect(await clientNames()).not.toContain('name=interactive-conn'));
    await runLine(shell, `redis-cli ${auth()}`);
    await runLine(shell, 'CLIENT SETNAME disposed-conn');
    await shell.dispose();
    await waitFor(async () => expect(await clientNames()).not.toContain('name=disposed-conn'));
    expect((await runLine(shell, 'help')).errors[0]).toMatch(/session has ended/);
  });
});

describe('the policy of the lab shell', () => {
  it('truncates a long output and says so', async () => {
    const shell = newShell();
    await runLine(shell, `redis-cli ${auth()}`);
    const items = Array.from({ length: 2500 }, (_, i) => `item${i}`).join(' ');
    await runLine(shell, `RPUSH big ${items}`);
    const { text } = await runLine(shell, 'LRANGE big 0 -1');
    const lines = text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2001);
    expect(lines.at(-1)).toMatch(/^\(output truncated: more than 2000 lines/);
    expect((await runLine(shell, 'LLEN big')).text).toBe('(integer) 2500\n');
  });

  it('drops a reply bigger than the reply cap instead of buffering it, and recovers', async () => {
    const shell = newShell(single, { limits: { linesPerSecond: 1000, burst: 1000, maxReplyBytes: 64 * 1024 } });
    await runLine(shell, `redis-cli ${auth()}`);
    await runLine(shell, `SET huge ${'z'.repeat(60_000)}`);
    await runLine(shell, 'APPEND huge huge-tail');
    await runLine(shell, `APPEND huge ${'z'.repeat(60_000)}`);
    const { text } = await runLine(shell, 'GET huge');
    expect(text).toMatch(/^\(output truncated: reply larger than 64 KB; the connection was reset/);
    expect((await runLine(shell, 'STRLEN huge')).text).toBe('(integer) 120009\n');
  });

  it('rate-limits lines with a token bucket and refuses over-long lines', async () => {
    const shell = newShell(single, { limits: { linesPerSecond: 1, burst: 5 } });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await runLine(shell, 'history'));
    expect(results.slice(0, 5).every((r) => r.errors.length === 0)).toBe(true);
    expect(results.at(-1)!.errors[0]).toMatch(/^Slow down: at most 1 lines per second/);
    const long = await runLine(newShell(), `redis-cli SET k ${'x'.repeat(70 * 1024)}`);
    expect(long.errors[0]).toMatch(/^Line refused: it is longer than 64 KB/);
  });

  it('refuses what needs an OS shell, unknown commands, and engine errors as one line each', async () => {
    const shell = newShell();
    expect((await runLine(shell, 'redis-cli KEYS * | wc -l')).errors[0]).toMatch(/no OS shell/);
    expect((await runLine(shell, 'bash')).errors[0]).toMatch(/^bash: command not found/);
    const failover = await runLine(shell, 'lab failover');
    expect(failover.errors).toHaveLength(1);
    expect(failover.errors[0]).not.toMatch(/\n|at .*\.ts:\d+/);
    expect((await runLine(shell, 'lab kill nosuchnode')).errors[0]).toMatch(/no node "nosuchnode"/);
  });
});

describe('redis-benchmark in the lab shell', () => {
  it('runs the real binary against the sandbox with the learner credentials and streams its output', async () => {
    const shell = newShell();
    const { text, errors } = await runLine(shell, 'redis-benchmark -t set,get -n 2000 -c 2 -q');
    expect(errors).toEqual([]);
    expect(text).toMatch(/SET: [\d.]+ requests per second/);
    expect(text).toMatch(/GET: [\d.]+ requests per second/);
    expect(text).not.toContain('NOAUTH');
  });

  it('refuses out-of-bounds arguments and targets outside the sandbox', async () => {
    const shell = newShell();
    expect((await runLine(shell, 'redis-benchmark -n 1000000')).errors[0]).toMatch(/-n \(requests\) must be a whole number from 1 to 100000/);
    expect((await runLine(shell, 'redis-benchmark -c 500')).errors[0]).toMatch(/-c/);
    expect((await runLine(shell, 'redis-benchmark -h 10.0.0.1 -p 6379 -q')).errors[0]).toMatch(/refused: 10\.0\.0\.1:6379 is not a node/);
    expect((await runLine(shell, 'redis-benchmark --idle')).errors[0]).toMatch(/not available in the lab/);
  });

  it('is killed on Ctrl-C', async () => {
    const shell = newShell();
    const { done } = await startStreaming(shell, 'redis-benchmark -t set -n 100000 -c 1', 'SET');
    shell.interrupt();
    await done;
    expect(shell.prompt).toBe('$ ');
  });
});

describe('lab commands', () => {
  it('shows status with endpoints and the learner credentials, a topology picture and events', async () => {
    const shell = newShell();
    const d = single.describe();
    const status = (await runLine(shell, 'lab status')).text;
    expect(status).toContain(d.endpoints.primary!.name);
    expect(status).toContain(single.credentials.password);
    expect(status).toContain(d.nodes[0]!.name);
    const topology = (await runLine(shell, 'lab topology')).text;
    expect(topology).toContain(`[P] ${d.nodes[0]!.name}`);
    expect(topology).toContain(d.nodes[0]!.az);
    expect((await runLine(shell, 'lab events')).text).toMatch(/created/i);
  });

  it('kills and restarts a node through the Sandbox interface', async () => {
    const sandbox = await harness.engine.create({ topology: 'single' }, 'fault-learner');
    const shell = newShell(sandbox);
    const node = sandbox.describe().nodes[0]!.name;
    await runLine(shell, `lab kill ${node}`);
    await waitFor(() => expect(sandbox.describe().nodes[0]!.status).toBe('down'));
    expect((await runLine(shell, `redis-cli ${auth(sandbox)} PING`)).errors[0]).toMatch(/^Could not connect to Redis at .*: Connection refused$/);
    await runLine(shell, `lab restart ${node}`);
    await waitFor(async () => expect((await runLine(shell, `redis-cli ${auth(sandbox)} PING`)).text).toBe('PONG\n'), 30_000);
  });

  it('never hangs on a frozen node: the handshake has a deadline and a blocked command stops on Ctrl-C', async () => {
    const sandbox = await harness.engine.create({ topology: 'single' }, 'freeze-learner');
    const shell = newShell(sandbox, { limits: { linesPerSecond: 1000, burst: 1000, connectTimeoutMs: 500 } });
    const node = sandbox.describe().nodes[0]!.name;
    await runLine(shell, `redis-cli ${auth(sandbox)}`);
    expect((await runLine(shell, 'SET k v')).text).toBe('OK\n');
    await runLine(shell, `lab stop ${node}`);
    await waitFor(() => expect(sandbox.describe().nodes[0]!.status).toBe('stopped'));
    const out = capture();
    const pending = shell.run('GET k', out);
    shell.interrupt();
    await pending;
    expect(out.text).toBe('');
    expect(out.errors).toEqual([expect.stringMatching(/^Could not connect to Redis at .*: Connection timed out$/)]);
    const oneShot = await runLine(newShell(sandbox, { limits: { connectTimeoutMs: 500 } }), `redis-cli ${auth(sandbox)} PING`);
    expect(oneShot.errors).toEqual([expect.stringMatching(/Connection timed out$/)]);
    await runLine(shell, `lab resume ${node}`);
    await waitFor(async () => expect((await runLine(shell, 'GET k')).text).toBe('"v"\n'), 15_000);
  });

  it('follows the primary endpoint after lab failover', async () => {
    const sandbox = await harness.engine.create({ topology: 'replication', replicas: 1 }, 'failover-learner');
    const shell = newShell(sandbox);
    const before = sandbox.describe().endpoints.primary!;
    await runLine(shell, `redis-cli ${auth(sandbox)}`);
    expect(shell.prompt).toBe(`${before.name}:${before.port}> `);
    expect((await runLine(shell, 'SET survivor yes')).text).toBe('OK\n');
    // Replication is asynchronous: without WAIT the write could be lost in the failover (as on ElastiCache).
    expect((await runLine(shell, 'WAIT 1 5000')).text).toBe('(integer) 1\n');
    const failover = await runLine(shell, 'lab failover');
    expect(failover.text).toMatch(/Failover to replica node .* completed/);
    await waitFor(async () => expect((await runLine(shell, 'ROLE')).text).toMatch(/^1\) "master"\n/), 30_000);
    const after = sandbox.describe().endpoints.primary!;
    expect(after.port).not.toBe(before.port);
    expect(shell.prompt).toBe(`${before.name}:${after.port}> `);
    await waitFor(async () => expect((await runLine(shell, 'GET survivor')).text).toBe('"yes"\n'));
  });

  it('asks before lab reset, then replaces the sandbox with a fresh one of the same shape', async () => {
    const sandbox = await harness.engine.create({ topology: 'single' }, 'reset-learner');
    const changes: Sandbox[] = [];
    const shell = newShell(sandbox, { onSandboxChange: (s) => changes.push(s) });
    await runLine(shell, 'lab reset');
    expect(shell.prompt).toMatch(/\[y\/N\] $/);
    expect((await runLine(shell, 'n')).text).toBe('Reset cancelled.\n');
    expect(shell.sandbox).toBe(sandbox);
    await runLine(shell, 'lab reset');
    const reset = await runLine(shell, 'y');
    expect(reset.errors).toEqual([]);
    expect(changes).toHaveLength(1);
    expect(shell.sandbox).toBe(changes[0]);
    expect(shell.sandbox.id).not.toBe(sandbox.id);
    expect(shell.sandbox.spec).toEqual(sandbox.spec);
    expect(harness.engine.get(sandbox.id)).toBeUndefined();
    expect((await runLine(shell, `redis-cli ${auth(shell.sandbox)} PING`)).text).toBe('PONG\n');
  });

  it('runs extra lab commands from the exercises module and lists them in lab help', async () => {
    const calls: string[][] = [];
    const check: LabCommand = {
      name: 'check',
      summary: 'Check your exercise',
      async run(args, ctx) {
        calls.push(args);
        ctx.out.output(`checked ${ctx.sandbox.id}\n`);
      },
    };
    const shell = newShell(single, { extraLabCommands: { check } });
    expect((await runLine(shell, 'lab help')).text).toMatch(/lab check\s+Check your exercise/);
    expect((await runLine(shell, 'lab check ex-1')).text).toBe(`checked ${single.id}\n`);
    expect(calls).toEqual([['ex-1']]);
  });
});

describe('help, history, clear and completion', () => {
  it('offers help, history and clear', async () => {
    const shell = newShell();
    expect((await runLine(shell, 'help')).text).toContain('redis-cli');
    expect((await runLine(shell, 'help redis-benchmark')).text).toContain('-t <tests>');
    expect((await runLine(shell, 'clear')).text).toContain('\u001b[2J');
    expect((await runLine(shell, 'history')).text).toBe('    1  help\n    2  help redis-benchmark\n    3  clear\n    4  history\n');
    expect(shell.history).toEqual(['help', 'help redis-benchmark', 'clear', 'history']);
  });

  it('completes commands, lab subcommands, flags, endpoint and node names, and Redis commands', async () => {
    const shell = newShell();
    const d = single.describe();
    expect(await shell.complete('redis-b', 7)).toEqual(['redis-benchmark']);
    expect(await shell.complete('lab st', 6)).toEqual(['status', 'stop']);
    expect(await shell.complete(`lab kill ${d.nodes[0]!.name.slice(0, 4)}`, 13)).toContain(d.nodes[0]!.name);
    expect(await shell.complete('redis-cli --us', 14)).toEqual(['--user']);
    expect(await shell.complete('redis-cli -h mas', 16)).toEqual([d.endpoints.primary!.name]);
    expect(await shell.complete('redis-cli HGETA', 15)).toEqual(['HGETALL']);
    expect(await shell.complete('redis-cli client setn', 21)).toEqual(['setname']);
    expect(await shell.complete('redis-benchmark -t set,g', 24)).toEqual(['set,get']);
    await runLine(shell, `redis-cli ${auth()}`);
    expect(await shell.complete('subsc', 5)).toEqual(['subscribe']);
    expect(await shell.complete('lab to', 6)).toEqual(['topology']);
    expect(await shell.complete('help zadd', 9)).toEqual(['zadd']);
    expect(await shell.complete('CLIENT SETN', 11)).toEqual(['SETNAME']);
  });
});
