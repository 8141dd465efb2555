/** INFO readings become CloudWatch-named samples; counters are per period. */
import { describe, expect, it } from 'vitest';
import { infoToMetrics } from '../../../sandbox/metrics/info-to-metrics.ts';
import { nodeMetricsSchema } from '../../../sandbox/model.ts';

const info = (over: Record<string, string>) => ({
  role: 'master', used_memory: '1048576', maxmemory: '67108864', keyspace_hits: '10', keyspace_misses: '0',
  evicted_keys: '0', connected_clients: '3', used_cpu_sys: '1.0', used_cpu_user: '1.0', used_cpu_sys_main_thread: '0.5',
  used_cpu_user_main_thread: '0.5', db0: 'keys=5,expires=0,avg_ttl=0', db1: 'keys=2,expires=0,avg_ttl=0', ...over,
});

describe('infoToMetrics', () => {
  it('computes rates and percentages between two readings', () => {
    const previous = { at: 0, info: info({}) };
    const current = { at: 5000, info: info({ keyspace_hits: '40', keyspace_misses: '10', used_cpu_user: '1.5', used_cpu_user_main_thread: '0.75', evicted_keys: '4' }) };
    const sample = infoToMetrics('n1', current, previous);
    expect(nodeMetricsSchema.parse(sample)).toEqual(sample);
    expect(sample).toMatchObject({
      CacheHits: 30, CacheMisses: 10, CacheHitRate: 75, Evictions: 4, CurrItems: 7, CurrConnections: 3, IsPrimary: 1,
      CPUUtilization: 10, EngineCPUUtilization: 5, BytesUsedForCache: 1048576, DatabaseMemoryUsagePercentage: 1.56,
    });
    expect(sample.ReplicationLag).toBeUndefined();
  });

  it('reports ReplicationLag only for replicas, and zero rates on the first reading', () => {
    const sample = infoToMetrics('n2', { at: 0, info: info({ role: 'slave' }) }, undefined, 2);
    expect(sample).toMatchObject({ IsPrimary: 0, ReplicationLag: 2, CacheHits: 0, CPUUtilization: 0 });
  });
});
