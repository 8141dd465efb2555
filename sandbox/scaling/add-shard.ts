/**
 * @module Adds a node group to a cluster-mode-enabled sandbox and reshards online: the new shard gets as many
 * replicas as the smallest existing one (as ElastiCache does), then slots move to it until the split is even.
 */
import { ConflictError } from '../../src/server/errors.ts';
import { shardId } from '../ids.ts';
import { startNode } from '../processes/node-launcher.ts';
import { shardPrimary, type NodeState, type SandboxRuntime } from '../live-sandbox/sandbox-runtime.ts';
import { evenSlotRanges, formatSlotRanges, parseSlotRanges, planNode } from '../topologies/layout.ts';
import { replicateInCluster, waitForClusterOk } from '../topologies/start-cluster.ts';
import { waitForReplicaLink } from '../topologies/start-replication.ts';
import { moveSlot } from './move-slot.ts';

const MAX_SHARDS = 5;

function slotsOf(text: string | undefined): number[] {
  return parseSlotRanges(text).flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
}

export async function addShard(rt: SandboxRuntime): Promise<void> {
  if (rt.spec.topology !== 'cluster') throw new ConflictError('Only a "cluster" sandbox (cluster mode enabled) has shards to add.');
  if (rt.shards.length >= MAX_SHARDS) throw new ConflictError(`This sandbox already has ${MAX_SHARDS} shards, the most a sandbox may have.`);
  const primaries = rt.shards.map((s) => shardPrimary(rt, s.id));
  if (primaries.some((p) => !p || p.status !== 'available') || [...rt.nodes.values()].some((n) => n.status !== 'available')) {
    throw new ConflictError('Every node must be available before resharding. Restart or resume the nodes that are not, then try again.');
  }
  const index = rt.shards.length;
  const replicas = Math.min(...rt.shards.map((s) => s.members.length)) - 1;
  const members: NodeState[] = Array.from({ length: replicas + 1 }, (_, m) => planNode(rt.groupId, rt.dir, index, m));
  for (const node of members) {
    node.port = await rt.ports.allocate();
    rt.nodes.set(node.name, node);
  }
  const shard = { id: shardId(index), slots: undefined as string | undefined, members: members.map((n) => n.name) };
  rt.shards.push(shard);
  rt.events.add('replication-group', rt.groupId, `Adding node group ${shard.id} and resharding`);
  await Promise.all(members.map((n) => startNode(rt, n, { firstStart: true })));
  await Promise.all(members.map(async (n) => (n.clusterId = (await n.client!.call('CLUSTER', 'MYID')) as string)));
  const anchor = primaries[0]!;
  await Promise.all(members.map((n) => n.client!.call('CLUSTER', 'MEET', '127.0.0.1', String(anchor.port))));
  const [newPrimary, ...newReplicas] = members as [NodeState, ...NodeState[]];
  await Promise.all(newReplicas.map((r) => replicateInCluster(rt, r, newPrimary)));
  await waitForClusterOk(rt, [...rt.nodes.values()]);
  await Promise.all(newReplicas.map((r) => waitForReplicaLink(rt, r)));

  // Each existing shard gives up its surplus over the even split, taken from the top of its ranges.
  const target = evenSlotRanges(rt.shards.length).map(([a, b]) => b - a + 1);
  const allPrimaries = [...primaries.map((p) => p!), newPrimary];
  for (const [i, existing] of rt.shards.slice(0, -1).entries()) {
    const owned = slotsOf(existing.slots);
    const surplus = owned.slice(target[i]!);
    for (const slot of surplus) await moveSlot(rt, slot, primaries[i]!, newPrimary, allPrimaries);
    existing.slots = formatRanges(owned.slice(0, target[i]!));
    // The role tracker may already have recorded some moved slots from CLUSTER NODES: merge without duplicates.
    shard.slots = formatRanges([...new Set([...slotsOf(shard.slots), ...surplus])].sort((a, b) => a - b));
  }
  rt.spec = { ...rt.spec, shards: rt.shards.length };
  rt.events.add('replication-group', rt.groupId, `Node group ${shard.id} added; slots now ${rt.shards.map((s) => `${s.id}: ${s.slots}`).join('; ')}`);
}

function formatRanges(slots: number[]): string {
  const ranges: [number, number][] = [];
  for (const slot of slots) {
    const last = ranges.at(-1);
    if (last && last[1] === slot - 1) last[1] = slot;
    else ranges.push([slot, slot]);
  }
  return formatSlotRanges(ranges);
}
