/** @module Turns the validated platform config into the sandbox engine's options. */
import { join, resolve } from 'node:path';
import type { EngineOptions } from '../../sandbox/index.ts';
import type { Config } from './config.ts';

export function parseWarmPool(value: string): EngineOptions['warmPool'] {
  const pool: EngineOptions['warmPool'] = {};
  if (value.trim() === 'none') return pool;
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(single|replication|cluster):(\d+)$/.exec(part);
    if (!match) {
      throw new Error(
        `CACHELAB_WARM_POOL: "${part}" is not "<topology>:<count>"; use e.g. "single:2,replication:1,cluster:1" or "none".`,
      );
    }
    pool[match[1] as keyof EngineOptions['warmPool']] = Number(match[2]);
  }
  return pool;
}

export function engineOptionsFromConfig(config: Config, dataDir: string): EngineOptions {
  const [low, high] = config.CACHELAB_PORT_RANGE.split('-').map(Number) as [number, number];
  return {
    redisServer: config.CACHELAB_REDIS_SERVER,
    workDir: resolve(config.CACHELAB_SANDBOX_DIR ?? join(dataDir, 'sandboxes')),
    snapshotDir: join(dataDir, 'snapshots'),
    portRange: [low, high],
    maxmemoryMb: config.CACHELAB_NODE_MAXMEMORY_MB,
    sandboxesPerLearner: config.CACHELAB_SANDBOXES_PER_LEARNER,
    maxSandboxes: config.CACHELAB_MAX_SANDBOXES,
    memoryBudgetMb: config.CACHELAB_MEMORY_BUDGET_MB,
    idleTimeoutMs: config.CACHELAB_IDLE_TIMEOUT_MIN * 60_000,
    maxLifetimeMs: config.CACHELAB_MAX_LIFETIME_MIN * 60_000,
    warmPool: parseWarmPool(config.CACHELAB_WARM_POOL),
  };
}
