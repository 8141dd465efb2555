/**
 * @module Finds redis-server processes a test run left behind: listening on a port of the run's lane and working in
 * a cachelab temporary directory. Only the run holding the lane starts processes on those ports, so these are its own.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { PortRange } from './test-port-range.ts';

export interface LeftoverRedis {
  pid: number;
  port: number;
  title: string;
  cwd: string;
}

function describeProcess(pid: number): LeftoverRedis | undefined {
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'redis-server') return undefined;
    // redis-server rewrites its title to "redis-server 127.0.0.1:<port> [cluster|sentinel]".
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(title)?.[1]);
    return { pid, port, title, cwd: readlinkSync(`/proc/${pid}/cwd`) };
  } catch {
    return undefined;
  }
}

export function findLeftoverRedis([low, high]: PortRange): LeftoverRedis[] {
  const tmp = tmpdir();
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => describeProcess(Number(name)))
    .filter((p): p is LeftoverRedis => !!p && p.port >= low && p.port <= high && p.cwd.startsWith(`${tmp}/cachelab-`))
    // The sandbox benchmark runs outside vitest and picks its own ports: never ours.
    .filter((p) => !p.cwd.startsWith(`${tmp}/cachelab-bench-`));
}

/** SIGKILLs each leftover (they are already abandoned: nothing will shut them down gently) and returns them. */
export function reapLeftoverRedis(range: PortRange): LeftoverRedis[] {
  const found = findLeftoverRedis(range);
  for (const p of found) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}
