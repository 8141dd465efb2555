/**
 * @module Finds redis-server processes a test run left behind. The run gives its workers their own TMPDIR, so every
 * sandbox directory of the run (engine fixtures, servers started by e2e tests) lies under it, and redis-server works
 * in its sandbox directory: a process whose working directory is inside the run's TMPDIR is the run's, and a
 * benchmark, a developer's server or another run's sandboxes are never touched, whatever ports they use.
 * (redis-server overwrites its environment with its process title, so an environment marker would not survive.)
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface LeftoverRedis {
  pid: number;
  title: string;
  cwd: string;
}

function describeRedis(pid: number): LeftoverRedis | undefined {
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'redis-server') return undefined;
    // The title redis-server sets: "redis-server 127.0.0.1:<port> [cluster|sentinel]".
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, title, cwd: readlinkSync(`/proc/${pid}/cwd`) };
  } catch {
    return undefined;
  }
}

export function findLeftoverRedis(runDir: string): LeftoverRedis[] {
  const prefix = `${runDir.replace(/\/+$/, '')}/`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => describeRedis(Number(name)))
    .filter((p): p is LeftoverRedis => !!p && p.cwd.startsWith(prefix));
}

/** SIGKILLs each leftover (nothing will shut them down gently any more) and returns them. */
export function reapLeftoverRedis(runDir: string): LeftoverRedis[] {
  const found = findLeftoverRedis(runDir);
  for (const p of found) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}
