/** @module Back-to-back failovers: a primary killed right after the previous failover was reported still gets replaced, and a stuck Sentinel is repaired. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { LiveSandbox } from '../../../sandbox/live-sandbox/index.ts';
import { withConnection } from '../../../sandbox/processes/connect.ts';
import { startTestEngine } from './engine-fixture.ts';

let fixture: Awaited<ReturnType<typeof startTestEngine>>;
beforeAll(async () => {
  fixture = await startTestEngine();
});
afterAll(async () => fixture?.dispose());

const COMPLETED = /^Failover to replica node (\S+) completed$/;

/** Polls the events for the next "Failover ... completed" after `seen` events and returns the promoted node's name. */
async function nextCompletedFailover(sandbox: LiveSandbox, seen: number): Promise<string> {
  let promoted: string | undefined;
  await expect
    .poll(
      () => {
        promoted = sandbox.events().slice(seen).map((e) => COMPLETED.exec(e.message)?.[1]).find(Boolean);
        return promoted;
      },
      { timeout: 40_000, interval: 50 },
    )
    .toBeDefined();
  return promoted!;
}

/** Kills the current primary and returns the node the group reports as promoted in its place. */
async function killPrimaryAndAwaitFailover(sandbox: LiveSandbox): Promise<{ killed: string; promoted: string }> {
  const killed = sandbox.describe().nodeGroups[0]!.primary!;
  const seen = sandbox.events().length;
  await sandbox.fault({ action: 'kill', node: killed });
  const promoted = await nextCompletedFailover(sandbox, seen);
  return { killed, promoted };
}

async function sentinelPrimaryPorts(sandbox: LiveSandbox): Promise<number[]> {
  const group = sandbox.describe().replicationGroupId;
  return Promise.all(
    sandbox.sentinelAddresses().map(async (address) => {
      const client = new Redis({ ...address, ...sandbox.credentials, maxRetriesPerRequest: 0 });
      client.on('error', () => {});
      try {
        const addr = (await client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', group)) as string[];
        return Number(addr[1]);
      } finally {
        client.disconnect();
      }
    }),
  );
}

describe('back-to-back failovers', () => {
  it('killing each new primary as soon as its failover is reported fails the group over again, three times in a row', async () => {
    const sandbox = (await fixture.engine.create({ topology: 'replication', replicas: 2 }, 'learner-back-to-back')) as LiveSandbox;
    onTestFinished(async () => {
      if (fixture.engine.get(sandbox.id)) await fixture.engine.delete(sandbox.id);
    });

    const first = await killPrimaryAndAwaitFailover(sandbox);
    expect(first.promoted).not.toBe(first.killed);
    // No pause: the new primary dies the moment its promotion is reported.
    const second = await killPrimaryAndAwaitFailover(sandbox);
    expect(second.killed).toBe(first.promoted);
    expect([first.killed, second.killed]).not.toContain(second.promoted);

    // As an exercise's reset does: bring the dead nodes back, then kill the primary again at once.
    await sandbox.fault({ action: 'restart', node: first.killed });
    await sandbox.fault({ action: 'restart', node: second.killed });
    const third = await killPrimaryAndAwaitFailover(sandbox);
    expect(third.killed).toBe(second.promoted);
    expect([first.killed, second.killed]).toContain(third.promoted);

    const primary = sandbox.describe().nodes.find((n) => n.name === third.promoted)!;
    expect(primary).toMatchObject({ role: 'primary', status: 'available' });
    expect(await sentinelPrimaryPorts(sandbox)).toEqual([primary.port, primary.port, primary.port]);
    const writer = new Redis({ port: primary.port, ...sandbox.credentials });
    writer.on('error', () => {});
    onTestFinished(() => writer.disconnect());
    expect(await writer.set('after:three', 'failovers')).toBe('OK');
  });

  it('a Sentinel stuck on another primary is made to monitor the real one again, so failovers keep working', async () => {
    const sandbox = (await fixture.engine.create({ topology: 'replication', replicas: 1 }, 'learner-stuck-sentinel')) as LiveSandbox;
    onTestFinished(async () => {
      if (fixture.engine.get(sandbox.id)) await fixture.engine.delete(sandbox.id);
    });
    const d = sandbox.describe();
    const replica = d.nodes.find((n) => n.role === 'replica')!;
    const stuck = sandbox.rt.sentinels[0]!;
    // Simulate the leftover of an interrupted failover: one Sentinel believes the replica is the primary.
    await withConnection(stuck.port, sandbox.rt.creds.admin, async (c) => {
      await c.call('SENTINEL', 'REMOVE', d.replicationGroupId);
      await c.call('SENTINEL', 'MONITOR', d.replicationGroupId, '127.0.0.1', String(replica.port), '2');
    });
    await sandbox.fault({ action: 'restart', node: replica.name });
    expect(sandbox.events().map((e) => e.message)).toContain(
      `Sentinel ${stuck.name} was stuck on an old failover and now monitors ${d.nodeGroups[0]!.primary} again`,
    );
    const primaryPort = d.nodes.find((n) => n.name === d.nodeGroups[0]!.primary)!.port;
    expect(await sentinelPrimaryPorts(sandbox)).toEqual([primaryPort, primaryPort, primaryPort]);
    const { promoted } = await killPrimaryAndAwaitFailover(sandbox);
    expect(promoted).toBe(replica.name);
  });
});
