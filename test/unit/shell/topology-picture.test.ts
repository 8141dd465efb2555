/** @module Unit tests: The lab topology picture. */
import { describe, expect, it } from 'vitest';
import type { CacheNode, SandboxDescription } from '../../../sandbox/model.ts';
import { drawTopology } from '../../../src/shell/lab/topology-picture.ts';

function node(name: string, role: CacheNode['role'], shard: string, az: string, status: CacheNode['status'] = 'available'): CacheNode {
  return { name, role, shard, az, status, host: '127.0.0.1', port: 20000, endpoint: `${name}.example.cache.local` };
}

const cluster: SandboxDescription = {
  id: 'sb-1',
  replicationGroupId: 'cl-abcd',
  topology: 'cluster',
  status: 'available',
  clusterModeEnabled: true,
  automaticFailover: true,
  multiAz: true,
  readyMs: 1,
  createdAt: '2026-01-01T00:00:00Z',
  nodeGroups: [
    { id: '0001', slots: '0-8191', primary: 'n-0001-001', members: ['n-0001-001', 'n-0001-002'] },
    { id: '0002', slots: '8192-16383', primary: 'n-0002-001', members: ['n-0002-001', 'n-0002-002'] },
  ],
  nodes: [
    node('n-0001-001', 'primary', '0001', 'az-a'),
    node('n-0001-002', 'replica', '0001', 'az-b', 'down'),
    node('n-0002-001', 'primary', '0002', 'az-b'),
    node('n-0002-002', 'replica', '0002', 'az-c'),
  ],
  endpoints: { configuration: { name: 'clustercfg.example', host: '127.0.0.1', port: 20000 } },
  credentials: { username: 'learner', password: 'secret' },
};

describe('the lab topology picture', () => {
  it('draws one column per Availability Zone and one row per shard when the terminal is wide enough', () => {
    const picture = drawTopology(cluster, 120);
    const rows = picture.split('\n');
    const header = rows.find((r) => r.includes('az-a'))!;
    expect(header).toMatch(/\| az-a\s+\| az-b\s+\| az-c\s+\|/);
    const shard1 = rows.find((r) => r.includes('shard 0001'))!;
    expect(shard1.indexOf('[P] n-0001-001')).toBe(header.indexOf('az-a'));
    expect(shard1.indexOf('[R] n-0001-002 (DOWN)')).toBe(header.indexOf('az-b'));
    expect(picture).toContain('shard 0002 (slots 8192-16383)');
    expect(rows.every((r) => r.length <= 120)).toBe(true);
  });

  it('falls back to an indented list on a narrow terminal', () => {
    const picture = drawTopology(cluster, 40);
    expect(picture).toContain('shard 0001 (slots 0-8191)\n  [P] n-0001-001  az-a\n  [R] n-0001-002 (DOWN)  az-b\n');
  });
});
