/**
 * @module Whether a replication group's Sentinels have settled on the primary the platform sees, and how to bring
 * back a Sentinel that got stuck on another one. A failover is reported only once they have settled: a second
 * failure while they still disagree would leave them unable to ever fail over again.
 */
import type { Redis } from 'ioredis';
import { withConnection } from '../processes/connect.ts';
import { sentinelMonitorSettings } from '../lockdown/sentinel-config.ts';
import type { NodeState, SandboxRuntime, SentinelState } from './sandbox-runtime.ts';

function fieldsOf(reply: unknown): Record<string, string> {
  const fields = reply as string[];
  return Object.fromEntries(fields.flatMap((v, i) => (i % 2 === 0 ? [[v, fields[i + 1]!]] : [])));
}

/**
 * One Sentinel has settled when it names `primary` as the master, has no failover in progress (flags exactly
 * "master") and lists every available replica as a healthy replica (a candidate for the next failover).
 */
async function sentinelSettled(client: Redis, rt: SandboxRuntime, primary: NodeState, replicas: NodeState[]): Promise<boolean> {
  const addr = (await client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', rt.groupId)) as [string, string] | null;
  if (!addr || Number(addr[1]) !== primary.port) return false;
  const master = fieldsOf(await client.call('SENTINEL', 'MASTER', rt.groupId));
  if (master.flags !== 'master' || Number(master.port) !== primary.port) return false;
  const known = ((await client.call('SENTINEL', 'REPLICAS', rt.groupId)) as unknown[]).map(fieldsOf);
  return replicas.every((r) => known.some((k) => Number(k.port) === r.port && k.flags === 'slave'));
}

function liveSentinels(rt: SandboxRuntime): SentinelState[] {
  return rt.sentinels.filter((s) => s.process?.alive);
}

function availableReplicas(rt: SandboxRuntime, primary: NodeState): NodeState[] {
  const shard = rt.shards.find((s) => s.id === primary.shard);
  return (shard?.members ?? [])
    .map((m) => rt.nodes.get(m)!)
    .filter((n) => n !== primary && n.status === 'available' && n.role === 'replica');
}

/** The live Sentinels that have not settled on `primary` yet (an unreachable one counts as unsettled). */
export async function unsettledSentinels(rt: SandboxRuntime, primary: NodeState): Promise<SentinelState[]> {
  const replicas = availableReplicas(rt, primary);
  const verdicts = await Promise.all(
    liveSentinels(rt).map((s) =>
      withConnection(s.port, rt.creds.admin, (c) => sentinelSettled(c, rt, primary, replicas)).catch(() => false),
    ),
  );
  return liveSentinels(rt).filter((_, i) => !verdicts[i]);
}

/**
 * Makes a stuck Sentinel monitor `primary` afresh (REMOVE, MONITOR, the group's settings). It forgets its peers and
 * replicas and finds them again within a few seconds from the primary's INFO and the hello channel.
 */
export async function remonitor(rt: SandboxRuntime, sentinel: SentinelState, primary: NodeState): Promise<void> {
  await withConnection(sentinel.port, rt.creds.admin, async (c) => {
    await c.call('SENTINEL', 'REMOVE', rt.groupId).catch(() => {});
    await c.call('SENTINEL', 'MONITOR', rt.groupId, '127.0.0.1', String(primary.port), '2');
    for (const [option, value] of sentinelMonitorSettings(rt.creds)) {
      await c.call('SENTINEL', 'SET', rt.groupId, option, value);
    }
  });
  rt.events.add('replication-group', rt.groupId, `Sentinel ${sentinel.name} was stuck on an old failover and now monitors ${primary.name} again`);
}
