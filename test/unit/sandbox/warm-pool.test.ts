/** The warm pool hands out only exact default shapes (defaults filled in before comparing). */
import { describe, expect, it } from 'vitest';
import { POOL_SHAPES, sameShape } from '../../../sandbox/warm-pool.ts';

describe('warm pool shapes', () => {
  it('keeps single, replication 1+2 and cluster 3x1', () => {
    expect(POOL_SHAPES).toEqual({
      single: { topology: 'single' },
      replication: { topology: 'replication', replicas: 2 },
      cluster: { topology: 'cluster', shards: 3, replicasPerShard: 1 },
    });
  });

  it('matches a request that relies on the schema defaults, and nothing of another size', () => {
    expect(sameShape({ topology: 'replication' } as never, POOL_SHAPES.replication)).toBe(true);
    expect(sameShape({ topology: 'cluster' } as never, POOL_SHAPES.cluster)).toBe(true);
    expect(sameShape({ topology: 'replication', replicas: 1 }, POOL_SHAPES.replication)).toBe(false);
    expect(sameShape({ topology: 'cluster', shards: 3, replicasPerShard: 0 }, POOL_SHAPES.cluster)).toBe(false);
  });
});
