/** @module The sandbox shape each lesson topology gets by default (TRYIT-CONTRACT.md): single; 1+2; 3 shards x 1. */
import type { SandboxSpec, Topology } from '../../../sandbox/model.ts';

export const DEFAULT_SPECS: Record<Topology, SandboxSpec> = {
  single: { topology: 'single' },
  replication: { topology: 'replication', replicas: 2 },
  cluster: { topology: 'cluster', shards: 3, replicasPerShard: 1 },
};
