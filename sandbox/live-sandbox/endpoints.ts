/**
 * @module ElastiCache-like endpoint names and their resolution by the platform (no real DNS): the primary endpoint
 * follows failovers, the reader endpoint rotates across replicas, node endpoints name one node each.
 */
import type { CacheNode, Endpoints } from '../model.ts';
import type { ResolvedAddress } from '../sandbox-engine.ts';
import { clusterMode, shardPrimary, type NodeState, type SandboxRuntime } from './sandbox-runtime.ts';

const HOST = '127.0.0.1';

export function domain(rt: SandboxRuntime): string {
  return `${rt.groupId}.${rt.id}.cache.local`;
}

export function nodeEndpointName(rt: SandboxRuntime, node: NodeState): string {
  return `${node.name}.${domain(rt)}`;
}

export function toCacheNode(rt: SandboxRuntime, node: NodeState): CacheNode {
  return {
    name: node.name,
    role: node.role,
    shard: node.shard,
    az: node.az,
    host: HOST,
    port: node.port,
    status: node.status,
    endpoint: nodeEndpointName(rt, node),
  };
}

function availableReplicas(rt: SandboxRuntime): NodeState[] {
  return [...rt.nodes.values()].filter((n) => n.role === 'replica' && n.status === 'available');
}

export class EndpointResolver {
  private readerTurn = 0;

  constructor(private readonly rt: SandboxRuntime) {}

  names() {
    const d = domain(this.rt);
    return { primary: `master.${d}`, reader: `replica.${d}`, configuration: `clustercfg.${d}` };
  }

  /** Endpoints as DescribeReplicationGroups shows them; the reader shows the replica it would hand out next. */
  endpoints(): Endpoints {
    const names = this.names();
    if (clusterMode(this.rt)) {
      const node = this.configurationNode();
      return node ? { configuration: { name: names.configuration, host: HOST, port: node.port } } : {};
    }
    const out: Endpoints = {};
    const primary = shardPrimary(this.rt, '0001');
    if (primary) out.primary = { name: names.primary, host: HOST, port: primary.port };
    const replicas = availableReplicas(this.rt);
    if (replicas.length > 0) {
      out.reader = { name: names.reader, host: HOST, port: replicas[this.readerTurn % replicas.length]!.port };
    }
    return out;
  }

  resolve(host: string, port?: number): ResolvedAddress | undefined {
    const name = host.trim().toLowerCase().replace(/\.$/, '');
    const names = this.names();
    const hit = (node: NodeState | undefined, via: ResolvedAddress['via']) =>
      node ? { host: HOST, port: node.port, node: toCacheNode(this.rt, node), via } : undefined;
    if (name === names.primary && !clusterMode(this.rt)) return hit(shardPrimary(this.rt, '0001'), 'primary');
    if (name === names.reader && !clusterMode(this.rt)) {
      const replicas = availableReplicas(this.rt);
      // Round-robin like the reader endpoint's DNS; with no replica ElastiCache's reader points at the primary.
      const node = replicas.length > 0 ? replicas[this.readerTurn++ % replicas.length] : shardPrimary(this.rt, '0001');
      return hit(node, 'reader');
    }
    if (name === names.configuration && clusterMode(this.rt)) return hit(this.configurationNode(), 'configuration');
    for (const node of this.rt.nodes.values()) {
      if (name === node.name || name === nodeEndpointName(this.rt, node)) return hit(node, 'node');
    }
    if ((name === HOST || name === 'localhost') && port !== undefined) {
      return hit([...this.rt.nodes.values()].find((n) => n.port === port), 'address');
    }
    return undefined;
  }

  private configurationNode(): NodeState | undefined {
    const nodes = [...this.rt.nodes.values()];
    return nodes.find((n) => n.role === 'primary' && n.status === 'available') ?? nodes.find((n) => n.status === 'available') ?? nodes[0];
  }
}
