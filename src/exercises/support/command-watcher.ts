/**
 * @module An exercise listener that watches the current primary with MONITOR (as the platform admin) and keeps the
 * commands of interest: which node ran them and when. It follows the primary endpoint across failovers, so a
 * check can tell "written on the old primary before it died" from "written afterwards".
 */
import type { Redis } from 'ioredis';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { ExerciseListener } from '../exercise-definition.ts';

export interface SeenCommand {
  time: number;
  node: string;
  /** Upper-cased command name. */
  command: string;
  args: string[];
}

const FOLLOW_EVERY_MS = 200;
const MAX_SEEN = 2000;

export class CommandWatcher implements ExerciseListener {
  readonly startedAt = Date.now();
  /** The primary of shard 0001 when the exercise started. */
  readonly primaryAtStart: string | undefined;
  private readonly seen: SeenCommand[] = [];
  private monitor?: Redis;
  private watching?: { node: string; port: number };
  private readonly timer: NodeJS.Timeout;
  private disposed = false;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly wanted: (command: string, args: string[]) => boolean,
  ) {
    this.primaryAtStart = sandbox.describe().nodeGroups[0]?.primary;
    this.timer = setInterval(() => void this.follow(), FOLLOW_EVERY_MS);
    this.timer.unref();
  }

  /** Resolves once MONITOR runs on the current primary, so nothing typed after setup is missed. */
  async ready(): Promise<this> {
    await this.follow();
    return this;
  }

  commands(): readonly SeenCommand[] {
    return this.seen;
  }

  private async follow(): Promise<void> {
    if (this.disposed) return;
    const d = this.sandbox.describe();
    const primary = d.nodes.find((n) => n.name === d.nodeGroups[0]?.primary && n.status === 'available');
    if (this.watching && primary && this.watching.node === primary.name && this.watching.port === primary.port) return;
    const stale = d.nodes.find((n) => n.name === this.watching?.node);
    if (this.watching && primary === undefined && stale?.status === 'available') return;
    this.monitor?.disconnect();
    this.monitor = undefined;
    this.watching = undefined;
    if (!primary) return;
    this.watching = { node: primary.name, port: primary.port };
    const admin = this.sandbox.adminClient(primary.name);
    try {
      const monitor = await admin.monitor();
      monitor.on('error', () => {});
      // A node that dies must not be redialled forever: the next follow() attaches to the new primary.
      monitor.options.retryStrategy = () => null;
      monitor.on('monitor', (time: string, args: string[]) => {
        const command = String(args[0] ?? '').toUpperCase();
        const rest = args.slice(1).map(String);
        if (!this.wanted(command, rest)) return;
        this.seen.push({ time: Math.round(Number(time) * 1000), node: primary.name, command, args: rest });
        if (this.seen.length > MAX_SEEN) this.seen.shift();
      });
      monitor.on('end', () => {
        if (this.watching?.node === primary.name) this.watching = undefined;
      });
      if (this.disposed) monitor.disconnect();
      else this.monitor = monitor;
    } catch {
      this.watching = undefined;
    } finally {
      admin.disconnect();
    }
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    this.monitor?.disconnect();
  }
}
