/**
 * @module The node a `lab kill|stop|resume|restart` argument names: a real node name, or a role alias so lessons
 * need not know generated names: `primary` / `replica` (shard 0001), `primary:0002` / `replica:2` (other shards).
 */
import type { CacheNode, FaultAction, SandboxDescription } from '../../../sandbox/model.ts';

/**
 * `alias` is the role and shard an alias named ("primary:0001"), so the caller can remember the pick; `former` says the
 * node no longer has that role and was chosen because the same alias picked it before (stop primary, then resume primary).
 */
export type NodeArgument = { ok: true; node: string; alias?: string; former?: boolean } | { ok: false; message: string };

export const NODE_ALIAS_HELP = [
  'a node name, or primary | replica (in shard 0001), primary:0002 | replica:0002 (another shard).',
  '          An alias picks a node whose state fits the action: after `lab kill primary`,',
  '          `lab restart primary` restarts the node you killed (the same for stop / resume).',
];

/** The status a node must have for the action to make sense; an alias only ever picks such a node. */
const WANTED: Record<Exclude<FaultAction, 'failover'>, CacheNode['status']> = {
  kill: 'available',
  stop: 'available',
  resume: 'stopped',
  restart: 'down',
};

const ALIAS = /^(primary|replica)(?::(\d{1,4}))?$/i;

export function nodeArgument(
  word: string | undefined,
  d: SandboxDescription,
  action: Exclude<FaultAction, 'failover'>,
  lastPick?: (alias: string) => string | undefined,
): NodeArgument {
  const names = d.nodes.map((n) => n.name);
  if (!word) return { ok: false, message: `lab ${action} needs a node: primary, replica, primary:<shard>, or one of ${names.join(', ')}` };
  if (names.includes(word)) return { ok: true, node: word };
  const alias = ALIAS.exec(word);
  if (!alias) return { ok: false, message: `lab ${action}: no node "${word}" in this sandbox; its nodes are ${names.join(', ')} (or say primary / replica)` };
  const role = alias[1]!.toLowerCase() as CacheNode['role'];
  const shard = (alias[2] ?? '1').padStart(4, '0');
  const group = d.nodeGroups.find((g) => g.id === shard);
  if (!group) return { ok: false, message: `lab ${action}: no shard ${shard}; shards are ${d.nodeGroups.map((g) => g.id).join(', ')}` };
  const members = d.nodes.filter((n) => n.shard === shard && n.role === role).sort((a, b) => a.name.localeCompare(b.name));
  if (members.length === 0) {
    return { ok: false, message: `lab ${action} ${word}: shard ${shard} has no ${role} right now (lab status shows every node)` };
  }
  // The shard's current primary first, then the others; only a node whose state fits the action (restarting a
  // healthy primary would cause a failover the learner did not ask for).
  const wanted = WANTED[action];
  const current = role === 'primary' ? members.find((n) => n.name === group.primary) : undefined;
  const chosen = [current, ...members].find((n) => n?.status === wanted);
  const key = `${role}:${shard}`;
  if (chosen) return { ok: true, node: chosen.name, alias: key };
  // After `lab stop primary` a failover makes the frozen node a replica; `lab resume primary` still means that node.
  const before = lastPick?.(key);
  const former = d.nodes.find((n) => n.name === before && n.shard === shard && n.status === wanted);
  if (former) return { ok: true, node: former.name, alias: key, former: true };
  const states = members.map((n) => `${n.name} is ${n.status}`).join(', ');
  const others = d.nodes.filter((n) => n.shard === shard && n.role !== role && n.status === wanted).map((n) => n.name);
  const hint = others.length > 0 ? `; ${wanted} now: ${others.join(', ')} (lab ${action} <name>)` : '';
  return { ok: false, message: `lab ${action} ${word}: it needs a node that is ${wanted}, but ${states}${hint}` };
}
