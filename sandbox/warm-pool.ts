/**
 * @module Keeps ready sandboxes of the common shapes (single; replication 1+2; cluster 3x1) so a hand-out is
 * immediate. A sandbox leaves the pool exactly once (take() removes it before anything else can see it); the pool
 * refills one sandbox at a time and only while no learner's create is being built, so it never starves them.
 */
import type { LiveSandbox } from './live-sandbox/index.ts';
import { sandboxSpecSchema, type SandboxSpec, type Topology } from './model.ts';

export const POOL_SHAPES: Record<Topology, SandboxSpec> = {
  single: { topology: 'single' },
  replication: { topology: 'replication', replicas: 2 },
  cluster: { topology: 'cluster', shards: 3, replicasPerShard: 1 },
};

export function sameShape(a: SandboxSpec, b: SandboxSpec): boolean {
  return JSON.stringify(sandboxSpecSchema.parse(a)) === JSON.stringify(sandboxSpecSchema.parse(b));
}

export interface WarmPoolDeps {
  targets: Partial<Record<Topology, number>>;
  build(spec: SandboxSpec): Promise<LiveSandbox>;
  /** False while live creates are running or a cap would be hit: the pool waits. */
  mayBuild(spec: SandboxSpec): boolean;
}

const RETRY_MS = 250;
const FAILURE_BACKOFF_MS = 5000;

export class WarmPool {
  private readonly ready = new Map<Topology, LiveSandbox[]>();
  private timer?: NodeJS.Timeout;
  private building?: Promise<void>;
  private disposed = false;

  constructor(private readonly deps: WarmPoolDeps) {}

  start(): void {
    this.kick(0);
  }

  /** Removes and returns a ready sandbox of exactly this shape, if any. */
  take(spec: SandboxSpec): LiveSandbox | undefined {
    const shape = POOL_SHAPES[spec.topology];
    if (!sameShape(spec, shape)) return undefined;
    const sandbox = this.ready.get(spec.topology)?.shift();
    this.kick(0);
    return sandbox;
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const topology of Object.keys(this.deps.targets) as Topology[]) out[topology] = this.ready.get(topology)?.length ?? 0;
    return out;
  }

  members(): LiveSandbox[] {
    return [...this.ready.values()].flat();
  }

  /** Resolves once every target count is met (used by tests and the benchmark). */
  async filled(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.missing() !== undefined) {
      if (Date.now() > deadline) throw new Error(`Warm pool not filled within ${timeoutMs} ms: ${JSON.stringify(this.counts())}.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.timer);
    await this.building?.catch(() => {});
    const members = this.members();
    this.ready.clear();
    await Promise.all(members.map((s) => s.dispose()));
  }

  private missing(): Topology | undefined {
    return (Object.entries(this.deps.targets) as [Topology, number][]).find(([t, n]) => (this.ready.get(t)?.length ?? 0) < n)?.[0];
  }

  private kick(delay: number): void {
    if (this.disposed || this.building) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refillOne(), delay);
    this.timer.unref();
  }

  private refillOne(): void {
    const topology = this.missing();
    if (this.disposed || !topology || this.building) return;
    const spec = POOL_SHAPES[topology];
    if (!this.deps.mayBuild(spec)) return this.kick(RETRY_MS);
    let next = 0;
    this.building = this.deps
      .build(spec)
      .then(async (sandbox) => {
        if (this.disposed) return sandbox.dispose();
        const list = this.ready.get(topology) ?? [];
        list.push(sandbox);
        this.ready.set(topology, list);
      })
      .catch((error: Error) => {
        next = FAILURE_BACKOFF_MS;
        console.error(`[cachelab] warm pool could not build a ${topology} sandbox: ${error.message}`);
      })
      .finally(() => {
        this.building = undefined;
        this.kick(next);
      });
  }
}
