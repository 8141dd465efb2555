/**
 * @module The built-in `lab` subcommands, each a thin call into the Sandbox interface: status, topology,
 * failover, kill/stop/resume/restart, snapshot, events. (`lab reset` needs the engine and a confirmation, so
 * the shell handles it.)
 */
import type { FaultAction, SandboxEvent } from '../../../sandbox/model.ts';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { LabCommand, LabCommandContext } from '../lab-shell-options.ts';
import { describeVariables } from '../shell-variables.ts';
import { nodeArgument } from './node-argument.ts';
import { drawTopology } from './topology-picture.ts';

function printEvents(events: SandboxEvent[], ctx: LabCommandContext): void {
  if (events.length === 0) {
    ctx.out.output('No events.\n');
    return;
  }
  for (const event of events) ctx.out.output(`${event.time}  ${event.sourceType}  ${event.sourceId}  ${event.message}\n`);
}

/** The node each role alias last picked, per sandbox, so `lab resume primary` finds the primary `lab stop primary` froze. */
const aliasPicks = new WeakMap<Sandbox, Map<string, string>>();

function faultCommand(action: Exclude<FaultAction, 'failover'>, summary: string): LabCommand {
  return {
    name: action,
    summary,
    usage: `lab ${action} <node>`,
    async run(args, ctx) {
      const picks = aliasPicks.get(ctx.sandbox) ?? new Map<string, string>();
      aliasPicks.set(ctx.sandbox, picks);
      const target = nodeArgument(args[0], ctx.sandbox.describe(), action, (alias) => picks.get(alias));
      if (!target.ok) {
        ctx.out.error(target.message);
        return;
      }
      if (target.alias) {
        picks.set(target.alias, target.node);
        ctx.out.output(`${args[0]} ${target.former ? 'was' : 'is'} ${target.node}\n`);
      }
      printEvents(await ctx.sandbox.fault({ action, node: target.node }), ctx);
    },
  };
}

const status: LabCommand = {
  name: 'status',
  summary: 'Topology, roles, endpoints and your credentials',
  async run(_args, ctx) {
    const d = ctx.sandbox.describe();
    const lines = [
      `Sandbox ${d.id}  (replication group ${d.replicationGroupId}, ${d.topology}, ${d.status})`,
      `Cluster mode: ${d.clusterModeEnabled ? 'enabled' : 'disabled'}   Automatic failover: ${d.automaticFailover ? 'enabled' : 'disabled'}   Multi-AZ: ${d.multiAz ? 'enabled' : 'disabled'}`,
      '',
      'Endpoints:',
    ];
    for (const kind of ['primary', 'reader', 'configuration'] as const) {
      const endpoint = d.endpoints[kind];
      if (endpoint) lines.push(`  ${kind.padEnd(14)} ${endpoint.name}:${endpoint.port}`);
    }
    lines.push('', 'Nodes:');
    const width = Math.max(4, ...d.nodes.map((n) => n.name.length));
    lines.push(`  ${'NAME'.padEnd(width)}  ROLE     SHARD  AZ            STATUS      ADDRESS`);
    for (const n of d.nodes) {
      lines.push(
        `  ${n.name.padEnd(width)}  ${n.role.padEnd(7)}  ${n.shard.padEnd(5)}  ${n.az.padEnd(12)}  ${n.status.padEnd(10)}  ${n.host}:${n.port}`,
      );
    }
    const entry = d.endpoints.primary ?? d.endpoints.configuration;
    lines.push(
      '',
      'Your credentials (ACL user):',
      `  user      ${d.credentials.username}`,
      `  password  ${d.credentials.password}`,
      '',
      `Connect: redis-cli${d.clusterModeEnabled ? ' -c' : ''}${entry ? ` -h ${entry.name}` : ''} --user ${d.credentials.username} --pass ${d.credentials.password}`,
      `A Redis command typed at the $ prompt (e.g. SET greeting hello) runs once like that, as your user.`,
      '',
      ...describeVariables(ctx.sandbox),
      '',
    );
    ctx.out.output(lines.join('\n'));
  },
};

const topology: LabCommand = {
  name: 'topology',
  summary: 'A picture of shards, primaries, replicas and Availability Zones',
  async run(_args, ctx) {
    ctx.out.output(drawTopology(ctx.sandbox.describe(), ctx.cols));
  },
};

const failover: LabCommand = {
  name: 'failover',
  summary: 'Test a failover of one shard (like ElastiCache TestFailover)',
  usage: 'lab failover [shard]',
  async run(args, ctx) {
    const shards = ctx.sandbox.describe().nodeGroups.map((g) => g.id);
    if (args[0] && !shards.includes(args[0])) {
      ctx.out.error(`lab failover: no shard "${args[0]}"; shards are ${shards.join(', ')}`);
      return;
    }
    printEvents(await ctx.sandbox.testFailover(args[0]), ctx);
  },
};

const snapshot: LabCommand = {
  name: 'snapshot',
  summary: 'Take a snapshot (RDB of every shard)',
  async run(_args, ctx) {
    const snap = await ctx.sandbox.snapshot();
    const sizes = snap.shards.map((s) => `${s.shard}: ${s.bytes} bytes`).join(', ');
    ctx.out.output(`Snapshot ${snap.id} created at ${snap.createdAt} (${sizes})\n`);
  },
};

const events: LabCommand = {
  name: 'events',
  summary: 'Recent events of this sandbox (failovers, restarts, snapshots)',
  async run(_args, ctx) {
    printEvents(ctx.sandbox.events(), ctx);
  },
};

export const BUILT_IN_LAB_COMMANDS: readonly LabCommand[] = [
  status,
  topology,
  failover,
  faultCommand('kill', 'Kill a node (SIGKILL), as if its host failed'),
  faultCommand('stop', 'Freeze a node (SIGSTOP): it stops answering'),
  faultCommand('resume', 'Unfreeze a stopped node (SIGCONT)'),
  faultCommand('restart', 'Restart a node that is down'),
  snapshot,
  events,
];

export const RESET_SUMMARY = 'Replace this sandbox with a fresh one of the same shape (all data is lost)';
