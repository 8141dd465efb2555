/**
 * @module Brings a reused sandbox back to a clean starting state for high-availability exercises: stopped nodes
 * resumed, killed nodes restarted, every replica linked to the one primary again, every Sentinel agreeing on it,
 * statistics reset.
 */
import { Redis } from 'ioredis';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { waitUntil } from '../../../sandbox/wait-until.ts';
import { parseInfo } from '../check-helpers.ts';
import { withAdmin } from './with-admin.ts';

const HEAL_TIMEOUT_MS = 30_000;

/**
 * Resumes stopped nodes and restarts down ones, then waits until every replica of every shard is in sync and the
 * Sentinels have settled: an exercise that fails the primary again right away must get another failover.
 */
export async function healSandbox(sandbox: Sandbox): Promise<void> {
  for (const node of sandbox.describe().nodes) {
    if (node.status === 'stopped') await sandbox.fault({ action: 'resume', node: node.name });
  }
  for (const node of sandbox.describe().nodes) {
    if (node.status === 'down') await sandbox.fault({ action: 'restart', node: node.name });
  }
  await waitUntil(async () => (await replicasInSync(sandbox)) && (await sentinelsAgree(sandbox)), {
    timeoutMs: HEAL_TIMEOUT_MS,
    intervalMs: 100,
    what: `every replica of sandbox ${sandbox.id} to be linked to its primary and every Sentinel to agree on it`,
  });
}

async function replicasInSync(sandbox: Sandbox): Promise<boolean> {
  const d = sandbox.describe();
  if (d.status !== 'available' || d.nodes.some((n) => n.status !== 'available')) return false;
  for (const group of d.nodeGroups) {
    const members = d.nodes.filter((n) => n.shard === group.id);
    const primaries = members.filter((n) => n.role === 'primary');
    if (primaries.length !== 1 || group.primary !== primaries[0]!.name) return false;
    const replicas = members.length - 1;
    const info = parseInfo(await withAdmin(sandbox, primaries[0]!.name, (c) => c.info('replication')));
    if (info.get('role') !== 'master' || Number(info.get('connected_slaves')) !== replicas) return false;
    for (const replica of members.filter((n) => n.role === 'replica')) {
      const r = parseInfo(await withAdmin(sandbox, replica.name, (c) => c.info('replication')));
      if (r.get('master_link_status') !== 'up' || Number(r.get('master_port')) !== primaries[0]!.port) return false;
    }
  }
  return true;
}

/** Every Sentinel (there are none without replicas) names the current primary and has no failover in progress. */
async function sentinelsAgree(sandbox: Sandbox): Promise<boolean> {
  const d = sandbox.describe();
  const primary = d.nodes.find((n) => n.name === d.nodeGroups[0]?.primary);
  if (!primary) return false;
  for (const address of sandbox.sentinelAddresses?.() ?? []) {
    const client = new Redis({ ...address, ...sandbox.credentials, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      const addr = (await client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', d.replicationGroupId)) as string[] | null;
      const fields = (await client.call('SENTINEL', 'MASTER', d.replicationGroupId)) as string[];
      const flags = fields[fields.indexOf('flags') + 1];
      if (Number(addr?.[1]) !== primary.port || flags !== 'master') return false;
    } finally {
      client.disconnect();
    }
  }
  return true;
}

/** CONFIG RESETSTAT on every available node, so commandstats count only what the learner does from now on. */
export async function resetStats(sandbox: Sandbox): Promise<void> {
  await Promise.all(
    sandbox
      .describe()
      .nodes.filter((n) => n.status === 'available')
      .map((n) => withAdmin(sandbox, n.name, (c) => c.call('CONFIG', 'RESETSTAT'))),
  );
}

/** Calls of one command on one node since the last RESETSTAT (INFO commandstats), 0 when never called. */
export async function commandCalls(sandbox: Sandbox, node: string, command: string): Promise<number> {
  const info = parseInfo(await withAdmin(sandbox, node, (c) => c.info('commandstats')));
  const line = info.get(`cmdstat_${command.toLowerCase()}`);
  return line ? Number(/calls=(\d+)/.exec(line)?.[1] ?? 0) : 0;
}
