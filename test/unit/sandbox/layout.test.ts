/** Slot split, names and AZ placement follow ElastiCache. */
import { describe, expect, it } from 'vitest';
import { evenSlotRanges, formatSlotRanges, parseSlotRanges, planLayout } from '../../../sandbox/topologies/layout.ts';

describe('layout', () => {
  it('splits 16384 slots evenly, the first shards taking the remainder', () => {
    expect(evenSlotRanges(1)).toEqual([[0, 16383]]);
    expect(evenSlotRanges(3)).toEqual([[0, 5461], [5462, 10922], [10923, 16383]]);
    for (let n = 1; n <= 5; n += 1) {
      const sizes = evenSlotRanges(n).map(([a, b]) => b - a + 1);
      expect(sizes.reduce((x, y) => x + y, 0)).toBe(16384);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('formats and parses slot ranges', () => {
    expect(formatSlotRanges([[0, 10], [12, 12]])).toBe('0-10,12');
    expect(parseSlotRanges('0-10,12')).toEqual([[0, 10], [12, 12]]);
    expect(parseSlotRanges(undefined)).toEqual([]);
  });

  it('names node groups and members like ElastiCache and spreads each shard across AZs', () => {
    const { shards, nodes } = planLayout({ topology: 'cluster', shards: 2, replicasPerShard: 2 }, 'cl-abcd', '/tmp/x');
    expect(shards.map((s) => s.id)).toEqual(['0001', '0002']);
    expect(shards[1]!.members).toEqual(['cl-abcd-0002-001', 'cl-abcd-0002-002', 'cl-abcd-0002-003']);
    for (const shard of shards) {
      const azs = nodes.filter((n) => n.shard === shard.id).map((n) => n.az);
      expect(new Set(azs).size).toBe(3);
    }
    expect(nodes.filter((n) => n.role === 'primary').map((n) => n.az)).toEqual(['local-1a', 'local-1b']);
  });

  it('gives a replication group one node group without slots', () => {
    const { shards, nodes } = planLayout({ topology: 'replication', replicas: 2 }, 'cl-abcd', '/tmp/x');
    expect(shards).toEqual([{ id: '0001', slots: undefined, members: ['cl-abcd-0001-001', 'cl-abcd-0001-002', 'cl-abcd-0001-003'] }]);
    expect(nodes.map((n) => n.role)).toEqual(['primary', 'replica', 'replica']);
  });
});
