/** @module Adds a replica to a node group (ElastiCache IncreaseReplicaCount); the first replica of a replication group brings Sentinels. */
import { ConflictError } from '../../src/server/errors.ts';
import { startNode } from '../processes/node-launcher.ts';
import type { CacheNode } from '../model.ts';
import { clusterMode, shardPrimary, type SandboxRuntime } from '../live-sandbox/sandbox-runtime.ts';
import { toCacheNode } from '../live-sandbox/endpoints.ts';
import { applyNodeSettings, readNodeSettings } from '../live-sandbox/node-settings.ts';
import { planNode } from '../topologies/layout.ts';
import { replicateInCluster } from '../topologies/start-cluster.ts';
import { startSentinels, waitForReplicaLink, waitForSentinel } from '../topologies/start-replication.ts';

const MAX_REPLICAS = 5;

export async function addReplica(rt: SandboxRuntime, shardId = '0001'): Promise<CacheNode> {
  if (rt.spec.topology === 'single') {
    throw new ConflictError('A "single" sandbox has no replicas. Create a "replication" sandbox to work with replicas.');
  }
  const shardIndex = rt.shards.findIndex((s) => s.id === shardId);
  const shard = rt.shards[shardIndex];
  if (!shard) throw new ConflictError(`No node group ${shardId}. Node groups: ${rt.shards.map((s) => s.id).join(', ')}.`);
  if (shard.members.length > MAX_REPLICAS) throw new ConflictError(`Node group ${shardId} already has ${MAX_REPLICAS} replicas, the most ElastiCache allows.`);
  const primary = shardPrimary(rt, shardId);
  if (!primary || primary.status !== 'available') throw new ConflictError(`Node group ${shardId} has no available primary to replicate from. Restart or resume it first.`);
  const used = new Set(shard.members.map((m) => Number(m.slice(-3))));
  let memberIndex = 0;
  while (used.has(memberIndex + 1)) memberIndex += 1;
  const node = planNode(rt.groupId, rt.dir, shardIndex, memberIndex);
  node.role = 'replica';
  node.port = await rt.ports.allocate();
  rt.nodes.set(node.name, node);
  shard.members.push(node.name);
  await startNode(rt, node, { firstStart: true });
  // A new node joins with the group's current parameter group and users, as ElastiCache applies them to new nodes.
  await applyNodeSettings(node.client!, await readNodeSettings(primary.client!, rt.creds));
  if (clusterMode(rt)) {
    node.clusterId = (await node.client!.call('CLUSTER', 'MYID')) as string;
    await node.client!.call('CLUSTER', 'MEET', '127.0.0.1', String(primary.port));
    await replicateInCluster(rt, node, primary);
  } else {
    await node.client!.call('REPLICAOF', '127.0.0.1', String(primary.port));
    if (rt.sentinels.length === 0) {
      await startSentinels(rt, primary, [node]);
      await Promise.all(rt.sentinels.map((s) => waitForSentinel(rt, s, primary.port)));
    }
  }
  await waitForReplicaLink(rt, node);
  rt.events.add('cache-cluster', node.name, `Added cache node ${node.name} to node group ${shardId} in ${node.az}`);
  return toCacheNode(rt, node);
}
