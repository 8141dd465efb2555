/** @module Cluster-mode helpers for checks: which shard primary owns a key's slot, and SCAN across every primary. */
import calculateSlot from 'cluster-key-slot';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { parseSlotRanges } from '../../../sandbox/topologies/layout.ts';
import { withAdmin } from './with-admin.ts';

export function slotOf(key: string): number {
  return calculateSlot(key);
}

/** Name of the primary that owns `slot`, from the engine's view of the shards. */
export function primaryForSlot(sandbox: Sandbox, slot: number): string | undefined {
  for (const group of sandbox.describe().nodeGroups) {
    if (parseSlotRanges(group.slots).some(([a, b]) => slot >= a && slot <= b)) return group.primary;
  }
  return undefined;
}

/** Every key matching `pattern` on every shard primary, with the node that holds it. */
export async function scanCluster(sandbox: Sandbox, pattern: string): Promise<{ key: string; node: string }[]> {
  const primaries = sandbox.describe().nodeGroups.flatMap((g) => (g.primary ? [g.primary] : []));
  const found: { key: string; node: string }[] = [];
  for (const node of primaries) {
    await withAdmin(sandbox, node, async (client) => {
      let cursor = '0';
      do {
        const [next, keys] = (await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)) as [string, string[]];
        cursor = next;
        for (const key of keys) found.push({ key, node });
      } while (cursor !== '0');
    });
  }
  return found;
}
