/** @module Options of the real sandbox engine (the platform fills them from its validated config). */
import type { Topology } from './model.ts';

export interface EngineOptions {
  /** redis-server binary; sentinels run from it too (`redis-server <conf> --sentinel`). */
  redisServer: string;
  /** Parent of every sandbox's working directory; orphans found here at start-up are reaped. */
  workDir: string;
  /** Where snapshot RDB files are kept by the platform. */
  snapshotDir: string;
  /** Inclusive port range for nodes and sentinels; cluster bus ports are port + 10000. Never 6379. */
  portRange: [number, number];
  maxmemoryMb: number;
  sandboxesPerLearner: number;
  maxSandboxes: number;
  memoryBudgetMb: number;
  idleTimeoutMs: number;
  maxLifetimeMs: number;
  /** Ready sandboxes kept per topology (default shape of each: single; replication 1+2; cluster 3x1). */
  warmPool: Partial<Record<Topology, number>>;
}
