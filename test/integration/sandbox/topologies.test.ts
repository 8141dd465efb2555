/** Each topology comes up shaped like ElastiCache, a real ioredis client works against it, and delete leaves nothing behind. */
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { LiveSandbox } from '../../../sandbox/live-sandbox/index.ts';
import { processExists, startTestEngine } from './engine-fixture.ts';

let fixture: Awaited<ReturnType<typeof startTestEngine>>;
beforeAll(async () => {
  fixture = await startTestEngine();
});
afterAll(async () => fixture?.dispose());

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function create(spec: Parameters<typeof fixture.engine.create>[0]): Promise<LiveSandbox> {
  const sandbox = (await fixture.engine.create(spec, 'learner-topologies')) as LiveSandbox;
  onTestFinished(async () => {
    if (fixture.engine.get(sandbox.id)) await fixture.engine.delete(sandbox.id);
  });
  return sandbox;
}

describe('sandbox topologies', () => {
  it('a single node answers a learner client on its primary endpoint', async () => {
    const sandbox = await create({ topology: 'single' });
    const d = sandbox.describe();
    expect(d.status).toBe('available');
    expect(d.replicationGroupId).toMatch(/^cl-[a-z]{4,6}$/);
    expect(d.nodes).toHaveLength(1);
    expect(d.nodes[0]!.name).toBe(`${d.replicationGroupId}-0001-001`);
    expect(d.endpoints.primary!.name).toBe(`master.${d.replicationGroupId}.${d.id}.cache.local`);
    expect(d.endpoints.primary!.port).not.toBe(6379);
    const client = new Redis({ port: d.endpoints.primary!.port, ...d.credentials });
    client.on('error', () => {});
    onTestFinished(() => void client.quit());
    await client.set('greeting', 'hello');
    expect(await client.get('greeting')).toBe('hello');
    expect(sandbox.resolve(d.endpoints.primary!.name)?.port).toBe(d.nodes[0]!.port);
    expect(sandbox.resolve('localhost', d.nodes[0]!.port)?.via).toBe('address');
    expect(sandbox.resolve('127.0.0.1', 1)).toBeUndefined();
    expect(sandbox.owns('127.0.0.1', d.nodes[0]!.port)).toBe(true);
  });

  it('a replication group serves a Sentinel-aware client, with replicas spread across AZs and a rotating reader endpoint', async () => {
    const sandbox = await create({ topology: 'replication', replicas: 2 });
    const d = sandbox.describe();
    expect(d.nodes.map((n) => n.role)).toEqual(['primary', 'replica', 'replica']);
    expect(new Set(d.nodes.map((n) => n.az)).size).toBe(3);
    expect(d.automaticFailover).toBe(true);
    const readerName = d.endpoints.reader!.name;
    const first = sandbox.resolve(readerName)!.port;
    const second = sandbox.resolve(readerName)!.port;
    expect(first).not.toBe(second);
    const client = new Redis({
      sentinels: sandbox.sentinelAddresses(),
      name: d.replicationGroupId,
      sentinelUsername: d.credentials.username,
      sentinelPassword: d.credentials.password,
      ...d.credentials,
    });
    client.on('error', () => {});
    onTestFinished(() => void client.quit());
    await client.set('k', 'v');
    expect(await client.get('k')).toBe('v');
    const replica = new Redis({ port: first, ...d.credentials });
    replica.on('error', () => {});
    onTestFinished(() => void replica.quit());
    await expect.poll(() => replica.get('k')).toBe('v');
  });

  it('a 3x1 cluster splits the slots evenly and serves an ioredis Cluster client across all slots', async () => {
    const sandbox = await create({ topology: 'cluster', shards: 3, replicasPerShard: 1 });
    const d = sandbox.describe();
    expect(d.clusterModeEnabled).toBe(true);
    expect(d.nodeGroups.map((g) => g.slots)).toEqual(['0-5461', '5462-10922', '10923-16383']);
    expect(d.nodes).toHaveLength(6);
    expect(d.endpoints.configuration!.name).toBe(`clustercfg.${d.replicationGroupId}.${d.id}.cache.local`);
    const cluster = new Cluster([{ host: '127.0.0.1', port: d.endpoints.configuration!.port }], { redisOptions: { ...d.credentials } });
    cluster.on('error', () => {});
    onTestFinished(() => void cluster.quit());
    const keys = Array.from({ length: 300 }, (_, i) => `key:${i}`);
    await Promise.all(keys.map((k) => cluster.set(k, k)));
    expect(await Promise.all(keys.map((k) => cluster.get(k)))).toEqual(keys);
    const perShard = await Promise.all(d.nodes.filter((n) => n.role === 'primary').map((n) => sandbox.adminClient(n.name)));
    const sizes = await Promise.all(perShard.map((c) => c.dbsize()));
    for (const c of perShard) c.disconnect();
    expect(sizes.every((n) => n > 0)).toBe(true);
  });

  it('samples CloudWatch-named metrics from INFO for every node', async () => {
    const sandbox = await create({ topology: 'replication', replicas: 1 });
    const d = sandbox.describe();
    const client = new Redis({ port: d.endpoints.primary!.port, ...d.credentials });
    client.on('error', () => {});
    onTestFinished(() => void client.quit());
    await sandbox.collectMetrics();
    await client.set('hit', '1');
    await client.get('hit');
    await client.get('miss');
    await sandbox.collectMetrics();
    const primary = sandbox.metrics().filter((m) => m.node === d.nodeGroups[0]!.primary).at(-1)!;
    expect(primary).toMatchObject({ IsPrimary: 1, CacheHits: 1, CacheMisses: 1, CacheHitRate: 50, CurrItems: 1 });
    expect(primary.BytesUsedForCache).toBeGreaterThan(0);
    const replica = sandbox.metrics().filter((m) => m.node !== d.nodeGroups[0]!.primary).at(-1)!;
    expect(replica.IsPrimary).toBe(0);
    expect(replica.ReplicationLag).toBeGreaterThanOrEqual(0);
  });

  it('deleting a sandbox leaves no process, port or directory behind', async () => {
    const sandbox = (await fixture.engine.create({ topology: 'replication', replicas: 1 }, 'learner-topologies')) as LiveSandbox;
    const pids = [...sandbox.rt.nodes.values()].map((n) => n.process!.pid).concat(sandbox.rt.sentinels.map((s) => s.process!.pid));
    const ports = [...sandbox.rt.nodes.values()].map((n) => n.port).concat(sandbox.rt.sentinels.map((s) => s.port));
    expect(pids).toHaveLength(5);
    expect(pids.every(processExists)).toBe(true);
    expect(existsSync(sandbox.rt.dir)).toBe(true);
    await fixture.engine.delete(sandbox.id);
    expect(pids.some(processExists)).toBe(false);
    expect(await Promise.all(ports.map(portAnswers))).toEqual(ports.map(() => false));
    expect(existsSync(sandbox.rt.dir)).toBe(false);
    expect(fixture.engine.get(sandbox.id)).toBeUndefined();
  });
});
