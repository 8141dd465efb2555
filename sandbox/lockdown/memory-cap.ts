/**
 * @module The OS-level memory cap of each sandbox process. `maxmemory` does not bound one command or one Lua
 * script, so every redis-server also runs under a hard cap: its own cgroup v2 (memory.max) where this machine
 * lets us create one, otherwise an address-space rlimit set by `prlimit` (or the shell's `ulimit -v`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type MemoryCapMechanism = 'cgroup v2' | 'rlimit (RLIMIT_AS)' | 'none';

export interface LaunchCommand {
  file: string;
  args: string[];
}

export interface MemoryCap {
  readonly mechanism: MemoryCapMechanism;
  /** Wraps the redis-server command line so the process starts under the cap. */
  wrap(redisServer: string, args: string[], limitMb: number): LaunchCommand;
  /** cgroup v2 only: moves a started process into its own capped group; returns the group's teardown. */
  attach(pid: number, name: string, limitMb: number): () => void;
}

function ownCgroupDir(): string | undefined {
  try {
    const line = readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((l) => l.startsWith('0::'));
    if (!line || !existsSync('/sys/fs/cgroup/cgroup.controllers')) return undefined;
    const controllers = readFileSync('/sys/fs/cgroup/cgroup.controllers', 'utf8');
    if (!controllers.split(/\s+/).includes('memory')) return undefined;
    const dir = join('/sys/fs/cgroup', line.slice(3).trim());
    const probe = join(dir, `cachelab-probe-${process.pid}`);
    mkdirSync(probe);
    const usable = existsSync(join(probe, 'memory.max'));
    rmdirSync(probe);
    return usable ? dir : undefined;
  } catch {
    return undefined;
  }
}

function hasPrlimit(): boolean {
  return spawnSync('prlimit', ['--version'], { stdio: 'ignore' }).status === 0;
}

function rlimitWrap(redisServer: string, args: string[], limitMb: number): LaunchCommand {
  const bytes = limitMb * 1024 * 1024;
  if (hasPrlimitCached()) return { file: 'prlimit', args: [`--as=${bytes}`, redisServer, ...args] };
  return { file: 'sh', args: ['-c', `ulimit -v ${limitMb * 1024} && exec "$0" "$@"`, redisServer, ...args] };
}

let prlimitFound: boolean | undefined;
function hasPrlimitCached(): boolean {
  prlimitFound ??= hasPrlimit();
  return prlimitFound;
}

export function detectMemoryCap(): MemoryCap {
  const cgroupDir = ownCgroupDir();
  if (cgroupDir) {
    return {
      mechanism: 'cgroup v2',
      // The rlimit stays as a second line: if moving a process into its group ever fails, it is still capped.
      wrap: rlimitWrap,
      attach(pid, name, limitMb) {
        const group = join(cgroupDir, `cachelab-${name}`);
        try {
          mkdirSync(group, { recursive: true });
          writeFileSync(join(group, 'memory.max'), String(limitMb * 1024 * 1024));
          if (existsSync(join(group, 'memory.swap.max'))) writeFileSync(join(group, 'memory.swap.max'), '0');
          writeFileSync(join(group, 'cgroup.procs'), String(pid));
        } catch (error) {
          console.error(`[cachelab] could not put pid ${pid} into cgroup ${group} (${(error as Error).message}); its rlimit still applies`);
        }
        return () => {
          try {
            rmdirSync(group);
          } catch {
            // Still populated for a moment after the process died, or never created.
          }
        };
      },
    };
  }
  const shellUlimit = spawnSync('sh', ['-c', 'ulimit -v 1048576'], { stdio: 'ignore' }).status === 0;
  if (hasPrlimitCached() || shellUlimit) {
    return { mechanism: 'rlimit (RLIMIT_AS)', wrap: rlimitWrap, attach: () => () => {} };
  }
  return { mechanism: 'none', wrap: (redisServer, args) => ({ file: redisServer, args }), attach: () => () => {} };
}

/** Address space allowed to a data node: jemalloc's and Lua's baseline plus room for the dataset, a fork and buffers. */
export function nodeMemoryLimitMb(maxmemoryMb: number): number {
  return 256 + maxmemoryMb * 3;
}

export const SENTINEL_MEMORY_LIMIT_MB = 192;
