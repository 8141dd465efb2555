/**
 * @module Brings up a cluster-mode-enabled topology the way redis-cli --cluster create would, but with every step
 * done by the platform on its own nodes: slots, distinct config epochs, MEET, REPLICATE, then waiting for
 * cluster_state:ok everywhere.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startNode } from '../processes/node-launcher.ts';
import type { NodeState, SandboxRuntime } from '../live-sandbox/sandbox-runtime.ts';
import { parseInfo } from '../processes/connect.ts';
import { waitUntil } from '../wait-until.ts';
import { parseClusterNodes } from './cluster-nodes.ts';
import { parseSlotRanges } from './layout.ts';
import { waitForReplicaLink } from './start-replication.ts';

function ownedSlots(nodesText: string): Set<number> {
  const me = parseClusterNodes(nodesText).find((n) => n.myself);
  const owned = new Set<number>();
  for (const [a, b] of me?.slots ?? []) for (let s = a; s <= b; s += 1) owned.add(s);
  return owned;
}

/** Assigns a shard's slots to its primary; slots it already claimed from a restored RDB are skipped. */
async function assignSlots(primary: NodeState, slots: string | undefined): Promise<void> {
  const owned = ownedSlots((await primary.client!.call('CLUSTER', 'NODES')) as string);
  const args: string[] = [];
  for (const [a, b] of parseSlotRanges(slots)) {
    let start: number | undefined;
    for (let s = a; s <= b + 1; s += 1) {
      const free = s <= b && !owned.has(s);
      if (free && start === undefined) start = s;
      if (!free && start !== undefined) {
        args.push(String(start), String(s - 1));
        start = undefined;
      }
    }
  }
  if (args.length > 0) await primary.client!.call('CLUSTER', 'ADDSLOTSRANGE', ...args);
}

export async function waitForClusterOk(rt: SandboxRuntime, nodes: NodeState[], timeoutMs = 20_000): Promise<void> {
  const total = nodes.length;
  await Promise.all(
    nodes.map((node) =>
      waitUntil(
        async () => {
          const info = parseInfo((await node.client!.call('CLUSTER', 'INFO')) as string);
          return info.cluster_state === 'ok' && Number(info.cluster_known_nodes) >= total && info.cluster_slots_assigned === '16384';
        },
        { timeoutMs, intervalMs: 20, what: `node ${node.name} to report cluster_state:ok`, signal: rt.abort.signal },
      ),
    ),
  );
}

/** Makes `replica` replicate `primary` once gossip has told it about the primary. */
export async function replicateInCluster(rt: SandboxRuntime, replica: NodeState, primary: NodeState): Promise<void> {
  await waitUntil(
    async () => ((await replica.client!.call('CLUSTER', 'NODES')) as string).includes(primary.clusterId!),
    { timeoutMs: 10_000, intervalMs: 10, what: `node ${replica.name} to learn about ${primary.name}`, signal: rt.abort.signal },
  );
  await replica.client!.call('CLUSTER', 'REPLICATE', primary.clusterId!);
}

/** Ports are allocated here; `rdbByShard` (restore) places each shard's RDB before its primary starts. */
export async function startCluster(rt: SandboxRuntime, options: { rdbByShard?: Map<string, string> } = {}): Promise<void> {
  const nodes = [...rt.nodes.values()];
  for (const node of nodes) node.port = await rt.ports.allocate();
  for (const shard of rt.shards) {
    const rdb = options.rdbByShard?.get(shard.id);
    const primary = rt.nodes.get(shard.members[0]!)!;
    if (rdb) {
      mkdirSync(primary.dir, { recursive: true });
      copyFileSync(rdb, join(primary.dir, 'dump.rdb'));
    }
  }
  await Promise.all(nodes.map((node) => startNode(rt, node, { firstStart: true })));
  await Promise.all(nodes.map(async (n) => (n.clusterId = (await n.client!.call('CLUSTER', 'MYID')) as string)));
  // Distinct config epochs before the nodes meet, so no epoch collision has to be resolved later.
  await Promise.all(
    rt.shards.map(async (shard, i) => {
      const primary = rt.nodes.get(shard.members[0]!)!;
      await primary.client!.call('CLUSTER', 'SET-CONFIG-EPOCH', String(i + 1));
      await assignSlots(primary, shard.slots);
    }),
  );
  const [first, ...others] = nodes as [NodeState, ...NodeState[]];
  await Promise.all(others.map((n) => n.client!.call('CLUSTER', 'MEET', '127.0.0.1', String(first.port))));
  await Promise.all(
    rt.shards.flatMap((shard) => {
      const [primaryName, ...replicaNames] = shard.members;
      const primary = rt.nodes.get(primaryName!)!;
      return replicaNames.map((r) => replicateInCluster(rt, rt.nodes.get(r)!, primary));
    }),
  );
  await waitForClusterOk(rt, nodes);
  await Promise.all(nodes.filter((n) => n.role === 'replica').map((r) => waitForReplicaLink(rt, r)));
}
