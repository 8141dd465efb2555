/**
 * @module The pid/owner marker in each sandbox directory. It records which platform process started the sandbox
 * and every redis-server it spawned (pid + start time + working directory), so that after a SIGKILLed platform
 * the next start-up can kill exactly those processes and nothing else.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const MARKER_FILE = 'cachelab-owner.json';

const processRecordSchema = z.object({ pid: z.number().int(), startTime: z.string(), dir: z.string(), port: z.number().int() }).strict();
export type ProcessRecord = z.infer<typeof processRecordSchema>;

export const ownerMarkerSchema = z
  .object({
    platformPid: z.number().int(),
    platformStartTime: z.string(),
    sandboxId: z.string(),
    processes: z.array(processRecordSchema),
  })
  .strict();
export type OwnerMarkerData = z.infer<typeof ownerMarkerSchema>;

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot; with the pid it names one process for good. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function readOwnerMarker(sandboxDir: string): OwnerMarkerData | undefined {
  try {
    return ownerMarkerSchema.parse(JSON.parse(readFileSync(join(sandboxDir, MARKER_FILE), 'utf8')));
  } catch {
    return undefined;
  }
}

export class OwnerMarker {
  private readonly data: OwnerMarkerData;

  constructor(
    private readonly sandboxDir: string,
    sandboxId: string,
  ) {
    this.data = {
      platformPid: process.pid,
      platformStartTime: processStartTime(process.pid) ?? '',
      sandboxId,
      processes: [],
    };
    this.write();
  }

  record(pid: number, dir: string, port: number): void {
    this.data.processes.push({ pid, startTime: processStartTime(pid) ?? '', dir, port });
    this.write();
  }

  forget(pid: number): void {
    this.data.processes = this.data.processes.filter((p) => p.pid !== pid);
    this.write();
  }

  /** Written atomically: a crash mid-write must not leave a marker the reaper cannot read. */
  private write(): void {
    // Once the sandbox directory is gone (deleted), there is nothing left to guard.
    if (!existsSync(this.sandboxDir)) return;
    const file = join(this.sandboxDir, MARKER_FILE);
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(this.data));
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
