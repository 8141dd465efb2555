/**
 * @module `npm run bench:sandbox`: ready times (cold and warm), failover kill -> writable, idle RSS/PSS and CPU, and
 * how many 3x1 clusters fit in 12 GB (a batch is really started, then extrapolated from its measured memory).
 * Runs in a few minutes on 2 cores; everything it starts is deleted before it exits.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import calculateSlot from 'cluster-key-slot';
import { Redis } from 'ioredis';
import { createSandboxEngine, type EngineOptions, type RedisSandboxEngine } from '../../sandbox/index.ts';
import type { LiveSandbox } from '../../sandbox/live-sandbox/index.ts';
import type { SandboxSpec } from '../../sandbox/model.ts';
import { parseSlotRanges } from '../../sandbox/topologies/layout.ts';

const CAPACITY_CLUSTERS = Number(process.env.BENCH_CAPACITY_CLUSTERS ?? 20);
const root = mkdtempSync(join(tmpdir(), 'cachelab-bench-'));
const SHAPES: Record<string, SandboxSpec> = {
  'single': { topology: 'single' },
  'replication 1+2 (3 Sentinels)': { topology: 'replication', replicas: 2 },
  'cluster 3x1': { topology: 'cluster', shards: 3, replicasPerShard: 1 },
};

function options(name: string, portBase: number, warmPool: EngineOptions['warmPool'] = {}): EngineOptions {
  return {
    redisServer: process.env.CACHELAB_REDIS_SERVER ?? 'redis-server',
    workDir: join(root, name, 'sandboxes'),
    snapshotDir: join(root, name, 'snapshots'),
    portRange: [portBase, portBase + 1499],
    maxmemoryMb: 64,
    sandboxesPerLearner: 10_000,
    maxSandboxes: 10_000,
    memoryBudgetMb: 1_000_000,
    idleTimeoutMs: 3_600_000,
    maxLifetimeMs: 3_600_000,
    warmPool,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const rows: [string, string, string][] = [];
const row = (what: string, value: string, target: string) => {
  rows.push([what, value, target]);
  console.log(`  ${what}: ${value} (target ${target})`);
};

function pids(sandbox: LiveSandbox): { node: number[]; sentinel: number[] } {
  return {
    node: [...sandbox.rt.nodes.values()].map((n) => n.process!.pid),
    sentinel: sandbox.rt.sentinels.map((s) => s.process!.pid),
  };
}

/** RSS counts the redis-server binary and shared libraries (libcrypto, libssl, libstdc++...) in every process; PSS and RssAnon do not. */
function memoryKb(pid: number): { rss: number; pss: number; anon: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return {
    rss: Number(/VmRSS:\s+(\d+)/.exec(status)![1]),
    anon: Number(/RssAnon:\s+(\d+)/.exec(status)![1]),
    pss: Number(/Pss:\s+(\d+)/.exec(rollup)![1]),
  };
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function timeCreates(engine: RedisSandboxEngine, spec: SandboxSpec, runs: number, warm: boolean): Promise<number[]> {
  const times: number[] = [];
  // One unmeasured warm-up run: the first create also pays for loading and JIT-compiling the engine's code.
  if (!warm) await engine.delete((await engine.create(spec, 'bench-warm-up')).id);
  for (let i = 0; i < runs; i += 1) {
    if (warm) await engine.pool.filled(120_000);
    const started = performance.now();
    const sandbox = await engine.create(spec, `bench-${i}`);
    times.push(performance.now() - started);
    await engine.delete(sandbox.id);
  }
  return times;
}

async function readyTimes(): Promise<void> {
  console.log('Ready times (create() wall time)...');
  const cold = await createSandboxEngine(options('cold', 47000));
  const runs: Record<string, number> = { 'single': 20, 'replication 1+2 (3 Sentinels)': 10, 'cluster 3x1': 5 };
  const targets: Record<string, string> = { 'single': '<= 150 ms', 'replication 1+2 (3 Sentinels)': '<= 1 s', 'cluster 3x1': '<= 2.5 s' };
  for (const [name, spec] of Object.entries(SHAPES)) {
    const t = await timeCreates(cold, spec, runs[name]!, false);
    row(`cold ${name}, p50 / p95 (n=${t.length}, after 1 warm-up)`, `${ms(percentile(t, 50))} / ${ms(percentile(t, 95))}`, targets[name]!);
  }
  await cold.dispose();
  const warm = await createSandboxEngine(options('warm', 48500, { single: 1, replication: 1, cluster: 1 }));
  for (const [name, spec] of Object.entries(SHAPES)) {
    const t = await timeCreates(warm, spec, 5, true);
    row(`warm hand-out ${name}, p50 / p95 (n=${t.length})`, `${ms(percentile(t, 50))} / ${ms(percentile(t, 95))}`, 'p50 <= 50 ms');
  }
  await warm.dispose();
}

async function untilWritable(port: number, creds: { username: string; password: string }, key: string, started: number): Promise<number> {
  const client = new Redis({ port, ...creds, maxRetriesPerRequest: 0, commandTimeout: 200, retryStrategy: () => 20 });
  client.on('error', () => {});
  try {
    for (;;) {
      try {
        await client.set(key, 'x');
        return performance.now() - started;
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
      if (performance.now() - started > 30_000) throw new Error('no writable primary within 30 s');
    }
  } finally {
    client.disconnect();
  }
}

async function failoverTimes(): Promise<void> {
  console.log('Failover kill -> writable...');
  const engine = await createSandboxEngine(options('failover', 50000));
  const results: Record<string, number[]> = { replication: [], cluster: [] };
  for (let i = 0; i < 5; i += 1) {
    const sandbox = (await engine.create(SHAPES['replication 1+2 (3 Sentinels)']!, 'bench')) as LiveSandbox;
    const victim = sandbox.describe().nodes.find((n) => n.role === 'primary')!;
    const survivors = sandbox.describe().nodes.filter((n) => n !== victim);
    const started = performance.now();
    await sandbox.fault({ action: 'kill', node: victim.name });
    // Whichever replica Sentinel promotes: the first successful SET on any survivor.
    results.replication!.push(await Promise.any(survivors.map((n) => untilWritable(n.port, sandbox.credentials, 'k', started))));
    await engine.delete(sandbox.id);
  }
  for (let i = 0; i < 3; i += 1) {
    const sandbox = (await engine.create(SHAPES['cluster 3x1']!, 'bench')) as LiveSandbox;
    const d = sandbox.describe();
    const victim = d.nodes.find((n) => n.role === 'primary' && n.shard === '0002')!;
    const replica = d.nodes.find((n) => n.role === 'replica' && n.shard === '0002')!;
    const [low, high] = parseSlotRanges(d.nodeGroups[1]!.slots)[0]!;
    let key = 'k0';
    for (let j = 0; !(calculateSlot(key) >= low && calculateSlot(key) <= high); j += 1) key = `k${j}`;
    const started = performance.now();
    await sandbox.fault({ action: 'kill', node: victim.name });
    results.cluster!.push(await untilWritable(replica.port, sandbox.credentials, key, started));
    await engine.delete(sandbox.id);
  }
  row(`failover replication 1+2, kill -> writable p50 / max (n=5)`, `${ms(percentile(results.replication!, 50))} / ${ms(Math.max(...results.replication!))}`, '<= 3 s');
  row(`failover cluster 3x1, kill -> writable p50 / max (n=3)`, `${ms(percentile(results.cluster!, 50))} / ${ms(Math.max(...results.cluster!))}`, '<= 3 s');
  await engine.dispose();
}

async function idleAndCapacity(): Promise<void> {
  console.log(`Idle footprint and capacity: starting ${CAPACITY_CLUSTERS} 3x1 clusters and 2 replication groups...`);
  const engine = await createSandboxEngine(options('capacity', 52000));
  const startedAt = performance.now();
  const clusters: LiveSandbox[] = [];
  for (let i = 0; i < CAPACITY_CLUSTERS; i += 4) {
    const batch = Math.min(4, CAPACITY_CLUSTERS - i);
    clusters.push(...((await Promise.all(Array.from({ length: batch }, () => engine.create(SHAPES['cluster 3x1']!, 'bench')))) as LiveSandbox[]));
  }
  const startSeconds = (performance.now() - startedAt) / 1000;
  const replication = (await Promise.all([1, 2].map(() => engine.create(SHAPES['replication 1+2 (3 Sentinels)']!, 'bench')))) as LiveSandbox[];
  await new Promise((r) => setTimeout(r, 3000));

  const nodeMem = clusters.flatMap((c) => pids(c).node).map(memoryKb);
  const sentinelMem = replication.flatMap((r) => pids(r).sentinel).map(memoryKb);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const mb = (xs: { rss: number; anon: number; pss: number }[]) =>
    (['rss', 'anon', 'pss'] as const).map((k) => `${(avg(xs.map((m) => m[k])) / 1024).toFixed(1)} MB`).join(' / ');
  row('idle data node RSS / private (RssAnon) / PSS, mean', mb(nodeMem), 'RSS <= 10 MB');
  row('idle Sentinel RSS / private (RssAnon) / PSS, mean', mb(sentinelMem), '-');

  const windowMs = 10_000;
  const tick = 100;
  const clusterPids = clusters.flatMap((c) => [...pids(c).node, ...pids(c).sentinel]);
  const replPids = replication.flatMap((r) => [...pids(r).node, ...pids(r).sentinel]);
  const before = { cluster: clusterPids.map(cpuTicks), repl: replPids.map(cpuTicks), platform: process.cpuUsage() };
  await new Promise((r) => setTimeout(r, windowMs));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const clusterCpu = ((sum(clusterPids.map(cpuTicks)) - sum(before.cluster)) / tick / (windowMs / 1000)) * 100 / clusters.length;
  const replCpu = ((sum(replPids.map(cpuTicks)) - sum(before.repl)) / tick / (windowMs / 1000)) * 100 / replication.length;
  const platform = process.cpuUsage(before.platform);
  const platformCpu = ((platform.user + platform.system) / 1000 / windowMs) * 100 / (clusters.length + replication.length);
  row('idle CPU per 3x1 cluster (6 redis-server)', `${clusterCpu.toFixed(2)} % of one core`, '-');
  row('idle CPU per replication 1+2 (3 nodes + 3 Sentinels)', `${replCpu.toFixed(2)} % of one core`, '-');
  row('idle CPU of the platform per sandbox (tracker + metrics)', `${platformCpu.toFixed(3)} % of one core`, '-');

  const perClusterMb = sum(nodeMem.map((m) => m.pss)) / 1024 / clusters.length;
  const perClusterRssMb = sum(nodeMem.map((m) => m.rss)) / 1024 / clusters.length;
  row(
    `3x1 clusters in 12 GB (started ${clusters.length} in ${startSeconds.toFixed(1)} s, extrapolated from their PSS)`,
    `${Math.floor(12_288 / perClusterMb)} (${perClusterMb.toFixed(1)} MB PSS each; ${Math.floor(12_288 / perClusterRssMb)} by RSS)`,
    '>= 150',
  );
  await engine.dispose();
}

console.log(`cachelab sandbox benchmark: ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
try {
  await readyTimes();
  await failoverTimes();
  await idleAndCapacity();
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log('\n| Measure | Result | Target |\n| --- | --- | --- |');
for (const [what, value, target] of rows) console.log(`| ${what} | ${value} | ${target} |`);
