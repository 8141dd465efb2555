/**
 * @module Moves one hash slot between primaries online, the way redis-cli --cluster reshard does: IMPORTING on the
 * target, MIGRATING on the source, MIGRATE the keys in batches (with the admin's AUTH2), then SETSLOT NODE everywhere.
 * Clients keep working: during the move they are redirected with ASK.
 */
import type { NodeState, SandboxRuntime } from '../live-sandbox/sandbox-runtime.ts';

const BATCH = 100;

export async function moveSlot(rt: SandboxRuntime, slot: number, source: NodeState, target: NodeState, primaries: NodeState[]): Promise<void> {
  const s = String(slot);
  await target.client!.call('CLUSTER', 'SETSLOT', s, 'IMPORTING', source.clusterId!);
  await source.client!.call('CLUSTER', 'SETSLOT', s, 'MIGRATING', target.clusterId!);
  for (;;) {
    const keys = (await source.client!.call('CLUSTER', 'GETKEYSINSLOT', s, String(BATCH))) as string[];
    if (keys.length === 0) break;
    await source.client!.call(
      'MIGRATE', '127.0.0.1', String(target.port), '', '0', '10000', 'REPLACE',
      'AUTH2', rt.creds.admin.username, rt.creds.admin.password, 'KEYS', ...keys,
    );
  }
  // Target first: once it owns the slot, the source's redirects point clients at an owner that accepts them.
  await target.client!.call('CLUSTER', 'SETSLOT', s, 'NODE', target.clusterId!);
  await source.client!.call('CLUSTER', 'SETSLOT', s, 'NODE', target.clusterId!);
  await Promise.all(
    primaries
      .filter((p) => p !== source && p !== target)
      .map((p) => p.client!.call('CLUSTER', 'SETSLOT', s, 'NODE', target.clusterId!).catch(() => {})),
  );
}
