/**
 * @module Keeps a sandbox's view of roles and slots current: polls ROLE / CLUSTER NODES (every 2 s when idle,
 * every 200 ms for a while after a fault), listens to Sentinel's +switch-master, records failovers as events
 * once every Sentinel has settled on the new primary (re-monitoring one stuck on an old failover), and hands BUSY
 * nodes to the script watchdog.
 */
import type { Redis } from 'ioredis';
import { platformClient } from '../processes/connect.ts';
import { isBusyError } from '../lockdown/script-watchdog.ts';
import { parseClusterNodes } from '../topologies/cluster-nodes.ts';
import { formatSlotRanges } from '../topologies/layout.ts';
import { clusterMode, shardPrimary, type NodeState, type SandboxRuntime } from './sandbox-runtime.ts';
import { remonitor, unsettledSentinels } from './sentinel-agreement.ts';

const IDLE_INTERVAL_MS = 2000;
const HURRY_INTERVAL_MS = 200;
const TAKEOVER_AFTER_MS = 3000;
/** Sentinels settle within a few seconds (failover-timeout 3 s, hello every 2 s); one still off after this is stuck. */
const REMONITOR_AFTER_MS = 10_000;

export class RoleTracker {
  private timer?: NodeJS.Timeout;
  private fastUntil = 0;
  private subscriber?: Redis;
  private refreshing?: Promise<void>;
  private disposed = false;
  private readonly knownPrimary = new Map<string, string>();
  private readonly primaryLostSince = new Map<string, number>();
  /** Set by a fault or a primary change: the Sentinels are checked on each poll until they agree again. */
  private sentinelsPending = false;
  private unsettledSince?: number;

  constructor(
    private readonly rt: SandboxRuntime,
    private readonly onBusy: (node: NodeState) => void,
  ) {}

  start(): void {
    for (const shard of this.rt.shards) {
      const primary = shardPrimary(this.rt, shard.id);
      if (primary) this.knownPrimary.set(shard.id, primary.name);
    }
    const sentinel = this.rt.sentinels[0];
    if (sentinel) {
      this.subscriber = platformClient(sentinel.port, this.rt.creds.admin, { name: 'cachelab-tracker' });
      this.subscriber.subscribe('+switch-master', '+sdown', '-sdown').catch(() => {});
      this.subscriber.on('message', () => this.hurry());
    }
    this.schedule(IDLE_INTERVAL_MS);
  }

  /** Polls fast for a while: something is changing (a fault, a failover, a restart). */
  hurry(forMs = 20_000): void {
    this.fastUntil = Math.max(this.fastUntil, Date.now() + forMs);
    this.sentinelsPending = this.rt.sentinels.length > 0;
    this.schedule(0);
  }

  /** One refresh now (joins one already running). */
  refresh(): Promise<void> {
    this.refreshing ??= this.poll().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.subscriber?.disconnect();
  }

  private schedule(delay: number): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.refresh().finally(() => this.schedule(Date.now() < this.fastUntil ? HURRY_INTERVAL_MS : IDLE_INTERVAL_MS));
    }, delay);
    this.timer.unref();
  }

  /**
   * Redis Cluster needs a majority of primaries to elect a replica, which a 1- or 2-shard cluster does not have
   * once a primary is gone. ElastiCache's control plane fails over anyway; so does the platform, with
   * CLUSTER FAILOVER TAKEOVER on a replica when the cluster has not promoted one by itself within a few seconds.
   */
  private assistClusterFailover(shardId: string, members: NodeState[], livePrimary: NodeState | undefined): void {
    if (livePrimary) {
      this.primaryLostSince.delete(shardId);
      return;
    }
    const since = this.primaryLostSince.get(shardId) ?? Date.now();
    this.primaryLostSince.set(shardId, since);
    const replica = members.find((n) => n.role === 'replica' && n.status === 'available' && n.client);
    if (!replica || Date.now() - since < TAKEOVER_AFTER_MS) return;
    this.primaryLostSince.set(shardId, Date.now());
    void replica.client!.call('CLUSTER', 'FAILOVER', 'TAKEOVER').catch(() => {});
    this.hurry();
  }

  /**
   * True once every live Sentinel names `primary` with no failover in progress (always true without Sentinels).
   * Until then the tracker keeps polling fast; a Sentinel still off after REMONITOR_AFTER_MS is re-monitored.
   */
  private async sentinelsSettled(primary: NodeState): Promise<boolean> {
    if (this.rt.sentinels.length === 0) return true;
    if (!this.sentinelsPending && this.knownPrimary.get(primary.shard) === primary.name) return true;
    const unsettled = await unsettledSentinels(this.rt, primary);
    if (unsettled.length === 0) {
      this.sentinelsPending = false;
      this.unsettledSince = undefined;
      return true;
    }
    this.sentinelsPending = true;
    this.fastUntil = Math.max(this.fastUntil, Date.now() + 2000);
    this.unsettledSince ??= Date.now();
    if (Date.now() - this.unsettledSince >= REMONITOR_AFTER_MS && !this.disposed) {
      this.unsettledSince = Date.now();
      await Promise.all(unsettled.map((s) => remonitor(this.rt, s, primary).catch(() => {})));
    }
    return false;
  }

  /** True when `primary` has been recorded as the shard's primary and no Sentinel check is pending. */
  isSettled(primary: NodeState): boolean {
    return this.knownPrimary.get(primary.shard) === primary.name && !this.sentinelsPending;
  }

  private reachable(): NodeState[] {
    return [...this.rt.nodes.values()].filter((n) => n.status === 'available' && n.client);
  }

  private async poll(): Promise<void> {
    const rt = this.rt;
    const cluster = clusterMode(rt);
    await Promise.all(
      this.reachable().map(async (node) => {
        try {
          if (cluster) {
            const me = parseClusterNodes((await node.client!.call('CLUSTER', 'NODES')) as string).find((l) => l.myself);
            if (!me) return;
            node.role = me.primary ? 'primary' : 'replica';
            const shard = rt.shards.find((s) => s.id === node.shard);
            if (me.primary && shard && me.slots.length > 0) shard.slots = formatSlotRanges(me.slots);
          } else {
            const role = (await node.client!.call('ROLE')) as [string, ...unknown[]];
            node.role = role[0] === 'master' ? 'primary' : 'replica';
          }
        } catch (error) {
          if (isBusyError(error)) this.onBusy(node);
        }
      }),
    );
    for (const shard of rt.shards) {
      const members = shard.members.map((m) => rt.nodes.get(m)!);
      const livePrimaries = members.filter((n) => n.role === 'primary' && n.status === 'available');
      // A node that is down while another member serves as primary will come back as a replica.
      if (livePrimaries.length > 0) for (const n of members) if (n.status !== 'available' && n.role === 'primary') n.role = 'replica';
      // Two nodes claiming the primary role is a transition (a restarted old primary not yet told): wait it out.
      if (livePrimaries.length > 1) continue;
      const current = livePrimaries[0];
      if (cluster) this.assistClusterFailover(shard.id, members, current);
      const before = this.knownPrimary.get(shard.id);
      if (current && !cluster && !(await this.sentinelsSettled(current))) continue;
      if (current && before !== current.name) {
        this.knownPrimary.set(shard.id, current.name);
        if (before) rt.events.add('replication-group', rt.groupId, `Failover to replica node ${current.name} completed`);
      }
    }
  }
}
