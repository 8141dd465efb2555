/** Governance and crash safety: caps give 429/503, idle sandboxes are reclaimed, orphans of a SIGKILLed platform are reaped. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { createSandboxEngine } from '../../../sandbox/index.ts';
import type { LiveSandbox } from '../../../sandbox/live-sandbox/index.ts';
import { MARKER_FILE, processStartTime } from '../../../sandbox/owner-marker.ts';
import { processExists, startTestEngine, testEngineOptions } from './engine-fixture.ts';
import { formatPortRange, testPortRange } from '../../support/test-port-range.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function engineWith(overrides: Parameters<typeof startTestEngine>[0]) {
  const fixture = await startTestEngine(overrides);
  onTestFinished(() => fixture.dispose());
  return fixture.engine;
}

describe('caps', () => {
  it('a learner at the per-learner cap gets 429 with what to do; others still get sandboxes', async () => {
    const engine = await engineWith({ sandboxesPerLearner: 1 });
    await engine.create({ topology: 'single' }, 'alice');
    const refusal = await engine.create({ topology: 'single' }, 'alice').catch((e: unknown) => e);
    expect(refusal).toMatchObject({ status: 429 });
    expect((refusal as Error).message).toMatch(/Delete one/);
    await expect(engine.create({ topology: 'single' }, 'bob')).resolves.toBeDefined();
  });

  it('the machine-wide sandbox cap gives 503', async () => {
    const engine = await engineWith({ maxSandboxes: 1 });
    await engine.create({ topology: 'single' }, 'alice');
    await expect(engine.create({ topology: 'single' }, 'bob')).rejects.toMatchObject({ status: 503 });
  });

  it('the memory budget gives 503 and suggests a smaller topology', async () => {
    const engine = await engineWith({ memoryBudgetMb: 40 });
    const refusal = await engine.create({ topology: 'cluster', shards: 3, replicasPerShard: 1 }, 'alice').catch((e: unknown) => e);
    expect(refusal).toMatchObject({ status: 503 });
    expect((refusal as Error).message).toMatch(/memory budget/);
    await expect(engine.create({ topology: 'single' }, 'alice')).resolves.toBeDefined();
  });

  it('an idle sandbox is deleted after the idle timeout, processes and all', async () => {
    const engine = await engineWith({ idleTimeoutMs: 1000 });
    const sandbox = await engine.create({ topology: 'single' }, 'alice');
    const pid = (sandbox as LiveSandbox).rt.nodes.values().next().value!.process!.pid;
    await expect.poll(() => engine.get(sandbox.id), { timeout: 10_000 }).toBeUndefined();
    await expect.poll(() => sandbox.describe().status).toBe('deleted');
    expect(processExists(pid)).toBe(false);
  });
});

describe('lifetime', () => {
  it('an open learner connection counts as activity; the maximum lifetime ends the sandbox anyway', async () => {
    // Metrics (which notice open learner connections) are sampled every 5 s: the idle timeout must be longer.
    const engine = await engineWith({ idleTimeoutMs: 7000, maxLifetimeMs: 12_000 });
    const sandbox = (await engine.create({ topology: 'single' }, 'alice')) as LiveSandbox;
    const { Redis } = await import('ioredis');
    const client = new Redis({ port: sandbox.describe().nodes[0]!.port, ...sandbox.credentials });
    client.on('error', () => {});
    onTestFinished(() => client.disconnect());
    await client.ping();
    await sandbox.collectMetrics();
    expect(Date.now() - sandbox.lastActivity).toBeLessThan(1000);
    await expect.poll(() => engine.get(sandbox.id), { timeout: 25_000, interval: 200 }).toBeUndefined();
    expect(Date.now() - sandbox.createdAt.getTime()).toBeGreaterThanOrEqual(12_000);
  });
});

describe('crash safety', () => {
  it('orphans of a SIGKILLed platform are reaped at the next start, and nothing else is touched', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cachelab-reaper-'));
    cleanups.push(async () => rmSync(root, { recursive: true, force: true }));
    const workDir = join(root, 'sandboxes');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/orphan-maker.ts'), workDir, formatPortRange(testPortRange())], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`orphan maker exited early with ${code}`)));
    });
    const { pids, dir } = JSON.parse(line) as { pids: number[]; dir: string };
    expect(pids).toHaveLength(5);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(pids.every(processExists)).toBe(true);

    // A bystander: a live process recorded in a marker, but not a redis-server of ours. It must survive.
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    onTestFinished(() => void bystander.kill('SIGKILL'));
    const fakeDir = join(workDir, 'sb-fake');
    mkdirSync(join(fakeDir, 'nodes', 'n'), { recursive: true });
    writeFileSync(
      join(fakeDir, MARKER_FILE),
      JSON.stringify({
        platformPid: 999_999_999,
        platformStartTime: '1',
        sandboxId: 'sb-fake',
        processes: [{ pid: bystander.pid, startTime: processStartTime(bystander.pid!), dir: join(fakeDir, 'nodes', 'n'), port: 1 }],
      }),
    );

    const engine = await createSandboxEngine(testEngineOptions({ workDir }));
    onTestFinished(() => engine.dispose());
    expect(pids.some(processExists)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(fakeDir)).toBe(false);
    expect(processExists(bystander.pid!)).toBe(true);
  });
});

describe('warm pool', () => {
  it('hands out a ready sandbox with fresh credentials, never the same one twice, and refills', async () => {
    const engine = await engineWith({ warmPool: { single: 1 } });
    await engine.pool.filled();
    const pooled = engine.pool.members()[0]!;
    const poolPassword = pooled.credentials.password;
    const [a, b] = await Promise.all([engine.create({ topology: 'single' }, 'alice'), engine.create({ topology: 'single' }, 'bob')]);
    expect(a.id).not.toBe(b.id);
    const handedOut = a.id === pooled.id ? a : b;
    expect(handedOut.id).toBe(pooled.id);
    expect(handedOut.credentials.password).not.toBe(poolPassword);
    const { Redis } = await import('ioredis');
    const port = handedOut.describe().nodes[0]!.port;
    const fresh = new Redis({ port, ...handedOut.credentials });
    onTestFinished(() => fresh.disconnect());
    expect(await fresh.ping()).toBe('PONG');
    const stale = new Redis({ port, username: 'learner', password: poolPassword, maxRetriesPerRequest: 0, retryStrategy: () => null });
    stale.on('error', () => {});
    onTestFinished(() => stale.disconnect());
    await expect(stale.ping()).rejects.toThrow();
    await engine.pool.filled();
    expect(engine.pool.members()[0]!.id).not.toBe(pooled.id);
    expect(engine.health().warmPool).toEqual({ single: 1 });
  });
});
