/** Endpoint names resolve inside the sandbox only: the primary endpoint follows the primary, the reader rotates. */
import { describe, expect, it } from 'vitest';
import { EndpointResolver } from '../../../sandbox/live-sandbox/endpoints.ts';
import type { SandboxRuntime } from '../../../sandbox/live-sandbox/sandbox-runtime.ts';
import { planLayout } from '../../../sandbox/topologies/layout.ts';

function runtime(spec: SandboxRuntime['spec']): SandboxRuntime {
  const { nodes, shards } = planLayout(spec, 'cl-test', '/tmp/sb');
  nodes.forEach((n, i) => {
    n.port = 30000 + i;
    n.status = 'available';
  });
  return { id: 'sb-1', groupId: 'cl-test', spec, shards, nodes: new Map(nodes.map((n) => [n.name, n])) } as SandboxRuntime;
}

describe('EndpointResolver', () => {
  it('resolves the primary endpoint to the current primary, also after a failover', () => {
    const rt = runtime({ topology: 'replication', replicas: 2 });
    const resolver = new EndpointResolver(rt);
    expect(resolver.resolve('MASTER.cl-test.sb-1.cache.local')).toMatchObject({ port: 30000, via: 'primary' });
    rt.nodes.get('cl-test-0001-001')!.role = 'replica';
    rt.nodes.get('cl-test-0001-002')!.role = 'primary';
    expect(resolver.resolve('master.cl-test.sb-1.cache.local')!.port).toBe(30001);
    expect(resolver.endpoints().primary!.port).toBe(30001);
  });

  it('rotates the reader endpoint across available replicas', () => {
    const resolver = new EndpointResolver(runtime({ topology: 'replication', replicas: 2 }));
    const ports = [1, 2, 3, 4].map(() => resolver.resolve('replica.cl-test.sb-1.cache.local')!.port);
    expect(ports).toEqual([30001, 30002, 30001, 30002]);
  });

  it('resolves node names, node endpoints and 127.0.0.1/localhost with a port of the sandbox, nothing else', () => {
    const resolver = new EndpointResolver(runtime({ topology: 'cluster', shards: 2, replicasPerShard: 0 }));
    expect(resolver.resolve('cl-test-0002-001')).toMatchObject({ port: 30001, via: 'node' });
    expect(resolver.resolve('cl-test-0002-001.cl-test.sb-1.cache.local')!.port).toBe(30001);
    expect(resolver.resolve('clustercfg.cl-test.sb-1.cache.local')!.via).toBe('configuration');
    expect(resolver.resolve('localhost', 30000)!.via).toBe('address');
    expect(resolver.resolve('127.0.0.1', 6379)).toBeUndefined();
    expect(resolver.resolve('10.0.0.1', 30000)).toBeUndefined();
    expect(resolver.resolve('master.cl-test.sb-1.cache.local')).toBeUndefined();
    expect(resolver.resolve('master.cl-test.sb-2.cache.local')).toBeUndefined();
  });
});
