/**
 * @module CONFIG GET answered by the platform: learners may not run CONFIG (it would reveal masterauth and every
 * path), so the platform runs it as admin and returns only parameters on this allow-list, roughly the ones an
 * ElastiCache parameter group shows.
 */
import type { Redis } from 'ioredis';

export const CONFIG_GET_ALLOWLIST = new Set([
  'maxmemory', 'maxmemory-policy', 'maxmemory-samples', 'maxmemory-eviction-tenacity', 'maxclients', 'timeout',
  'tcp-keepalive', 'databases', 'notify-keyspace-events', 'hash-max-listpack-entries', 'hash-max-listpack-value',
  'hash-max-ziplist-entries', 'hash-max-ziplist-value', 'list-max-listpack-size', 'list-max-ziplist-size',
  'list-compress-depth', 'set-max-intset-entries', 'set-max-listpack-entries', 'zset-max-listpack-entries',
  'zset-max-listpack-value', 'zset-max-ziplist-entries', 'zset-max-ziplist-value', 'stream-node-max-bytes',
  'stream-node-max-entries', 'slowlog-log-slower-than', 'slowlog-max-len', 'latency-monitor-threshold',
  'latency-tracking', 'lua-time-limit', 'busy-reply-threshold', 'lfu-log-factor', 'lfu-decay-time',
  'active-expire-effort', 'activedefrag', 'lazyfree-lazy-eviction', 'lazyfree-lazy-expire',
  'lazyfree-lazy-server-del', 'lazyfree-lazy-user-del', 'replica-lazy-flush', 'appendonly', 'appendfsync', 'save',
  'cluster-enabled', 'cluster-node-timeout', 'cluster-require-full-coverage', 'cluster-allow-reads-when-down',
  'replica-read-only', 'replica-serve-stale-data', 'replica-priority', 'repl-backlog-size', 'repl-backlog-ttl',
  'repl-diskless-sync', 'min-replicas-to-write', 'min-replicas-max-lag', 'proto-max-bulk-len',
  'client-query-buffer-limit', 'client-output-buffer-limit', 'hz', 'dynamic-hz', 'io-threads', 'port',
]);

/** Runs CONFIG GET as admin and keeps only allow-listed parameters, as [name, value] pairs. */
export async function allowListedConfigGet(admin: Redis, patterns: string[]): Promise<[string, string][]> {
  const reply = (await admin.call('CONFIG', 'GET', ...patterns)) as string[];
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) {
    // Redis 7.0 echoes an exact (non-glob) name as typed (`CONFIG GET MAXMEMORY` answers "MAXMEMORY"), so compare in lower case.
    if (CONFIG_GET_ALLOWLIST.has(reply[i]!.toLowerCase())) pairs.push([reply[i]!, reply[i + 1]!]);
  }
  return pairs;
}
