/**
 * @module Turns two INFO readings of a node into one CloudWatch-named sample. Counters (hits, misses, evictions,
 * CPU seconds) are reported per period, as CloudWatch does, so each sample needs the previous reading.
 */
import type { NodeMetrics } from '../model.ts';

export interface InfoReading {
  at: number;
  info: Record<string, string>;
}

const num = (info: Record<string, string>, key: string): number => Number(info[key] ?? 0) || 0;

function keyCount(info: Record<string, string>): number {
  let total = 0;
  for (const [key, value] of Object.entries(info)) {
    if (/^db\d+$/.test(key)) total += Number(/keys=(\d+)/.exec(value)?.[1] ?? 0);
  }
  return total;
}

export function infoToMetrics(node: string, current: InfoReading, previous: InfoReading | undefined, replicationLag?: number): NodeMetrics {
  const info = current.info;
  const prev = previous?.info;
  const elapsedS = previous ? Math.max((current.at - previous.at) / 1000, 0.001) : 0;
  const delta = (key: string) => (prev ? Math.max(num(info, key) - num(prev, key), 0) : 0);
  const cpuPercent = (keys: string[]) =>
    elapsedS > 0 ? Math.min(100, (keys.reduce((sum, k) => sum + delta(k), 0) / elapsedS) * 100) : 0;
  const hits = delta('keyspace_hits');
  const misses = delta('keyspace_misses');
  const maxmemory = num(info, 'maxmemory');
  const sample: NodeMetrics = {
    time: new Date(current.at).toISOString(),
    node,
    CPUUtilization: round(cpuPercent(['used_cpu_sys', 'used_cpu_user'])),
    EngineCPUUtilization: round(cpuPercent(['used_cpu_sys_main_thread', 'used_cpu_user_main_thread'])),
    DatabaseMemoryUsagePercentage: maxmemory > 0 ? round((num(info, 'used_memory') / maxmemory) * 100) : 0,
    BytesUsedForCache: num(info, 'used_memory'),
    CacheHits: hits,
    CacheMisses: misses,
    CacheHitRate: hits + misses > 0 ? round((hits / (hits + misses)) * 100) : 0,
    Evictions: delta('evicted_keys'),
    CurrConnections: num(info, 'connected_clients'),
    CurrItems: keyCount(info),
    IsPrimary: info.role === 'master' ? 1 : 0,
  };
  if (info.role === 'slave') sample.ReplicationLag = replicationLag ?? num(info, 'master_last_io_seconds_ago');
  return sample;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
