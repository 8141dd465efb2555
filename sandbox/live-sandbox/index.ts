/**
 * @module One running sandbox: the Sandbox interface over a SandboxRuntime. Mutating operations run one at a time;
 * the role tracker, the script watchdog and the metrics collector run beside them until dispose().
 */
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { ConflictError } from '../../src/server/errors.ts';
import { rotateLearnerPassword } from '../lockdown/rotate-learner-password.ts';
import { allowListedConfigGet } from '../lockdown/config-get-allowlist.ts';
import { killRunawayScript } from '../lockdown/script-watchdog.ts';
import { MetricsCollector } from '../metrics/metrics-collector.ts';
import type { CacheNode, Credentials, FaultRequest, NodeMetrics, SandboxDescription, SandboxEvent, SandboxSpec, SandboxStatus, Snapshot } from '../model.ts';
import type { ResolvedAddress, Sandbox } from '../sandbox-engine.ts';
import { addReplica } from '../scaling/add-replica.ts';
import { addShard } from '../scaling/add-shard.ts';
import { removeReplica } from '../scaling/remove-replica.ts';
import type { SnapshotStore } from '../snapshots/snapshot-store.ts';
import { takeSnapshot } from '../snapshots/take-snapshot.ts';
import { startCluster } from '../topologies/start-cluster.ts';
import { startReplicationGroup } from '../topologies/start-replication.ts';
import { describeSandbox } from './describe-sandbox.ts';
import { EndpointResolver } from './endpoints.ts';
import { applyFault, recoverCrashedNode, restartNode, testFailover } from './faults.ts';
import { RoleTracker } from './role-tracker.ts';
import { clusterMode, requireNode, shardPrimary, type NodeState, type SandboxRuntime } from './sandbox-runtime.ts';

export interface StartOptions {
  /** Restore: RDB file per shard id. */
  rdbByShard?: Map<string, string>;
}

export class LiveSandbox implements Sandbox {
  ownerId: string;
  status: SandboxStatus = 'creating';
  readyMs = 0;
  createdAt = new Date();
  lastActivity = Date.now();
  private readonly tracker: RoleTracker;
  private readonly collector: MetricsCollector;
  private readonly resolver: EndpointResolver;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly busyHandling = new Set<string>();

  constructor(
    readonly rt: SandboxRuntime,
    private readonly store: SnapshotStore,
    ownerId: string,
  ) {
    this.ownerId = ownerId;
    this.tracker = new RoleTracker(rt, (node) => void this.handleBusy(node));
    this.collector = new MetricsCollector(rt, () => this.touch());
    this.resolver = new EndpointResolver(rt);
    rt.onUnexpectedExit = (node) => {
      void this.exclusive(this.status, () => recoverCrashedNode(this.rt, this.tracker, node)).catch((error: Error) => {
        this.rt.events.add('cache-cluster', node.name, `Recovery of cache node ${node.name} failed: ${error.message}`);
      });
    };
  }

  get id(): string {
    return this.rt.id;
  }
  get spec(): SandboxSpec {
    return this.rt.spec;
  }
  get credentials(): Credentials {
    return { ...this.rt.creds.learner };
  }

  async start(options: StartOptions = {}): Promise<void> {
    const started = performance.now();
    if (clusterMode(this.rt)) await startCluster(this.rt, { rdbByShard: options.rdbByShard });
    else await startReplicationGroup(this.rt, { rdb: options.rdbByShard?.get('0001') });
    this.tracker.start();
    this.collector.start();
    this.status = 'available';
    this.readyMs = Math.round(performance.now() - started);
    this.rt.events.add('replication-group', this.rt.groupId, `Replication group ${this.rt.groupId} created`);
  }

  describe(): SandboxDescription {
    return describeSandbox(this.rt, { status: this.status, readyMs: this.readyMs, createdAt: this.createdAt }, this.resolver);
  }

  resolve(host: string, port?: number): ResolvedAddress | undefined {
    return this.resolver.resolve(host, port);
  }

  owns(host: string, port: number): boolean {
    const local = ['127.0.0.1', 'localhost'].includes(host.trim().toLowerCase());
    if (local && this.rt.sentinels.some((s) => s.port === port)) return true;
    // Strict: the name must lead to a node listening on exactly that port (a stale port after a failover does not).
    return this.resolve(host, port)?.port === port;
  }

  /** Sentinel addresses (replication with replicas), for Sentinel-aware clients. */
  sentinelAddresses(): { host: string; port: number }[] {
    return this.rt.sentinels.map((s) => ({ host: '127.0.0.1', port: s.port }));
  }

  adminClient(node: string | 'primary'): Redis {
    const target = node === 'primary' ? shardPrimary(this.rt, '0001') : requireNode(this.rt, node);
    if (!target) throw new ConflictError('No primary is known right now; wait for the failover to finish.');
    const client = new Redis({ host: '127.0.0.1', port: target.port, ...this.rt.creds.admin, maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    return client;
  }

  /** CONFIG GET for the learner, answered by the platform from an allow-list (never masterauth, paths, users). */
  configGet(patterns: string[], node: string | 'primary' = 'primary'): Promise<[string, string][]> {
    const target = node === 'primary' ? shardPrimary(this.rt, this.rt.shards[0]!.id) : requireNode(this.rt, node);
    if (!target?.client || target.status !== 'available') {
      return Promise.reject(new ConflictError(`Node ${target?.name ?? 'primary'} is not available; CONFIG GET needs a running node.`));
    }
    return allowListedConfigGet(target.client, patterns);
  }

  fault(request: FaultRequest): Promise<SandboxEvent[]> {
    return this.recording(() => applyFault(this.rt, this.tracker, request));
  }

  testFailover(shard?: string): Promise<SandboxEvent[]> {
    return this.recording(() => testFailover(this.rt, this.tracker, shard));
  }

  snapshot(): Promise<Snapshot> {
    return this.exclusive('snapshotting', () => takeSnapshot(this.rt, this.store, this.ownerId, this.rt.spec));
  }

  addReplica(shard?: string): Promise<CacheNode> {
    return this.exclusive('modifying', async () => {
      const node = await addReplica(this.rt, shard);
      this.tracker.hurry(5000);
      return node;
    });
  }

  removeReplica(node: string): Promise<void> {
    return this.exclusive('modifying', () => removeReplica(this.rt, node));
  }

  addShard(): Promise<void> {
    return this.exclusive('modifying', async () => {
      await addShard(this.rt);
      await this.tracker.refresh();
    });
  }

  events(): SandboxEvent[] {
    return this.rt.events.list();
  }

  metrics(): NodeMetrics[] {
    return this.collector.list();
  }

  /** Takes a metrics sample now (the collector also samples every 5 s by itself). */
  collectMetrics(): Promise<void> {
    return this.collector.sample();
  }

  /** Resident memory of the data nodes at the last metrics sample (bytes). */
  rssBytes(): number {
    return [...this.collector.rssBytes.values()].reduce((a, b) => a + b, 0);
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  /** A warm-pool sandbox becomes a learner's: new owner and a fresh learner password on every process. */
  async handOut(ownerId: string): Promise<void> {
    await rotateLearnerPassword(this.rt);
    this.ownerId = ownerId;
    this.createdAt = new Date();
    this.touch();
  }

  async dispose(): Promise<void> {
    if (this.status === 'deleted') return;
    this.status = 'deleting';
    const rt = this.rt;
    rt.abort.abort();
    this.tracker.dispose();
    this.collector.dispose();
    for (const node of rt.nodes.values()) node.expectingExit = true;
    const processes = [...[...rt.nodes.values()].map((n) => n.process), ...rt.sentinels.map((s) => s.process)];
    await Promise.all(processes.map((p) => p?.terminate(2000)));
    for (const node of rt.nodes.values()) {
      node.client?.disconnect();
      rt.ports.release(node.port);
    }
    for (const sentinel of rt.sentinels) rt.ports.release(sentinel.port);
    rmSync(rt.dir, { recursive: true, force: true });
    this.status = 'deleted';
  }

  private async handleBusy(node: NodeState): Promise<void> {
    if (this.busyHandling.has(node.name) || !node.client) return;
    this.busyHandling.add(node.name);
    try {
      // The watchdog may have to SHUTDOWN the node: that exit is the platform's doing, not a crash.
      node.expectingExit = true;
      const outcome = await killRunawayScript(node.client);
      if (outcome !== 'needs-restart') node.expectingExit = false;
      if (outcome === 'killed') {
        this.rt.events.add('cache-cluster', node.name, `Runaway script on ${node.name} killed by the platform (busy for over 1 s)`);
      } else if (outcome === 'needs-restart') {
        this.rt.events.add('cache-cluster', node.name, `Runaway script on ${node.name} had written data and could not be killed: node restarted`);
        await this.exclusive(this.status, () => restartNode(this.rt, this.tracker, node));
      }
    } finally {
      this.busyHandling.delete(node.name);
    }
  }

  private recording(operation: () => Promise<void>): Promise<SandboxEvent[]> {
    return this.exclusive(this.status === 'available' ? 'available' : this.status, async () => {
      const before = this.rt.events.size;
      await operation();
      return this.rt.events.since(before);
    });
  }

  /** Runs one mutating operation at a time, showing `status` while it runs. */
  private exclusive<T>(status: SandboxStatus, operation: () => Promise<T>): Promise<T> {
    const run = async () => {
      if (this.status === 'deleting' || this.status === 'deleted') {
        throw new ConflictError(`Sandbox ${this.id} is being deleted.`);
      }
      const previous = this.status;
      this.status = status;
      try {
        return await operation();
      } finally {
        if (this.status === status) this.status = previous === 'creating' ? 'available' : previous;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }
}
