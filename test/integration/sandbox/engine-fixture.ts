/** @module Test fixture: a real sandbox engine in a temporary directory with its own port range, disposed after the test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSandboxEngine, type EngineOptions, type RedisSandboxEngine } from '../../../sandbox/index.ts';
import { testPortRange } from '../../support/test-port-range.ts';

/** A fixed port base made files running side by side collide; a call written the old way says how to fix it. */
function refuseOldPortBase(overrides: unknown): void {
  if (typeof overrides === 'number') {
    throw new Error(
      'Test engines no longer take a port base: drop the number. Each file gets a disjoint range from testPortRange() (test/support/test-port-range.ts).',
    );
  }
}

/**
 * Options for a test engine, on this file's next port range unless `overrides.portRange` says otherwise; with
 * `overrides.workDir` its snapshots go beside it, else under a new temp dir.
 */
export function testEngineOptions(overrides: Partial<EngineOptions> = {}): EngineOptions {
  refuseOldPortBase(overrides);
  const root = overrides.workDir ? dirname(overrides.workDir) : mkdtempSync(join(tmpdir(), 'cachelab-sandbox-test-'));
  return {
    redisServer: process.env.CACHELAB_REDIS_SERVER ?? 'redis-server',
    workDir: join(root, 'sandboxes'),
    snapshotDir: join(root, 'snapshots'),
    portRange: overrides.portRange ?? testPortRange(),
    maxmemoryMb: 64,
    sandboxesPerLearner: 10,
    maxSandboxes: 20,
    memoryBudgetMb: 12_288,
    idleTimeoutMs: 30 * 60_000,
    maxLifetimeMs: 4 * 60 * 60_000,
    warmPool: {},
    ...overrides,
  };
}

export async function startTestEngine(overrides: Partial<EngineOptions> = {}) {
  const options = testEngineOptions(overrides);
  const engine: RedisSandboxEngine = await createSandboxEngine(options);
  return {
    engine,
    options,
    async dispose() {
      await engine.dispose();
      rmSync(join(options.workDir, '..'), { recursive: true, force: true });
    },
  };
}

/** True while a process with this pid exists (signal 0 checks without touching it). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
