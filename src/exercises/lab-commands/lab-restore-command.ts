/**
 * @module `lab restore [snapshot-id]`: the sandbox's stand-in for "Restore from backup" (CreateReplicationGroup with
 * SnapshotName): the snapshot is seeded into a NEW replication group, and this terminal switches to it. Without an id
 * it restores the newest snapshot of the current sandbox. Register it in createLabShell's extraLabCommands as
 * `{ restore: createRestoreLabCommand({ onRestored }) }`.
 */
import type { Snapshot } from '../../../sandbox/model.ts';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { CapacityError } from '../../server/errors.ts';
import type { LabCommand, LabCommandContext } from '../../shell/index.ts';
import { snapshotsTaken } from '../support/event-timeline.ts';

export interface RestoreLabCommandOptions {
  /** Told after a restore, e.g. so the exercise service knows the new sandbox belongs to the running exercise. */
  onRestored?: (from: Sandbox, restored: Sandbox, snapshot: Snapshot) => void | Promise<void>;
}

function pickSnapshot(args: string[], ctx: LabCommandContext): Snapshot | undefined {
  const current = ctx.sandbox;
  if (args.length > 1) {
    ctx.out.error('lab restore takes one snapshot id, e.g. lab restore snap-abc123defg (lab events lists your snapshots).');
    return undefined;
  }
  const id = args[0] ?? snapshotsTaken(current.events()).at(-1)?.id;
  if (!id) {
    ctx.out.error(`Sandbox ${current.id} has no snapshot yet. Take one with \`lab snapshot\`, then run \`lab restore <snapshot-id>\`.`);
    return undefined;
  }
  const snapshot = ctx.engine.getSnapshot(id);
  if (!snapshot || snapshot.ownerId !== current.ownerId) {
    ctx.out.error(`lab restore: no snapshot "${id}" of yours. Snapshot ids look like snap-abc123defg; \`lab events\` lists the ones you took.`);
    return undefined;
  }
  return snapshot;
}

/** At the per-learner cap the oldest of the learner's OTHER sandboxes makes room (never the one this terminal uses). */
async function restoreWithRoom(snapshot: Snapshot, ctx: LabCommandContext): Promise<Sandbox> {
  try {
    return await ctx.engine.restore(snapshot.id, ctx.sandbox.ownerId);
  } catch (error) {
    if (!(error instanceof CapacityError) || error.status !== 429) throw error;
    const others = ctx.engine
      .list(ctx.sandbox.ownerId)
      .filter((s) => s.id !== ctx.sandbox.id)
      .sort((a, b) => a.describe().createdAt.localeCompare(b.describe().createdAt));
    const oldest = others[0];
    if (!oldest) throw error;
    await ctx.engine.delete(oldest.id);
    ctx.out.output(`You were at your sandbox limit, so your oldest other sandbox (${oldest.id}, ${oldest.spec.topology}) was deleted to make room.\n`);
    return ctx.engine.restore(snapshot.id, ctx.sandbox.ownerId);
  }
}

export function createRestoreLabCommand(options: RestoreLabCommandOptions = {}): LabCommand {
  return {
    name: 'restore',
    summary: 'Restore a snapshot into a NEW replication group and switch this terminal to it',
    usage: 'lab restore [snapshot-id]',
    async run(args, ctx) {
      const snapshot = pickSnapshot(args, ctx);
      if (!snapshot) return;
      const from = ctx.sandbox;
      ctx.out.output(`Restoring snapshot ${snapshot.id} (taken ${snapshot.createdAt}) into a new ${snapshot.spec.topology} replication group...\n`);
      const restored = await restoreWithRoom(snapshot, ctx);
      await options.onRestored?.(from, restored, snapshot);
      const d = restored.describe();
      const entry = d.endpoints.primary ?? d.endpoints.configuration;
      const lines = [
        `Replication group ${d.replicationGroupId} (sandbox ${d.id}) is available, seeded from ${snapshot.id}.`,
        `Its endpoints and credentials are new${entry ? `; primary entry point ${entry.name}:${entry.port}` : ''}.`,
      ];
      if (ctx.useSandbox) {
        ctx.useSandbox(restored);
        lines.push(`This terminal now talks to ${d.id}. Your previous sandbox ${from.id} keeps running until you delete it or it idles out.`);
      } else {
        lines.push(`Open ${d.id} from the playground to work with it; this terminal still talks to ${from.id}.`);
      }
      lines.push(`On AWS: aws elasticache create-replication-group --replication-group-id <new-id> --snapshot-name <snapshot> ...`, '');
      ctx.out.output(lines.join('\n'));
    },
  };
}
