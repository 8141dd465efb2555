/**
 * @module One supervised redis-server (data node or Sentinel): spawned under the memory cap, recorded in the owner
 * marker, signalled for fault injection, and stopped gently (SIGTERM) then forcibly (SIGKILL) after a bound.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { MemoryCap } from '../lockdown/memory-cap.ts';
import type { OwnerMarker } from '../owner-marker.ts';

export interface SpawnRedisInput {
  redisServer: string;
  confPath: string;
  dir: string;
  port: number;
  sentinel: boolean;
  memoryCap: MemoryCap;
  limitMb: number;
  /** Unique name for the process' cgroup, when cgroups are in use. */
  capName: string;
  marker: OwnerMarker;
}

export class RedisProcess {
  readonly pid: number;
  readonly port: number;
  readonly dir: string;
  /** Resolves when the process has exited, whoever ended it. */
  readonly exited: Promise<void>;
  private running = true;
  private exitListeners: (() => void)[] = [];
  private readonly releaseCap: () => void;

  private constructor(
    private readonly child: ChildProcess,
    input: SpawnRedisInput,
  ) {
    if (child.pid === undefined) throw new Error(`Could not start ${input.redisServer}: spawn returned no pid.`);
    this.pid = child.pid;
    this.port = input.port;
    this.dir = input.dir;
    input.marker.record(this.pid, input.dir, input.port);
    this.releaseCap = input.memoryCap.attach(this.pid, input.capName, input.limitMb);
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        this.running = false;
        input.marker.forget(this.pid);
        this.releaseCap();
        for (const listener of this.exitListeners) listener();
        resolve();
      });
    });
  }

  static spawn(input: SpawnRedisInput): RedisProcess {
    const args = input.sentinel ? [input.confPath, '--sentinel'] : [input.confPath];
    const launch = input.memoryCap.wrap(input.redisServer, args, input.limitMb);
    // Detached: a Ctrl-C in the platform's terminal must reach the platform (which deletes sandboxes), not Redis.
    const child = spawn(launch.file, launch.args, { cwd: input.dir, stdio: 'ignore', detached: true });
    child.once('error', () => {});
    child.unref();
    return new RedisProcess(child, input);
  }

  get alive(): boolean {
    return this.running;
  }

  onExit(listener: () => void): void {
    this.exitListeners.push(listener);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM (after SIGCONT, a stopped process cannot act on it), then SIGKILL if it is still there after boundMs. */
  async terminate(boundMs = 2000): Promise<void> {
    if (!this.running) return;
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), boundMs);
    });
    const late = await Promise.race([this.exited.then(() => false), timedOut]);
    clearTimeout(timer);
    if (late) {
      this.signal('SIGKILL');
      await this.exited;
    }
  }
}
