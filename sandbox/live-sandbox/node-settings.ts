/**
 * @module What a restarted or replaced node must get back besides its config file: the parameter-group values and
 * the extra ACL users changed at runtime (through `lab param` / `lab user`, as admin). ElastiCache keeps a
 * replication group's parameter group and users across reboots and node replacements; so does the platform, by
 * reading them from the node before it stops or from a live sibling, and applying them after the start.
 */
import type { Redis } from 'ioredis';
import type { PlatformCredentials } from '../lockdown/platform-credentials.ts';

/** Runtime-changeable parameters that belong to the parameter group (not the platform's lockdown or topology). */
export const PARAMETER_GROUP = [
  'maxmemory-policy', 'maxmemory-samples', 'timeout', 'tcp-keepalive', 'notify-keyspace-events',
  'slowlog-log-slower-than', 'slowlog-max-len', 'latency-monitor-threshold', 'hash-max-listpack-entries',
  'hash-max-listpack-value', 'list-max-listpack-size', 'set-max-intset-entries', 'zset-max-listpack-entries',
  'zset-max-listpack-value', 'stream-node-max-bytes', 'stream-node-max-entries', 'lfu-log-factor', 'lfu-decay-time',
  'activedefrag', 'lazyfree-lazy-eviction', 'lazyfree-lazy-expire', 'lazyfree-lazy-user-del',
];

export interface NodeSettings {
  parameters: [string, string][];
  /** ACL rule lines of users the platform did not create, as ACL LIST prints them. */
  users: string[];
}

export async function readNodeSettings(client: Redis, creds: PlatformCredentials): Promise<NodeSettings> {
  const reply = (await client.call('CONFIG', 'GET', ...PARAMETER_GROUP)) as string[];
  const parameters: [string, string][] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) parameters.push([reply[i]!, reply[i + 1]!]);
  const platformUsers = new Set(['default', creds.admin.username, creds.replication.username, creds.sentinel.username, creds.learner.username]);
  const users = ((await client.call('ACL', 'LIST')) as string[]).filter((line) => !platformUsers.has(line.split(' ')[1]!));
  return { parameters, users };
}

export async function applyNodeSettings(client: Redis, settings: NodeSettings): Promise<void> {
  if (settings.parameters.length > 0) await client.call('CONFIG', 'SET', ...settings.parameters.flat());
  for (const line of settings.users) {
    const [, name, ...rules] = aclTokens(line);
    await client.call('ACL', 'SETUSER', name!, 'reset', ...rules);
  }
}

/** Splits an ACL LIST line into ACL SETUSER arguments, keeping each "(...)" selector as one argument. */
export function aclTokens(line: string): string[] {
  const tokens: string[] = [];
  for (const word of line.split(' ')) {
    const open = tokens.at(-1);
    if (open?.startsWith('(') && !open.endsWith(')')) tokens[tokens.length - 1] = `${open} ${word}`;
    else tokens.push(word);
  }
  return tokens;
}
