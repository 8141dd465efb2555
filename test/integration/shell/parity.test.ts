/**
 * @module Output parity: the corpus runs through the real redis-cli binary and through the lab shell against the
 * same sandbox (flushed before each pass); the printed texts must be identical (only line ends normalised).
 */
import { type AddressInfo, createServer } from 'node:net';
import { quote } from 'shell-quote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';
import {
  clusterInteractive,
  clusterOneShot,
  promptLines,
  singleInteractive,
  singleOneShot,
  streamingCases,
  transactionPromptLines,
} from './parity-corpus.ts';
import {
  flushSandbox,
  realRedisCli,
  realRedisCliSession,
  realRedisCliStreaming,
  realRedisCliTty,
  runLine,
  shellTty,
  shellStreaming,
} from './shell-harness.ts';

let harness: Awaited<ReturnType<typeof startTestEngine>>;
let single: Sandbox;
let cluster: Sandbox;

beforeAll(async () => {
  harness = await startTestEngine();
  single = await harness.engine.create({ topology: 'single' }, 'parity-learner');
  cluster = await harness.engine.create({ topology: 'cluster', shards: 3, replicasPerShard: 0 }, 'parity-learner');
}, 120_000);

afterAll(async () => {
  await harness?.dispose();
});

/** A port nothing listens on: bound by us, then closed (so no other program's Redis is ever contacted). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function entryPort(sandbox: Sandbox): number {
  const d = sandbox.describe();
  return (d.endpoints.primary ?? d.endpoints.configuration)!.port;
}

function authFlags(sandbox: Sandbox): string[] {
  return ['--user', sandbox.credentials.username, '--pass', sandbox.credentials.password, '--no-auth-warning'];
}

function newShell(sandbox: Sandbox) {
  return createLabShell({ sandbox, engine: harness.engine, limits: { linesPerSecond: 10_000, burst: 10_000 } });
}

/** Runs a list of cases through both sides; returns [real, shell] transcripts labelled per case. */
async function bothSides(
  sandbox: Sandbox,
  cases: { flags: string[]; args: string[] }[],
): Promise<[string[], string[]]> {
  const address = ['-h', '127.0.0.1', '-p', String(entryPort(sandbox))];
  await flushSandbox(sandbox);
  const real: string[] = [];
  for (const c of cases) real.push(`${c.args.join(' ')}\n${await realRedisCli([...address, ...c.flags, ...c.args])}`);
  await flushSandbox(sandbox);
  const shell = newShell(sandbox);
  const mine: string[] = [];
  for (const c of cases) {
    const { text } = await runLine(shell, `redis-cli ${quote([...address, ...c.flags, ...c.args])}`);
    mine.push(`${c.args.join(' ')}\n${text}`);
  }
  await shell.dispose();
  if (process.env.PARITY_DUMP) console.log(real.join('\n----\n'));
  return [real, mine];
}

async function bothSessions(sandbox: Sandbox, flags: string[], lines: string[]): Promise<[string, string]> {
  const address = ['-h', '127.0.0.1', '-p', String(entryPort(sandbox))];
  await flushSandbox(sandbox);
  const real = await realRedisCliSession([...address, ...flags], lines);
  await flushSandbox(sandbox);
  const shell = newShell(sandbox);
  let mine = (await runLine(shell, `redis-cli ${quote([...address, ...flags])}`)).text;
  for (const line of lines) mine += (await runLine(shell, line)).text;
  await runLine(shell, 'quit');
  expect(shell.prompt).toBe('$ ');
  await shell.dispose();
  if (process.env.PARITY_DUMP) console.log(real);
  return [real, mine];
}

describe('the lab shell prints exactly what redis-cli 7 prints', () => {
  it('for one-shot commands covering every reply type, escaping, errors, verbatim commands and --raw', async () => {
    const cases = singleOneShot.map((c) => ({
      flags: [...(c.noAuth ? [] : authFlags(single)), c.raw ? '--raw' : '--no-raw'],
      args: c.args,
    }));
    const [real, mine] = await bothSides(single, cases);
    expect(mine).toEqual(real);
    // The corpus is meant to exercise every formatter branch; make sure it really did.
    const all = real.join('\n');
    for (const marker of ['(integer) ', '(nil)', '(empty array)', '(error) ', '\\x', ' 1) ', '   2) ', 'NOAUTH', 'OK\n']) {
      expect(all).toContain(marker);
    }
  });

  it('in an interactive session: redis-cli quoting, SELECT, repeats, MULTI/EXEC with an error inside, AUTH', async () => {
    const [real, mine] = await bothSessions(single, [...authFlags(single), '--no-raw'], singleInteractive);
    expect(mine).toBe(real);
    expect(real).toContain('Invalid argument(s)');
  });

  it('on a cluster, one-shot with and without -c (MOVED errors, silent redirects)', async () => {
    const cases = clusterOneShot.map((c) => ({
      flags: [...authFlags(cluster), '--no-raw', ...(c.cluster ? ['-c'] : [])],
      args: c.args,
    }));
    const [real, mine] = await bothSides(cluster, cases);
    expect(mine).toEqual(real);
    expect(real.join('\n')).toContain('(error) MOVED ');
  });

  it('on a cluster in an interactive -c session, with the same "-> Redirected to slot" lines', async () => {
    const [real, mine] = await bothSessions(cluster, [...authFlags(cluster), '--no-raw', '-c'], clusterInteractive);
    expect(mine).toBe(real);
    expect(real).toContain('-> Redirected to slot [');
  });

  it.each(streamingCases)('while streaming $name until Ctrl-C', async (c) => {
    const sandbox = c.cluster ? cluster : single;
    const address = ['-h', '127.0.0.1', '-p', String(entryPort(sandbox))];
    const flags = [...address, ...authFlags(sandbox), c.raw ? '--raw' : '--no-raw', ...(c.cluster ? ['-c'] : [])];
    const publish = async () => {
      for (const message of c.publish) await realRedisCli([...address, ...authFlags(sandbox), '-c', ...message]);
    };
    const real = await realRedisCliStreaming([...flags, ...c.args], c.ready, publish, c.done);
    const shell = newShell(sandbox);
    const mine = await shellStreaming(shell, `redis-cli ${quote([...flags, ...c.args])}`, c.ready, publish, c.done);
    await shell.dispose();
    if (process.env.PARITY_DUMP) console.log(real);
    expect(mine).toBe(real);
  });

  it('with the same prompts on a terminal: SELECT, failed SELECT, connect, not connected, -c redirects', async () => {
    for (const [sandbox, flags] of [
      [single, []],
      [cluster, ['-c']],
    ] as const) {
      const port = entryPort(sandbox);
      const lines = promptLines(port, await closedPort());
      const args = ['-h', '127.0.0.1', '-p', String(port), ...authFlags(sandbox), ...flags];
      await flushSandbox(sandbox);
      const real = await realRedisCliTty(args, lines);
      await flushSandbox(sandbox);
      const shell = newShell(sandbox);
      const mine = await shellTty(shell, `redis-cli ${quote(args)}`, lines);
      await shell.dispose();
      if (process.env.PARITY_DUMP) console.log(real);
      expect(mine).toBe(real);
      expect(real).toContain('not connected> ');
    }
  });

  it('with the same (TX) prompts on a terminal around MULTI, EXEC, DISCARD and an aborted transaction', async () => {
    const args = ['-h', '127.0.0.1', '-p', String(entryPort(single)), ...authFlags(single)];
    await flushSandbox(single);
    const real = await realRedisCliTty(args, transactionPromptLines);
    await flushSandbox(single);
    const shell = newShell(single);
    const mine = await shellTty(shell, `redis-cli ${quote(args)}`, transactionPromptLines);
    await shell.dispose();
    expect(mine).toBe(real);
    expect(real).toContain('[5](TX)> ');
  });

  it('covers at least 80 commands', () => {
    const count = singleOneShot.length + singleInteractive.length + clusterOneShot.length + clusterInteractive.length + streamingCases.length;
    expect(count).toBeGreaterThanOrEqual(80);
  });
});
