/** @module Removes a replica (ElastiCache DecreaseReplicaCount): its process, port and directory go; the cluster forgets it. */
import { rmSync } from 'node:fs';
import { ConflictError } from '../../src/server/errors.ts';
import { stopNode } from '../processes/node-launcher.ts';
import { clusterMode, requireNode, type SandboxRuntime } from '../live-sandbox/sandbox-runtime.ts';

export async function removeReplica(rt: SandboxRuntime, name: string): Promise<void> {
  const node = requireNode(rt, name);
  if (node.role === 'primary') {
    throw new ConflictError(`Node ${name} is its node group's primary. Fail over to a replica first, then remove ${name}.`);
  }
  await stopNode(node, { closeClient: true });
  rt.nodes.delete(name);
  const shard = rt.shards.find((s) => s.id === node.shard)!;
  shard.members = shard.members.filter((m) => m !== name);
  if (clusterMode(rt) && node.clusterId) {
    await Promise.all(
      [...rt.nodes.values()]
        .filter((n) => n.status === 'available')
        .map((n) => n.client!.call('CLUSTER', 'FORGET', node.clusterId!).catch(() => {})),
    );
  }
  rt.ports.release(node.port);
  rmSync(node.dir, { recursive: true, force: true });
  rt.events.add('cache-cluster', name, `Removed cache node ${name} from node group ${node.shard}`);
}
