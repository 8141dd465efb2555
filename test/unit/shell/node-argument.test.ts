/** @module Unit tests: which node `lab kill|stop|resume|restart <argument>` acts on (names and role aliases). */
import { describe, expect, it } from 'vitest';
import type { CacheNode, SandboxDescription } from '../../../sandbox/model.ts';
import { nodeArgument } from '../../../src/shell/lab/node-argument.ts';

function node(name: string, role: CacheNode['role'], shard: string, status: CacheNode['status'] = 'available'): CacheNode {
  return { name, role, shard, az: 'az-a', status, host: '127.0.0.1', port: 20000, endpoint: `${name}.example.cache.local` };
}

function describeWith(nodes: CacheNode[], primaries: Record<string, string | undefined>): SandboxDescription {
  return {
    id: 'sb-1',
    replicationGroupId: 'cl-abcd',
    topology: 'cluster',
    status: 'available',
    clusterModeEnabled: true,
    automaticFailover: true,
    multiAz: true,
    readyMs: 1,
    createdAt: '2026-01-01T00:00:00Z',
    nodeGroups: Object.entries(primaries).map(([id, primary]) => ({
      id,
      ...(primary ? { primary } : {}),
      members: nodes.filter((n) => n.shard === id).map((n) => n.name),
    })),
    nodes,
    endpoints: { configuration: { name: 'clustercfg.example', host: '127.0.0.1', port: 20000 } },
    credentials: { username: 'learner', password: 'secret' },
  };
}

const healthy = describeWith(
  [
    node('n-0001-001', 'primary', '0001'),
    node('n-0001-002', 'replica', '0001'),
    node('n-0001-003', 'replica', '0001'),
    node('n-0002-001', 'primary', '0002'),
    node('n-0002-002', 'replica', '0002'),
  ],
  { '0001': 'n-0001-001', '0002': 'n-0002-001' },
);

const pick = (word: string | undefined, d: SandboxDescription, action: 'kill' | 'stop' | 'resume' | 'restart' = 'kill') => {
  const result = nodeArgument(word, d, action);
  return result.ok ? result.node : `refused: ${result.message}`;
};

describe('lab fault node arguments', () => {
  it('takes real node names as they are', () => {
    expect(pick('n-0002-002', healthy)).toBe('n-0002-002');
  });

  it('reads primary and replica as the roles in shard 0001, in any case', () => {
    expect(pick('primary', healthy)).toBe('n-0001-001');
    expect(pick('PRIMARY', healthy)).toBe('n-0001-001');
    expect(pick('replica', healthy)).toBe('n-0001-002');
  });

  it('reads primary:0002 and replica:2 as roles in another shard', () => {
    expect(pick('primary:0002', healthy)).toBe('n-0002-001');
    expect(pick('replica:2', healthy)).toBe('n-0002-002');
  });

  it('picks the node the action fits: restart primary brings back the primary that went down', () => {
    const afterKill = describeWith(
      [node('n-0001-001', 'primary', '0001', 'down'), node('n-0001-002', 'replica', '0001'), node('n-0001-003', 'replica', '0001')],
      { '0001': undefined },
    );
    expect(pick('primary', afterKill, 'restart')).toBe('n-0001-001');
    const stoppedReplica = describeWith(
      [node('n-0001-001', 'primary', '0001'), node('n-0001-002', 'replica', '0001'), node('n-0001-003', 'replica', '0001', 'stopped')],
      { '0001': 'n-0001-001' },
    );
    expect(pick('replica', stoppedReplica, 'resume')).toBe('n-0001-003');
    expect(pick('replica', stoppedReplica, 'stop')).toBe('n-0001-002');
  });

  it('refuses an alias whose nodes are all in the wrong state, naming the nodes that fit', () => {
    const afterFailover = describeWith(
      [node('n-0001-001', 'replica', '0001', 'down'), node('n-0001-002', 'primary', '0001'), node('n-0001-003', 'replica', '0001')],
      { '0001': 'n-0001-002' },
    );
    expect(pick('primary', afterFailover, 'restart')).toBe(
      'refused: lab restart primary: it needs a node that is down, but n-0001-002 is available; down now: n-0001-001 (lab restart <name>)',
    );
    expect(pick('replica', afterFailover, 'restart')).toBe('n-0001-001');
  });

  it('remembers: resume primary finds the primary that stop primary froze, even after a failover made it a replica', () => {
    const afterFailover = describeWith(
      [node('n-0001-001', 'replica', '0001', 'stopped'), node('n-0001-002', 'primary', '0001'), node('n-0001-003', 'replica', '0001')],
      { '0001': 'n-0001-002' },
    );
    const picks = new Map([['primary:0001', 'n-0001-001']]);
    expect(nodeArgument('primary', afterFailover, 'resume', (alias) => picks.get(alias))).toEqual({
      ok: true,
      node: 'n-0001-001',
      alias: 'primary:0001',
      former: true,
    });
    expect(nodeArgument('primary', afterFailover, 'restart', (alias) => picks.get(alias)).ok).toBe(false);
  });

  it('refuses unknown names, missing shards and missing roles with a one-line message', () => {
    expect(pick(undefined, healthy)).toMatch(/^refused: lab kill needs a node: primary, replica/);
    expect(pick('nosuchnode', healthy)).toMatch(/no node "nosuchnode"/);
    expect(pick('primary:0009', healthy)).toMatch(/no shard 0009; shards are 0001, 0002/);
    const single = describeWith([node('n-0001-001', 'primary', '0001')], { '0001': 'n-0001-001' });
    expect(pick('replica', single)).toMatch(/shard 0001 has no replica right now/);
  });
});
