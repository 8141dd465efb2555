/** @module Takes a snapshot: BGSAVE on each shard's primary (as admin), then the RDB copied into the platform's store. */
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError } from '../../src/server/errors.ts';
import { newSnapshotId } from '../ids.ts';
import type { SandboxSpec, Snapshot } from '../model.ts';
import { parseInfo } from '../processes/connect.ts';
import { shardPrimary, type NodeState, type SandboxRuntime } from '../live-sandbox/sandbox-runtime.ts';
import { waitUntil } from '../wait-until.ts';
import type { SnapshotStore } from './snapshot-store.ts';

async function persistence(node: NodeState): Promise<Record<string, string>> {
  return parseInfo(await node.client!.info('persistence'));
}

async function saveRdb(rt: SandboxRuntime, node: NodeState): Promise<string> {
  const before = Number((await persistence(node)).rdb_saves ?? 0);
  // A replica's full sync may have a fork running: then wait for it and ask again (SCHEDULE only covers AOF rewrites).
  await waitUntil(
    () =>
      node.client!.call('BGSAVE', 'SCHEDULE').then(
        () => true,
        (error: Error) => {
          if (error.message.includes('already in progress')) return false;
          throw error;
        },
      ),
    { timeoutMs: 60_000, intervalMs: 50, what: `a free moment to BGSAVE on ${node.name}`, signal: rt.abort.signal },
  );
  await waitUntil(
    async () => {
      const info = await persistence(node);
      if (info.rdb_last_bgsave_status === 'err') throw new Error(`BGSAVE failed on ${node.name}; see its redis.log.`);
      return Number(info.rdb_saves) > before && info.rdb_bgsave_in_progress === '0';
    },
    { timeoutMs: 60_000, intervalMs: 20, what: `BGSAVE on ${node.name}`, signal: rt.abort.signal },
  );
  return join(node.dir, 'dump.rdb');
}

export async function takeSnapshot(rt: SandboxRuntime, store: SnapshotStore, ownerId: string, spec: SandboxSpec): Promise<Snapshot> {
  const primaries = rt.shards.map((shard) => {
    const primary = shardPrimary(rt, shard.id);
    if (!primary || primary.status !== 'available') {
      throw new ConflictError(`Node group ${shard.id} has no available primary to snapshot. Restart or resume it, then try again.`);
    }
    return { shard, primary };
  });
  const id = newSnapshotId();
  store.folder(id);
  try {
    const shards = await Promise.all(
      primaries.map(async ({ shard, primary }) => {
        const rdb = await saveRdb(rt, primary);
        const target = store.rdbPath(id, shard.id);
        copyFileSync(rdb, target);
        return { shard: shard.id, slots: shard.slots, bytes: statSync(target).size };
      }),
    );
    const snapshot: Snapshot = { id, sandboxId: rt.id, ownerId, spec, createdAt: new Date().toISOString(), shards };
    store.save(snapshot);
    rt.events.add('snapshot', id, `Snapshot succeeded for snapshot with ID '${id}' of replication group with ID '${rt.groupId}'`);
    return snapshot;
  } catch (error) {
    store.discard(id);
    rt.events.add('snapshot', id, `Snapshot failed for snapshot with ID '${id}': ${(error as Error).message}`);
    throw error;
  }
}
