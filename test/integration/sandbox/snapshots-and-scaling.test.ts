/** Snapshots round-trip data into a new sandbox; replicas come and go; a new shard takes slots while a client keeps writing. */
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { LiveSandbox } from '../../../sandbox/live-sandbox/index.ts';
import { processExists, startTestEngine } from './engine-fixture.ts';

let fixture: Awaited<ReturnType<typeof startTestEngine>>;
beforeAll(async () => {
  fixture = await startTestEngine();
});
afterAll(async () => fixture?.dispose());

async function create(spec: Parameters<typeof fixture.engine.create>[0]): Promise<LiveSandbox> {
  const sandbox = (await fixture.engine.create(spec, 'learner-snap')) as LiveSandbox;
  onTestFinished(async () => {
    if (fixture.engine.get(sandbox.id)) await fixture.engine.delete(sandbox.id);
  });
  return sandbox;
}

function clusterClient(sandbox: LiveSandbox): Cluster {
  const d = sandbox.describe();
  const client = new Cluster([{ host: '127.0.0.1', port: d.endpoints.configuration!.port }], { redisOptions: { ...d.credentials } });
  client.on('error', () => {});
  onTestFinished(() => client.disconnect());
  return client;
}

describe('snapshots', () => {
  it('a replication group snapshot restores into a new sandbox with the same data', async () => {
    const source = await create({ topology: 'replication', replicas: 1 });
    const client = new Redis({ port: source.describe().endpoints.primary!.port, ...source.credentials });
    client.on('error', () => {});
    onTestFinished(() => client.disconnect());
    await client.mset('a', '1', 'b', '2');
    await client.hset('h', 'f', 'v');
    const snapshot = await source.snapshot();
    expect(snapshot.shards).toHaveLength(1);
    expect(snapshot.shards[0]!.bytes).toBeGreaterThan(0);
    expect(fixture.engine.getSnapshot(snapshot.id)).toEqual(snapshot);
    const restored = (await fixture.engine.restore(snapshot.id, 'learner-snap')) as LiveSandbox;
    onTestFinished(() => fixture.engine.delete(restored.id));
    expect(restored.id).not.toBe(source.id);
    const check = new Redis({ port: restored.describe().endpoints.primary!.port, ...restored.credentials });
    check.on('error', () => {});
    onTestFinished(() => check.disconnect());
    expect(await check.mget('a', 'b')).toEqual(['1', '2']);
    expect(await check.hget('h', 'f')).toBe('v');
    expect(source.events().some((e) => e.message.startsWith('Snapshot succeeded'))).toBe(true);
  });

  it('a cluster snapshot restores every shard with its slots', async () => {
    const source = await create({ topology: 'cluster', shards: 2, replicasPerShard: 0 });
    const client = clusterClient(source);
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((k) => client.set(k, k)));
    const snapshot = await source.snapshot();
    expect(snapshot.shards.map((s) => s.slots)).toEqual(['0-8191', '8192-16383']);
    const restored = (await fixture.engine.restore(snapshot.id, 'learner-snap')) as LiveSandbox;
    onTestFinished(() => fixture.engine.delete(restored.id));
    expect(restored.describe().nodeGroups.map((g) => g.slots)).toEqual(['0-8191', '8192-16383']);
    const check = clusterClient(restored);
    expect(await Promise.all(keys.map((k) => check.get(k)))).toEqual(keys);
  });
});

describe('scaling', () => {
  it('adds a replica that syncs the data, then removes it without a trace', async () => {
    const sandbox = await create({ topology: 'replication', replicas: 1 });
    const primary = new Redis({ port: sandbox.describe().endpoints.primary!.port, ...sandbox.credentials });
    primary.on('error', () => {});
    onTestFinished(() => primary.disconnect());
    await primary.set('seed', 'x');
    const node = await sandbox.addReplica();
    expect(node.name).toMatch(/-0001-003$/);
    const replica = new Redis({ port: node.port, ...sandbox.credentials });
    replica.on('error', () => {});
    onTestFinished(() => replica.disconnect());
    expect(await replica.get('seed')).toBe('x');
    const pid = sandbox.rt.nodes.get(node.name)!.process!.pid;
    await sandbox.removeReplica(node.name);
    expect(processExists(pid)).toBe(false);
    expect(sandbox.describe().nodes.map((n) => n.name)).not.toContain(node.name);
    await expect(sandbox.removeReplica(sandbox.describe().nodeGroups[0]!.primary!)).rejects.toMatchObject({ status: 409 });
  });

  it('adding a shard moves slots to it online while a client keeps writing and reading', async () => {
    const sandbox = await create({ topology: 'cluster', shards: 2, replicasPerShard: 0 });
    const client = clusterClient(sandbox);
    const keys = Array.from({ length: 500 }, (_, i) => `item:${i}`);
    await Promise.all(keys.map((k) => client.set(k, '0')));
    let stop = false;
    let writes = 0;
    const failures: string[] = [];
    const writer = (async () => {
      for (let i = 0; !stop; i += 1) {
        const key = keys[i % keys.length]!;
        try {
          await client.set(key, String(i));
          writes += 1;
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    })();
    await sandbox.addShard();
    stop = true;
    await writer;
    const d = sandbox.describe();
    expect(d.nodeGroups).toHaveLength(3);
    expect(d.nodeGroups[2]!.slots).toBeDefined();
    const counts = d.nodeGroups.map((g) => g.slots!.split(',').reduce((n, r) => {
      const [a, b] = r.split('-').map(Number) as [number, number?];
      return n + (b ?? a) - a + 1;
    }, 0));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(16384);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(writes).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    expect((await Promise.all(keys.map((k) => client.get(k)))).every((v) => v !== null)).toBe(true);
    const newPrimary = d.nodes.find((n) => n.shard === '0003')!;
    const admin = sandbox.adminClient(newPrimary.name);
    expect(await admin.dbsize()).toBeGreaterThan(0);
    admin.disconnect();
  });
});
