/**
 * @module The real SandboxEngine: builds sandboxes of real redis-server processes, hands out warm ones, enforces
 * the caps, reaps idle and expired sandboxes, restores snapshots into new sandboxes, and deletes everything on dispose().
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CapacityError, NotFoundError } from '../src/server/errors.ts';
import type { EngineOptions } from './engine-options.ts';
import { EventsLog } from './events-log.ts';
import { admit, type Occupant } from './governance.ts';
import { newReplicationGroupId, newSandboxId } from './ids.ts';
import { LiveSandbox } from './live-sandbox/index.ts';
import type { SandboxRuntime } from './live-sandbox/sandbox-runtime.ts';
import type { MemoryCap } from './lockdown/memory-cap.ts';
import { newPlatformCredentials } from './lockdown/platform-credentials.ts';
import { sandboxSpecSchema, type SandboxSpec, type Snapshot } from './model.ts';
import { OwnerMarker } from './owner-marker.ts';
import { PortAllocator } from './port-allocator.ts';
import type { EngineHealth, Sandbox, SandboxEngine } from './sandbox-engine.ts';
import { SnapshotStore } from './snapshots/snapshot-store.ts';
import { planLayout } from './topologies/layout.ts';
import { WarmPool } from './warm-pool.ts';

export function redisVersionOf(redisServer: string): string {
  const out = spawnSync(redisServer, ['--version'], { encoding: 'utf8' });
  return /v=(\S+)/.exec(out.stdout ?? '')?.[1] ?? 'unknown';
}

export class RedisSandboxEngine implements SandboxEngine {
  private readonly sandboxes = new Map<string, LiveSandbox>();
  /** Creates admitted but not built yet: they count against the caps. */
  private readonly pending = new Set<Occupant>();
  private readonly ports: PortAllocator;
  private readonly store: SnapshotStore;
  readonly pool: WarmPool;
  private sweeper?: NodeJS.Timeout;
  private disposed = false;

  constructor(
    private readonly options: EngineOptions,
    private readonly memoryCap: MemoryCap,
    private readonly redisVersion: string,
  ) {
    mkdirSync(options.workDir, { recursive: true });
    this.ports = new PortAllocator(options.portRange);
    this.store = new SnapshotStore(options.snapshotDir);
    this.pool = new WarmPool({
      targets: options.warmPool,
      build: (spec) => this.build(spec, ''),
      mayBuild: (spec) => this.pending.size === 0 && this.fits(spec),
    });
  }

  start(): void {
    this.pool.start();
    const sweepEvery = Math.max(200, Math.min(30_000, Math.min(this.options.idleTimeoutMs, this.options.maxLifetimeMs) / 4));
    this.sweeper = setInterval(() => void this.sweep(), sweepEvery);
    this.sweeper.unref();
  }

  async create(spec: SandboxSpec, ownerId: string): Promise<Sandbox> {
    const normalized = sandboxSpecSchema.parse(spec);
    return this.admitted(normalized, ownerId, async () => {
      const warm = this.pool.take(normalized);
      if (warm) {
        const started = performance.now();
        try {
          await warm.handOut(ownerId);
          warm.readyMs = Math.round(performance.now() - started);
          return warm;
        } catch (error) {
          // A pooled sandbox that broke while waiting (a node crashed) is discarded; the learner gets a fresh one.
          console.error(`[cachelab] discarding warm sandbox ${warm.id}: ${(error as Error).message}`);
          await warm.dispose();
        }
      }
      return this.build(normalized, ownerId);
    });
  }

  get(id: string): Sandbox | undefined {
    return this.sandboxes.get(id);
  }

  list(ownerId?: string): Sandbox[] {
    return [...this.sandboxes.values()].filter((s) => ownerId === undefined || s.ownerId === ownerId);
  }

  async delete(id: string): Promise<void> {
    const sandbox = this.sandboxes.get(id);
    if (!sandbox) throw new NotFoundError(`No sandbox "${id}". List sandboxes with GET /api/sandboxes.`);
    this.sandboxes.delete(id);
    await sandbox.dispose();
  }

  getSnapshot(id: string): Snapshot | undefined {
    return this.store.get(id);
  }

  async restore(snapshotId: string, ownerId: string): Promise<Sandbox> {
    const snapshot = this.store.get(snapshotId);
    if (!snapshot) throw new NotFoundError(`No snapshot "${snapshotId}". Take one with POST /api/sandboxes/:id/snapshots.`);
    return this.admitted(snapshot.spec, ownerId, () => this.build(snapshot.spec, ownerId, snapshot));
  }

  health(): EngineHealth {
    return {
      redisVersion: this.redisVersion,
      memoryCap: this.memoryCap.mechanism,
      liveSandboxes: this.sandboxes.size,
      warmPool: this.pool.counts(),
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.sweeper);
    const live = [...this.sandboxes.values()];
    this.sandboxes.clear();
    await Promise.all([this.pool.dispose(), ...live.map((s) => s.dispose())]);
  }

  private occupants(): { live: Occupant[]; all: Occupant[] } {
    const live: Occupant[] = [...this.sandboxes.values(), ...this.pending];
    return { live, all: [...live, ...this.pool.members()] };
  }

  private fits(spec: SandboxSpec): boolean {
    try {
      const { all } = this.occupants();
      admit({ ...this.options, sandboxesPerLearner: Infinity, maxSandboxes: Infinity }, '', spec, [], all);
      return true;
    } catch {
      return false;
    }
  }

  private async admitted(spec: SandboxSpec, ownerId: string, make: () => Promise<LiveSandbox>): Promise<Sandbox> {
    if (this.disposed) throw new CapacityError(503, 'The platform is shutting down. Try again once it has restarted.');
    const { live, all } = this.occupants();
    admit(this.options, ownerId, spec, live, all);
    const reservation: Occupant = { ownerId, spec, rssBytes: () => 0 };
    this.pending.add(reservation);
    try {
      const sandbox = await make();
      if (this.disposed) {
        await sandbox.dispose();
        throw new CapacityError(503, 'The platform is shutting down. Try again once it has restarted.');
      }
      this.sandboxes.set(sandbox.id, sandbox);
      return sandbox;
    } finally {
      this.pending.delete(reservation);
    }
  }

  private async build(spec: SandboxSpec, ownerId: string, snapshot?: Snapshot): Promise<LiveSandbox> {
    const id = newSandboxId();
    const groupId = newReplicationGroupId();
    const dir = join(this.options.workDir, id);
    mkdirSync(dir, { recursive: true });
    const layout = planLayout(spec, groupId, dir);
    if (snapshot) for (const shard of layout.shards) shard.slots = snapshot.shards.find((s) => s.shard === shard.id)?.slots ?? shard.slots;
    const rt: SandboxRuntime = {
      id,
      groupId,
      spec,
      dir,
      options: this.options,
      creds: newPlatformCredentials(),
      ports: this.ports,
      memoryCap: this.memoryCap,
      marker: new OwnerMarker(dir, id),
      events: new EventsLog(),
      nodes: new Map(layout.nodes.map((n) => [n.name, n])),
      sentinels: [],
      shards: layout.shards,
      abort: new AbortController(),
    };
    const sandbox = new LiveSandbox(rt, this.store, ownerId);
    try {
      await sandbox.start({ rdbByShard: snapshot ? this.store.files(snapshot) : undefined });
    } catch (error) {
      await sandbox.dispose();
      throw error;
    }
    if (snapshot) rt.events.add('snapshot', snapshot.id, `Restored replication group ${groupId} from snapshot ${snapshot.id}`);
    return sandbox;
  }

  /** Deletes sandboxes idle longer than the idle timeout or older than the maximum lifetime. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const sandbox of [...this.sandboxes.values()]) {
      const idle = now - sandbox.lastActivity > this.options.idleTimeoutMs;
      const expired = now - sandbox.createdAt.getTime() > this.options.maxLifetimeMs;
      if ((idle || expired) && sandbox.status === 'available') {
        this.sandboxes.delete(sandbox.id);
        await sandbox.dispose().catch((error: Error) => console.error(`[cachelab] could not reclaim ${sandbox.id}: ${error.message}`));
      }
    }
  }
}
