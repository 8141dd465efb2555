/**
 * @module Fault injection on a sandbox's nodes: kill (SIGKILL), stop/resume (SIGSTOP/SIGCONT), restart (same config
 * and port; the node rejoins), failover (Sentinel FAILOVER or CLUSTER FAILOVER) and ElastiCache's TestFailover.
 */
import { ConflictError } from '../../src/server/errors.ts';
import type { FaultRequest } from '../model.ts';
import { startNode, stopNode } from '../processes/node-launcher.ts';
import { withConnection } from '../processes/connect.ts';
import { waitUntil } from '../wait-until.ts';
import { applyNodeSettings, readNodeSettings, type NodeSettings } from './node-settings.ts';
import type { RoleTracker } from './role-tracker.ts';
import { clusterMode, requireNode, shardPrimary, type NodeState, type SandboxRuntime } from './sandbox-runtime.ts';

const FAILOVER_TIMEOUT_MS = 30_000;
const SETTLE_TIMEOUT_MS = 20_000;

export async function killNode(rt: SandboxRuntime, tracker: RoleTracker, node: NodeState): Promise<void> {
  if (node.status === 'down' || !node.process?.alive) {
    throw new ConflictError(`Node ${node.name} is already down. Bring it back with {"action":"restart","node":"${node.name}"}.`);
  }
  node.expectingExit = true;
  node.process.signal('SIGKILL');
  await node.process.exited;
  node.status = 'down';
  rt.events.add('cache-cluster', node.name, `Cache node ${node.name} failed: process killed (SIGKILL) by fault injection`);
  tracker.hurry();
}

/** The settings to carry over: the node's own while it still answers, else those of a live sibling. */
async function settingsFor(rt: SandboxRuntime, node: NodeState): Promise<NodeSettings | undefined> {
  const sources = [node, ...[...rt.nodes.values()].filter((n) => n !== node)].filter((n) => n.status === 'available' && n.client);
  for (const source of sources) {
    try {
      return await readNodeSettings(source.client!, rt.creds);
    } catch {
      // Busy or going away: try the next one.
    }
  }
  return undefined;
}

export async function restartNode(rt: SandboxRuntime, tracker: RoleTracker, node: NodeState): Promise<void> {
  const settings = await settingsFor(rt, node);
  node.status = 'restarting';
  await stopNode(node);
  const primary = shardPrimary(rt, node.shard);
  // Cluster nodes find their place from nodes.conf; a non-cluster node that is not the live primary rejoins as a replica.
  const replicaOf =
    !clusterMode(rt) && primary && primary !== node && primary.status === 'available' ? primary.port : undefined;
  try {
    await startNode(rt, node, { replicaOf });
    if (settings) await applyNodeSettings(node.client!, settings);
  } catch (error) {
    node.status = 'down';
    rt.events.add('cache-cluster', node.name, `Cache node ${node.name} could not be restarted: ${(error as Error).message}`);
    throw error;
  }
  rt.events.add('cache-cluster', node.name, `Cache node ${node.name} restarted`);
  tracker.hurry();
  await waitForSentinels(rt, tracker, node.shard);
}

/** With Sentinels, waits until they all agree on the shard's primary again and see the restarted node as a replica. */
async function waitForSentinels(rt: SandboxRuntime, tracker: RoleTracker, shard: string): Promise<void> {
  if (clusterMode(rt) || rt.sentinels.length === 0) return;
  await waitUntil(
    async () => {
      await tracker.refresh();
      const primary = shardPrimary(rt, shard);
      return primary?.status === 'available' && tracker.isSettled(primary);
    },
    { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 50, what: `the Sentinels of node group ${shard} to agree on its primary`, signal: rt.abort.signal },
  );
}

/**
 * Waits until a member other than `oldPrimary` is primary and accepts writes, and the tracker has recorded it
 * (which, in a group with Sentinels, means every Sentinel settled on it: a fault right after is survivable).
 */
export async function waitForNewPrimary(rt: SandboxRuntime, tracker: RoleTracker, shard: string, oldPrimary: string): Promise<NodeState> {
  return waitUntil(
    async () => {
      await tracker.refresh();
      const primary = shardPrimary(rt, shard);
      if (!primary || primary.name === oldPrimary || primary.status !== 'available') return undefined;
      const role = (await primary.client!.call('ROLE')) as string[];
      return role[0] === 'master' && tracker.isSettled(primary) ? primary : undefined;
    },
    { timeoutMs: FAILOVER_TIMEOUT_MS, intervalMs: 50, what: `a replica of node group ${shard} to be promoted`, signal: rt.abort.signal },
  );
}

function replicasOf(rt: SandboxRuntime, shard: string): NodeState[] {
  return rt.shards
    .find((s) => s.id === shard)!
    .members.map((m) => rt.nodes.get(m)!)
    .filter((n) => n.role === 'replica' && n.status === 'available');
}

export async function failover(rt: SandboxRuntime, tracker: RoleTracker, nodeName?: string): Promise<NodeState> {
  const chosen = nodeName ? requireNode(rt, nodeName) : undefined;
  const shard = chosen?.shard ?? rt.shards[0]!.id;
  const old = shardPrimary(rt, shard);
  const candidates = replicasOf(rt, shard);
  if (!old || candidates.length === 0) {
    throw new ConflictError(
      `Node group ${shard} has no available replica to fail over to. Add one first (a "replication" or "cluster" sandbox with replicas), or restart a stopped one.`,
    );
  }
  const target = chosen?.role === 'replica' && chosen.status === 'available' ? chosen : candidates[0]!;
  rt.events.add('replication-group', rt.groupId, `Failover requested for node group ${shard} to node ${target.name}`);
  if (clusterMode(rt)) {
    // A graceful CLUSTER FAILOVER needs the old primary's cooperation; without it, FORCE.
    const mode = old.status === 'available' ? [] : ['FORCE'];
    await target.client!.call('CLUSTER', 'FAILOVER', ...mode);
  } else {
    // Sentinel picks the replica with the lowest replica-priority: make the chosen one the obvious pick.
    await Promise.all(candidates.map((r) => r.client!.call('CONFIG', 'SET', 'replica-priority', r === target ? '1' : '100')));
    const sentinel = rt.sentinels.find((s) => s.process?.alive)!;
    await withConnection(sentinel.port, rt.creds.admin, (c) => c.call('SENTINEL', 'FAILOVER', rt.groupId));
  }
  tracker.hurry();
  const promoted = await waitForNewPrimary(rt, tracker, shard, old.name);
  if (!clusterMode(rt)) await Promise.all(candidates.map((r) => r.client!.call('CONFIG', 'SET', 'replica-priority', '100').catch(() => {})));
  return promoted;
}

/** Like ElastiCache's TestFailover: the shard's primary fails, a replica takes over, the old node is replaced as a replica. */
export async function testFailover(rt: SandboxRuntime, tracker: RoleTracker, shard = '0001'): Promise<void> {
  if (!rt.shards.some((s) => s.id === shard)) {
    throw new ConflictError(`No node group ${shard}. Node groups: ${rt.shards.map((s) => s.id).join(', ')}.`);
  }
  const old = shardPrimary(rt, shard);
  if (!old || old.status !== 'available' || replicasOf(rt, shard).length === 0) {
    throw new ConflictError(`TestFailover needs automatic failover: node group ${shard} must have an available primary and at least one replica.`);
  }
  rt.events.add('replication-group', rt.groupId, `Test Failover API called for node group ${shard}`);
  await killNode(rt, tracker, old);
  await waitForNewPrimary(rt, tracker, shard, old.name);
  rt.events.add('cache-cluster', old.name, `Recovering cache nodes ${old.name}`);
  await restartNode(rt, tracker, old);
  rt.events.add('cache-cluster', old.name, `Finished recovery for cache nodes ${old.name}`);
}

/**
 * Replaces a node that died on its own, as ElastiCache replaces failed nodes. A primary with replicas is restarted
 * only after a replica took over: restarted at once it would come back empty and its replicas would copy that.
 */
export async function recoverCrashedNode(rt: SandboxRuntime, tracker: RoleTracker, node: NodeState): Promise<void> {
  if (node.status !== 'down') return;
  tracker.hurry();
  if (node.role === 'primary' && replicasOf(rt, node.shard).length > 0) {
    await waitForNewPrimary(rt, tracker, node.shard, node.name);
  }
  if (node.status !== 'down') return;
  rt.events.add('cache-cluster', node.name, `Recovering cache nodes ${node.name}`);
  await restartNode(rt, tracker, node);
  rt.events.add('cache-cluster', node.name, `Finished recovery for cache nodes ${node.name}`);
}

export async function applyFault(rt: SandboxRuntime, tracker: RoleTracker, request: FaultRequest): Promise<void> {
  if (request.action === 'failover') {
    await failover(rt, tracker, request.node);
    return;
  }
  const node = request.node ? requireNode(rt, request.node) : shardPrimary(rt, rt.shards[0]!.id)!;
  switch (request.action) {
    case 'kill':
      return killNode(rt, tracker, node);
    case 'stop':
      if (node.status !== 'available') throw new ConflictError(`Node ${node.name} is ${node.status}; only an available node can be stopped.`);
      node.process!.signal('SIGSTOP');
      node.status = 'stopped';
      rt.events.add('cache-cluster', node.name, `Cache node ${node.name} stopped (SIGSTOP): it accepts connections but answers nothing`);
      tracker.hurry();
      return;
    case 'resume':
      if (node.status !== 'stopped') throw new ConflictError(`Node ${node.name} is ${node.status}, not stopped; "resume" undoes "stop".`);
      node.process!.signal('SIGCONT');
      node.status = 'available';
      rt.events.add('cache-cluster', node.name, `Cache node ${node.name} resumed (SIGCONT)`);
      tracker.hurry();
      return;
    case 'restart':
      return restartNode(rt, tracker, node);
  }
}
