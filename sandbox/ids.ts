/** @module Random identifiers and secrets: sandbox ids, replication group ids, node names, passwords. */
import { randomBytes, randomInt } from 'node:crypto';

const lowercase = 'abcdefghijklmnopqrstuvwxyz';
const lowerAlnum = 'abcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** DNS-label friendly, so it can sit inside endpoint names. */
export function newSandboxId(): string {
  return `sb-${pick(lowerAlnum, 8)}`;
}

/** ElastiCache-like replication group id, e.g. "cl-kqzt". */
export function newReplicationGroupId(): string {
  return `cl-${pick(lowercase, 4 + randomInt(3))}`;
}

export function newSnapshotId(): string {
  return `snap-${pick(lowerAlnum, 10)}`;
}

/** 32 hex characters: long enough to be unguessable, free of characters a shell would mangle. */
export function newPassword(): string {
  return randomBytes(16).toString('hex');
}

/** Redis node and sentinel run ids are 40 hex characters. */
export function newRunId(): string {
  return randomBytes(20).toString('hex');
}

export function shardId(index: number): string {
  return String(index + 1).padStart(4, '0');
}

/** "<group>-0001-001": node group, then member number, as ElastiCache names member clusters. */
export function nodeName(groupId: string, shardIndex: number, memberIndex: number): string {
  return `${groupId}-${shardId(shardIndex)}-${String(memberIndex + 1).padStart(3, '0')}`;
}

/** Multi-AZ placement: members of a shard land in different zones, shards start on different zones. */
export function availabilityZone(shardIndex: number, memberIndex: number): string {
  return `local-1${'abc'[(shardIndex + memberIndex) % 3]}`;
}
