/**
 * @module Snapshots kept by the platform: one RDB per shard under snapshotDir/<id>/, with a JSON description beside
 * them, loaded again at start-up so snapshots outlive a platform restart.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotSchema, type Snapshot } from '../model.ts';

export class SnapshotStore {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const entry of readdirSync(dir)) {
      try {
        const snapshot = snapshotSchema.parse(JSON.parse(readFileSync(join(dir, entry, 'snapshot.json'), 'utf8')));
        this.snapshots.set(snapshot.id, snapshot);
      } catch {
        // A snapshot interrupted before its description was written is incomplete: leave it out.
      }
    }
  }

  folder(id: string): string {
    const folder = join(this.dir, id);
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  rdbPath(id: string, shard: string): string {
    return join(this.dir, id, `${shard}.rdb`);
  }

  save(snapshot: Snapshot): void {
    writeFileSync(join(this.folder(snapshot.id), 'snapshot.json'), JSON.stringify(snapshot, null, 2));
    this.snapshots.set(snapshot.id, snapshot);
  }

  discard(id: string): void {
    rmSync(join(this.dir, id), { recursive: true, force: true });
    this.snapshots.delete(id);
  }

  get(id: string): Snapshot | undefined {
    return this.snapshots.get(id);
  }

  /** RDB files of a snapshot by shard id, for a restore. */
  files(snapshot: Snapshot): Map<string, string> {
    return new Map(snapshot.shards.map((s) => [s.shard, this.rdbPath(snapshot.id, s.shard)]).filter(([, p]) => existsSync(p!)) as [string, string][]);
  }
}
