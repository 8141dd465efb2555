/**
 * @module The node a `lab kill|stop|resume|restart` argument names: a real node name, or a role alias so lessons
 * need not know generated names: `primary` / `replica` (shard 0001), `primary:0002` / `replica:2` (other shards).
 */
import type { CacheNode, FaultAction, SandboxDescription } from '../../../sandbox/model.ts';

export type NodeArgument = { ok: true; node: string } | { ok: false; message: string };

export const NODE_ALIAS_HELP = 'primary|replica[:shard] = that role in shard 0001 (or the shard given), or a node name';

/** The status a node must have for the action to make sense; aliases prefer such a node when a role has several. */
const WANTED: Record<Exclude<FaultAction, 'failover'>, CacheNode['status']> = {
  kill: 'available',
  stop: 'available',
  resume: 'stopped',
  restart: 'down',
};

const ALIAS = /^(primary|replica)(?::(\d{1,4}))?$/i;

export function nodeArgument(word: string | undefined, d: SandboxDescription, action: Exclude<FaultAction, 'failover'>): NodeArgument {
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
  // The current primary as the shard reports it comes first, then the node whose state fits the action.
  const current = role === 'primary' ? members.find((n) => n.name === group.primary) : undefined;
  const fitting = members.find((n) => n.status === WANTED[action]);
  const chosen = (current?.status === WANTED[action] ? current : undefined) ?? fitting ?? current ?? members[0]!;
  return { ok: true, node: chosen.name };
}
