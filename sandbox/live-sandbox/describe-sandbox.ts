/** @module A sandbox as DescribeReplicationGroups would show it: node groups, members with live roles, endpoints, learner credentials. */
import type { SandboxDescription, SandboxStatus } from '../model.ts';
import { toCacheNode, type EndpointResolver } from './endpoints.ts';
import { clusterMode, shardPrimary, type SandboxRuntime } from './sandbox-runtime.ts';

export function describeSandbox(
  rt: SandboxRuntime,
  state: { status: SandboxStatus; readyMs: number; createdAt: Date },
  resolver: EndpointResolver,
): SandboxDescription {
  const withReplicas = rt.shards.some((s) => s.members.length > 1);
  return {
    id: rt.id,
    replicationGroupId: rt.groupId,
    topology: rt.spec.topology,
    status: state.status,
    clusterModeEnabled: clusterMode(rt),
    // Sentinels (or the cluster's own election) fail over whenever a node group has a replica, so both follow it.
    automaticFailover: withReplicas,
    multiAz: withReplicas,
    readyMs: state.readyMs,
    createdAt: state.createdAt.toISOString(),
    nodeGroups: rt.shards.map((s) => {
      const primary = shardPrimary(rt, s.id);
      return { id: s.id, ...(s.slots ? { slots: s.slots } : {}), ...(primary ? { primary: primary.name } : {}), members: [...s.members] };
    }),
    nodes: [...rt.nodes.values()].map((n) => toCacheNode(rt, n)),
    endpoints: resolver.endpoints(),
    credentials: { ...rt.creds.learner },
  };
}
