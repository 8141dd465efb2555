/** @module Plans a sandbox's shape in ElastiCache's terms: node groups, member names, AZs and slot ranges. */
import { join } from 'node:path';
import { availabilityZone, nodeName, shardId } from '../ids.ts';
import type { SandboxSpec } from '../model.ts';
import type { NodeState, ShardState } from '../live-sandbox/sandbox-runtime.ts';

export const SLOT_COUNT = 16_384;

/** ElastiCache's even split: the first `16384 % n` shards take one extra slot (3 shards: 0-5461, 5462-10922, 10923-16383). */
export function evenSlotRanges(shards: number): [number, number][] {
  const base = Math.floor(SLOT_COUNT / shards);
  const extra = SLOT_COUNT % shards;
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < shards; i += 1) {
    const size = base + (i < extra ? 1 : 0);
    ranges.push([start, start + size - 1]);
    start += size;
  }
  return ranges;
}

export function formatSlotRanges(ranges: [number, number][]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

export function parseSlotRanges(text: string | undefined): [number, number][] {
  if (!text) return [];
  return text.split(',').filter(Boolean).map((part) => {
    const [a, b] = part.split('-').map(Number) as [number, number | undefined];
    return [a, b ?? a];
  });
}

export function shapeOf(spec: SandboxSpec): { shards: number; replicas: number } {
  if (spec.topology === 'single') return { shards: 1, replicas: 0 };
  if (spec.topology === 'replication') return { shards: 1, replicas: spec.replicas };
  return { shards: spec.shards, replicas: spec.replicasPerShard };
}

/** A new member of a shard (port 0 until allocated). */
export function planNode(groupId: string, sandboxDir: string, shardIndex: number, memberIndex: number): NodeState {
  const name = nodeName(groupId, shardIndex, memberIndex);
  return {
    name,
    shard: shardId(shardIndex),
    az: availabilityZone(shardIndex, memberIndex),
    port: 0,
    dir: join(sandboxDir, 'nodes', name),
    role: memberIndex === 0 ? 'primary' : 'replica',
    status: 'restarting',
  };
}

export function planLayout(spec: SandboxSpec, groupId: string, sandboxDir: string): { shards: ShardState[]; nodes: NodeState[] } {
  const { shards, replicas } = shapeOf(spec);
  const ranges = spec.topology === 'cluster' ? evenSlotRanges(shards) : [];
  const shardStates: ShardState[] = [];
  const nodes: NodeState[] = [];
  for (let s = 0; s < shards; s += 1) {
    const members = Array.from({ length: replicas + 1 }, (_, m) => planNode(groupId, sandboxDir, s, m));
    nodes.push(...members);
    shardStates.push({
      id: shardId(s),
      slots: ranges[s] ? formatSlotRanges([ranges[s]]) : undefined,
      members: members.map((n) => n.name),
    });
  }
  return { shards: shardStates, nodes };
}
