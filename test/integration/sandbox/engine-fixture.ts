/** @module Test fixture: a real sandbox engine in a temporary directory with its own port range, disposed after the test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSandboxEngine, type EngineOptions, type RedisSandboxEngine } from '../../../sandbox/index.ts';

/** Options for a test engine; with `overrides.workDir` its snapshots go beside it, else under a new temp dir. */
export function testEngineOptions(portBase: number, overrides: Partial<EngineOptions> = {}): EngineOptions {
  const root = overrides.workDir ? dirname(overrides.workDir) : mkdtempSync(join(tmpdir(), 'cachelab-sandbox-test-'));
  return {
    redisServer: process.env.CACHELAB_REDIS_SERVER ?? 'redis-server',
    workDir: join(root, 'sandboxes'),
    snapshotDir: join(root, 'snapshots'),
    portRange: [portBase, portBase + 399],
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

export async function startTestEngine(portBase: number, overrides: Partial<EngineOptions> = {}) {
  const options = testEngineOptions(portBase, overrides);
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
