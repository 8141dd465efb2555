/** @module The mutable state of one running sandbox, shared by its topology starters, faults, tracker and metrics. */
import type { Redis } from 'ioredis';
import { BadRequestError } from '../../src/server/errors.ts';
import type { EngineOptions } from '../engine-options.ts';
import type { EventsLog } from '../events-log.ts';
import type { MemoryCap } from '../lockdown/memory-cap.ts';
import type { PlatformCredentials } from '../lockdown/platform-credentials.ts';
import type { NodeRole, NodeStatus, SandboxSpec } from '../model.ts';
import type { OwnerMarker } from '../owner-marker.ts';
import type { PortAllocator } from '../port-allocator.ts';
import type { RedisProcess } from '../processes/redis-process.ts';

export interface NodeState {
  name: string;
  shard: string;
  az: string;
  port: number;
  dir: string;
  role: NodeRole;
  status: NodeStatus;
  process?: RedisProcess;
  /** Long-lived admin connection used by the tracker, the watchdog and metrics. */
  client?: Redis;
  /** Set while the platform itself ends the process (kill fault, restart, removal, deletion). */
  expectingExit?: boolean;
  /** Cluster mode enabled: the node id Redis generated. */
  clusterId?: string;
}

export interface SentinelState {
  name: string;
  port: number;
  dir: string;
  id: string;
  process?: RedisProcess;
}

export interface ShardState {
  id: string;
  /** Cluster mode enabled: slot ranges, e.g. "0-5461" or "0-100,5462-10922". */
  slots?: string;
  members: string[];
}

export interface SandboxRuntime {
  id: string;
  groupId: string;
  spec: SandboxSpec;
  dir: string;
  options: EngineOptions;
  creds: PlatformCredentials;
  ports: PortAllocator;
  memoryCap: MemoryCap;
  marker: OwnerMarker;
  events: EventsLog;
  nodes: Map<string, NodeState>;
  sentinels: SentinelState[];
  shards: ShardState[];
  /** Called when a node's process ends without the platform asking (the sandbox recovers it). */
  onUnexpectedExit?: (node: NodeState) => void;
  /** Aborted when the sandbox is deleted: pending waits stop at once. */
  abort: AbortController;
}

export function clusterMode(rt: SandboxRuntime): boolean {
  return rt.spec.topology === 'cluster';
}

export function shardPrimary(rt: SandboxRuntime, shardId: string): NodeState | undefined {
  const shard = rt.shards.find((s) => s.id === shardId);
  return shard?.members.map((m) => rt.nodes.get(m)!).find((n) => n.role === 'primary');
}

export function requireNode(rt: SandboxRuntime, name: string): NodeState {
  const node = rt.nodes.get(name);
  if (!node) {
    throw new BadRequestError(
      `No node "${name}" in sandbox ${rt.id}. Its nodes are: ${[...rt.nodes.keys()].join(', ')}.`,
    );
  }
  return node;
}
