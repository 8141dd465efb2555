/**
 * @module `lab add-shard`: the sandbox's stand-in for ModifyReplicationGroupShardConfiguration (increase the shard
 * count): a node group is added and slots move to it online while clients keep working (ASK/MOVED redirects).
 * Register it in createLabShell's extraLabCommands as `{ 'add-shard': createAddShardLabCommand() }`.
 */
import type { LabCommand } from '../../shell/index.ts';

const MAX_EVENT_CHARS = 160;

/** The slot list in an event can run to thousands of characters; the summary below has the final ranges. */
function shorten(message: string): string {
  return message.length > MAX_EVENT_CHARS ? `${message.slice(0, MAX_EVENT_CHARS)}...` : message;
}

export function createAddShardLabCommand(): LabCommand {
  return {
    name: 'add-shard',
    summary: 'Add a shard to a cluster-mode-enabled sandbox and reshard online',
    async run(args, ctx) {
      if (args.length > 0) {
        ctx.out.error('lab add-shard takes no arguments: it adds one shard and rebalances the slots evenly.');
        return;
      }
      const before = ctx.sandbox.describe();
      if (!before.clusterModeEnabled) {
        ctx.out.error(`lab add-shard: sandbox ${before.id} has cluster mode disabled (one shard). Shards can be added to a "cluster" sandbox only.`);
        return;
      }
      ctx.out.output(`Adding node group ${String(before.nodeGroups.length + 1).padStart(4, '0')} and moving slots to it online; keep using the cluster meanwhile...\n`);
      const eventsBefore = ctx.sandbox.events().length;
      await ctx.sandbox.addShard();
      const after = ctx.sandbox.describe();
      const lines = ctx.sandbox
        .events()
        .slice(eventsBefore)
        .map((e) => `${e.time}  ${e.sourceType}  ${e.sourceId}  ${shorten(e.message)}`);
      lines.push('', 'Slots per shard now:');
      for (const group of after.nodeGroups) lines.push(`  ${group.id}  primary ${group.primary ?? '(none)'}  slots ${group.slots ?? '(none)'}`);
      lines.push(
        '',
        'On AWS: aws elasticache modify-replication-group-shard-configuration --replication-group-id <id> --node-group-count ' +
          `${after.nodeGroups.length} --apply-immediately`,
        '',
      );
      ctx.out.output(lines.join('\n'));
    },
  };
}
