/**
 * @module Start-up reaper: finds sandbox directories left by a platform that died without cleaning up (SIGKILL,
 * power loss), kills exactly the redis-server processes their owner markers recorded (same pid, same start time,
 * a redis-server command line, working directory inside that sandbox) and removes the directories.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { processStartTime, readOwnerMarker, type ProcessRecord } from './owner-marker.ts';
import { waitUntil } from './wait-until.ts';

export interface ReapReport {
  killedPids: number[];
  removedDirs: string[];
}

function isOurRedis(record: ProcessRecord, sandboxDir: string): boolean {
  try {
    if (processStartTime(record.pid) !== record.startTime) return false;
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    if (!cmdline.includes('redis-server') && !cmdline.includes('redis-sentinel')) return false;
    const cwd = readlinkSync(`/proc/${record.pid}/cwd`);
    return resolve(cwd) === resolve(record.dir) && resolve(record.dir).startsWith(resolve(sandboxDir) + '/');
  } catch {
    return false;
  }
}

/** True when the platform process that wrote the marker still runs (then its sandboxes are not orphans). */
function platformAlive(pid: number, startTime: string): boolean {
  return pid === process.pid || (existsSync(`/proc/${pid}`) && processStartTime(pid) === startTime);
}

export async function reapOrphans(workDir: string): Promise<ReapReport> {
  const report: ReapReport = { killedPids: [], removedDirs: [] };
  if (!existsSync(workDir)) return report;
  for (const entry of readdirSync(workDir)) {
    const dir = join(workDir, entry);
    if (!statSync(dir).isDirectory()) continue;
    const marker = readOwnerMarker(dir);
    if (marker && platformAlive(marker.platformPid, marker.platformStartTime)) continue;
    // No marker: the platform died before spawning anything there; leave very fresh ones to a concurrent starter.
    if (!marker && Date.now() - statSync(dir).mtimeMs < 10_000) continue;
    const victims = (marker?.processes ?? []).filter((p) => isOurRedis(p, dir));
    for (const victim of victims) {
      process.kill(victim.pid, 'SIGKILL');
      report.killedPids.push(victim.pid);
    }
    await waitUntil(async () => victims.every((v) => processStartTime(v.pid) !== v.startTime), {
      timeoutMs: 5000,
      intervalMs: 10,
      what: `orphaned processes ${victims.map((v) => v.pid).join(', ')} to exit`,
    });
    rmSync(dir, { recursive: true, force: true });
    report.removedDirs.push(dir);
  }
  return report;
}
