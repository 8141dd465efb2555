/** Faults: a killed primary is replaced by a promoted replica, endpoints follow, clients keep writing; stop/resume/restart behave. */
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { LiveSandbox } from '../../../sandbox/live-sandbox/index.ts';
import { startTestEngine } from './engine-fixture.ts';

let fixture: Awaited<ReturnType<typeof startTestEngine>>;
beforeAll(async () => {
  fixture = await startTestEngine();
});
afterAll(async () => fixture?.dispose());

async function create(spec: Parameters<typeof fixture.engine.create>[0]): Promise<LiveSandbox> {
  const sandbox = (await fixture.engine.create(spec, 'learner-failover')) as LiveSandbox;
  onTestFinished(async () => {
    if (fixture.engine.get(sandbox.id)) await fixture.engine.delete(sandbox.id);
  });
  return sandbox;
}

/** Writes a counter in a loop, counting successes, until stopped. */
function keepWriting(write: (i: number) => Promise<unknown>) {
  let stop = false;
  let ok = 0;
  const loop = (async () => {
    for (let i = 0; !stop; i += 1) {
      try {
        await write(i);
        ok += 1;
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  })();
  return {
    get ok() {
      return ok;
    },
    async stop() {
      stop = true;
      await loop;
    },
  };
}

describe('failover', () => {
  it('killing the replication primary promotes a replica, moves the primary endpoint, and a Sentinel-aware client keeps writing', async () => {
    const sandbox = await create({ topology: 'replication', replicas: 2 });
    const before = sandbox.describe();
    const oldPrimary = before.nodes.find((n) => n.role === 'primary')!;
    const client = new Redis({
      sentinels: sandbox.sentinelAddresses(),
      name: before.replicationGroupId,
      sentinelUsername: before.credentials.username,
      sentinelPassword: before.credentials.password,
      ...before.credentials,
    });
    client.on('error', () => {});
    onTestFinished(() => client.disconnect());
    const writer = keepWriting((i) => client.set(`n:${i % 50}`, i));
    await expect.poll(() => writer.ok).toBeGreaterThan(10);
    const events = await sandbox.fault({ action: 'kill', node: oldPrimary.name });
    expect(events.map((e) => e.message).join('\n')).toContain('killed');
    await expect
      .poll(() => sandbox.describe().endpoints.primary?.port, { timeout: 20_000, interval: 100 })
      .not.toBe(oldPrimary.port);
    const newPrimary = sandbox.describe().nodes.find((n) => n.role === 'primary' && n.status === 'available')!;
    expect(sandbox.resolve(before.endpoints.primary!.name)!.port).toBe(newPrimary.port);
    const afterFailover = writer.ok;
    await expect.poll(() => writer.ok, { timeout: 20_000 }).toBeGreaterThan(afterFailover + 20);
    await writer.stop();
    // Reported once every Sentinel has settled on the new primary, which can be a moment after the endpoint moved.
    await expect
      .poll(() => sandbox.events().some((e) => e.message.startsWith('Failover to replica node')), { timeout: 20_000 })
      .toBe(true);
    expect((await client.call('ROLE')) as string[]).toContain('master');
  });

  it('killing a cluster shard primary promotes its replica and the cluster client keeps writing', async () => {
    const sandbox = await create({ topology: 'cluster', shards: 2, replicasPerShard: 1 });
    const d = sandbox.describe();
    const victim = d.nodes.find((n) => n.shard === '0001' && n.role === 'primary')!;
    const cluster = new Cluster([{ host: '127.0.0.1', port: d.endpoints.configuration!.port }], {
      redisOptions: { ...d.credentials },
    });
    cluster.on('error', () => {});
    onTestFinished(() => cluster.disconnect());
    const writer = keepWriting((i) => cluster.set(`c:${i % 200}`, i));
    await expect.poll(() => writer.ok).toBeGreaterThan(10);
    await sandbox.fault({ action: 'kill', node: victim.name });
    await expect
      .poll(() => sandbox.describe().nodeGroups.find((g) => g.id === '0001')!.primary, { timeout: 20_000, interval: 100 })
      .not.toBe(victim.name);
    const afterFailover = writer.ok;
    await expect.poll(() => writer.ok, { timeout: 20_000 }).toBeGreaterThan(afterFailover + 20);
    await writer.stop();
    await sandbox.fault({ action: 'restart', node: victim.name });
    await expect
      .poll(() => sandbox.describe().nodes.find((n) => n.name === victim.name), { timeout: 20_000, interval: 100 })
      .toMatchObject({ role: 'replica', status: 'available' });
  });

  it('stop makes a node unresponsive, resume brings it back, restart keeps its port', async () => {
    const sandbox = await create({ topology: 'single' });
    const node = sandbox.describe().nodes[0]!;
    const client = new Redis({ port: node.port, ...sandbox.credentials, commandTimeout: 300, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    onTestFinished(() => client.disconnect());
    await client.set('x', '1');
    await sandbox.fault({ action: 'stop', node: node.name });
    expect(sandbox.describe().nodes[0]!.status).toBe('stopped');
    await expect(client.ping()).rejects.toThrow(/timed out/i);
    await sandbox.fault({ action: 'resume', node: node.name });
    await expect.poll(() => client.ping().catch(() => 'no')).toBe('PONG');
    const admin = sandbox.adminClient(node.name);
    admin.on('error', () => {});
    onTestFinished(() => admin.disconnect());
    await admin.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    await admin.call('ACL', 'SETUSER', 'app-reader', 'on', '>app-password', '~app:*', '+get');
    await sandbox.fault({ action: 'restart', node: node.name });
    // The parameter group and the users a lesson added survive the restart, as on ElastiCache.
    expect(await admin.call('CONFIG', 'GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'allkeys-lfu']);
    const appReader = new Redis({ port: node.port, username: 'app-reader', password: 'app-password' });
    appReader.on('error', () => {});
    onTestFinished(() => appReader.disconnect());
    expect(await appReader.get('app:x')).toBeNull();
    const after = sandbox.describe().nodes[0]!;
    expect(after).toMatchObject({ port: node.port, status: 'available' });
    expect(sandbox.events().some((e) => e.message === `Cache node ${node.name} restarted`)).toBe(true);
  });

  it('a node that dies on its own is reported and recovered by the platform, as ElastiCache replaces failed nodes', async () => {
    const sandbox = await create({ topology: 'single' });
    const node = sandbox.rt.nodes.values().next().value!;
    const pid = node.process!.pid;
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => sandbox.events().map((e) => e.message)).toContain(`Cache node ${node.name} failed: the process exited unexpectedly`);
    await expect.poll(() => sandbox.events().map((e) => e.message), { timeout: 20_000 }).toContain(`Finished recovery for cache nodes ${node.name}`);
    expect(sandbox.describe().nodes[0]).toMatchObject({ status: 'available', port: node.port });
    expect(node.process!.pid).not.toBe(pid);
  });

  it('a crashed replication primary is replaced by a replica first, then comes back as a replica with the data', async () => {
    const sandbox = await create({ topology: 'replication', replicas: 1 });
    const primary = sandbox.rt.nodes.get(sandbox.describe().nodeGroups[0]!.primary!)!;
    const writer = new Redis({ port: primary.port, ...sandbox.credentials });
    writer.on('error', () => {});
    onTestFinished(() => writer.disconnect());
    await writer.set('survives', 'yes');
    await writer.wait(1, 1000);
    for (const n of sandbox.rt.nodes.values()) await n.client!.call('CONFIG', 'SET', 'notify-keyspace-events', 'Ex');
    process.kill(primary.process!.pid, 'SIGKILL');
    await expect.poll(() => sandbox.events().map((e) => e.message), { timeout: 30_000 }).toContain(`Finished recovery for cache nodes ${primary.name}`);
    expect(sandbox.describe().nodes.find((n) => n.name === primary.name)).toMatchObject({ role: 'replica', status: 'available' });
    const reader = new Redis({ port: primary.port, ...sandbox.credentials });
    reader.on('error', () => {});
    onTestFinished(() => reader.disconnect());
    await expect.poll(() => reader.get('survives'), { timeout: 10_000 }).toBe('yes');
    expect(await primary.client!.call('CONFIG', 'GET', 'notify-keyspace-events')).toEqual(['notify-keyspace-events', 'xE']);
  });

  it('a manual failover and a TestFailover each promote a replica; a single node refuses failover', async () => {
    const sandbox = await create({ topology: 'replication', replicas: 1 });
    const first = sandbox.describe().nodeGroups[0]!.primary;
    await sandbox.fault({ action: 'failover' });
    const second = sandbox.describe().nodeGroups[0]!.primary;
    expect(second).not.toBe(first);
    const events = await sandbox.testFailover('0001');
    expect(events.map((e) => e.message)).toContain('Test Failover API called for node group 0001');
    await expect.poll(() => sandbox.describe().nodeGroups[0]!.primary, { timeout: 20_000 }).toBe(first);
    await expect
      .poll(() => sandbox.describe().nodes.map((n) => `${n.role}/${n.status}`).sort(), { timeout: 20_000 })
      .toEqual(['primary/available', 'replica/available']);

    const single = await create({ topology: 'single' });
    await expect(single.fault({ action: 'failover' })).rejects.toMatchObject({ status: 409 });
  });
});
