/**
 * @module The interfaces the rest of cachelab depends on (the HTTP API, the lab shell, the exercise
 * checker). The real implementation runs redis-server processes; unit tests of the layers above
 * may use fakes of these interfaces.
 */
import type { Redis } from 'ioredis';
import type {
  CacheNode,
  Credentials,
  Endpoint,
  FaultRequest,
  NodeMetrics,
  SandboxDescription,
  SandboxEvent,
  SandboxSpec,
  Snapshot,
} from './model.ts';

/** Where a hostname/port typed by a learner leads, if it is inside their own sandbox. */
export interface ResolvedAddress {
  host: string;
  port: number;
  /** The node it resolved to right now (the primary endpoint moves after a failover). */
  node: CacheNode;
  /** Which name matched: an endpoint kind, a node name, or a raw address. */
  via: 'primary' | 'reader' | 'configuration' | 'node' | 'address';
}

export interface Sandbox {
  readonly id: string;
  readonly ownerId: string;
  readonly spec: SandboxSpec;
  /** Current roles, endpoints, credentials; re-read from the live processes' last known state. */
  describe(): SandboxDescription;
  /** Learner credentials (fresh for each hand-out). */
  readonly credentials: Credentials;
  /**
   * Maps a name or address typed by the learner (endpoint name, node name, "127.0.0.1" + port,
   * "localhost") to a node of this sandbox, or undefined when it is not part of this sandbox.
   */
  resolve(host: string, port?: number): ResolvedAddress | undefined;
  /** True when host:port is one of this sandbox's nodes (used to police MIGRATE, REPLICAOF, -h ...). */
  owns(host: string, port: number): boolean;
  /**
   * Sentinels of a replication group with replicas (empty otherwise). The learner's credentials work on them
   * for read-only SENTINEL queries (get-master-addr-by-name, masters, replicas...), never for reconfiguration.
   */
  sentinelAddresses?(): { host: string; port: number }[];
  /**
   * CONFIG GET on the learner's behalf (the learner's ACL has no CONFIG): runs as admin on the node (default the
   * primary of the first node group) and returns only allow-listed parameters as [name, value] pairs.
   */
  configGet?(patterns: string[], node?: string): Promise<[string, string][]>;
  /** A new ioredis client with the platform's admin credentials; the caller must quit() it. */
  adminClient(node: string | 'primary'): Redis;
  /** Applies a fault: kill (SIGKILL), stop (SIGSTOP), resume (SIGCONT), restart, failover. */
  fault(request: FaultRequest): Promise<SandboxEvent[]>;
  /** ElastiCache TestFailover of one shard ("0001" by default). */
  testFailover(shard?: string): Promise<SandboxEvent[]>;
  snapshot(): Promise<Snapshot>;
  addReplica(shard?: string): Promise<CacheNode>;
  removeReplica(node: string): Promise<void>;
  /** Cluster mode enabled: adds a shard and moves slots to it online. */
  addShard(): Promise<void>;
  events(): SandboxEvent[];
  metrics(): NodeMetrics[];
  /** Marks learner activity (idle timeout). */
  touch(): void;
  dispose(): Promise<void>;
}

export interface EngineHealth {
  redisVersion: string;
  /** Which OS mechanism caps a sandbox's memory: "cgroup v2", "rlimit (RLIMIT_AS)" or "none". */
  memoryCap: string;
  liveSandboxes: number;
  warmPool: Record<string, number>;
}

export interface SandboxEngine {
  /** Hands out a sandbox (from the warm pool when one is ready). Throws CapacityError at a cap. */
  create(spec: SandboxSpec, ownerId: string): Promise<Sandbox>;
  get(id: string): Sandbox | undefined;
  list(ownerId?: string): Sandbox[];
  delete(id: string): Promise<void>;
  getSnapshot(id: string): Snapshot | undefined;
  /** Restores a snapshot into a NEW sandbox owned by ownerId. */
  restore(snapshotId: string, ownerId: string): Promise<Sandbox>;
  health(): EngineHealth;
  dispose(): Promise<void>;
}
