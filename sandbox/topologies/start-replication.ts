/**
 * @module Brings up cluster-mode-disabled topologies: one primary, its replicas and, with at least one replica,
 * three Sentinels. Ready means: every node answers, every replica's link is up, every Sentinel sees the primary.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newRunId } from '../ids.ts';
import { parseInfo, withConnection } from '../processes/connect.ts';
import { startNode, startSentinel } from '../processes/node-launcher.ts';
import type { NodeState, SandboxRuntime, SentinelState } from '../live-sandbox/sandbox-runtime.ts';
import { waitUntil } from '../wait-until.ts';

const SENTINELS = 3;

export async function waitForReplicaLink(rt: SandboxRuntime, replica: NodeState, timeoutMs = 15_000): Promise<void> {
  await waitUntil(
    async () => {
      const info = parseInfo(await replica.client!.info('replication'));
      return info.master_link_status === 'up';
    },
    { timeoutMs, intervalMs: 10, what: `replica ${replica.name} to finish its initial sync`, signal: rt.abort.signal },
  );
}

export async function waitForSentinel(rt: SandboxRuntime, sentinel: SentinelState, primaryPort: number): Promise<void> {
  await waitUntil(
    () =>
      withConnection(sentinel.port, rt.creds.admin, async (client) => {
        const fields = (await client.call('SENTINEL', 'MASTER', rt.groupId)) as string[];
        const view = Object.fromEntries(fields.flatMap((v, i) => (i % 2 === 0 ? [[v, fields[i + 1]]] : [])));
        return view.flags === 'master' && Number(view.port) === primaryPort;
      }),
    { timeoutMs: 15_000, intervalMs: 10, what: `sentinel ${sentinel.name} to see the primary`, signal: rt.abort.signal },
  );
}

/** Starts three Sentinels that already know each other, the primary and its replicas. */
export async function startSentinels(rt: SandboxRuntime, primary: NodeState, replicas: NodeState[]): Promise<void> {
  for (let i = 0; i < SENTINELS; i += 1) {
    const name = `sentinel-${i + 1}`;
    rt.sentinels.push({ name, port: await rt.ports.allocate(), dir: join(rt.dir, 'sentinels', name), id: newRunId() });
  }
  await Promise.all(
    rt.sentinels.map((s) =>
      startSentinel(rt, s, {
        primaryPort: primary.port,
        replicaPorts: replicas.map((r) => r.port),
        peers: rt.sentinels.filter((p) => p !== s).map((p) => ({ port: p.port, id: p.id })),
      }),
    ),
  );
}

/** Ports are allocated here; `rdb` (restore) is placed in the primary's directory before it starts. */
export async function startReplicationGroup(rt: SandboxRuntime, options: { rdb?: string } = {}): Promise<void> {
  const nodes = [...rt.nodes.values()];
  for (const node of nodes) node.port = await rt.ports.allocate();
  const [primary, ...replicas] = nodes as [NodeState, ...NodeState[]];
  if (options.rdb) {
    mkdirSync(primary.dir, { recursive: true });
    copyFileSync(options.rdb, join(primary.dir, 'dump.rdb'));
  }
  // All nodes start at once; replicas are pointed at the primary with REPLICAOF, which connects immediately
  // (a `replicaof` line in the config would wait for the once-a-second replication cron).
  await Promise.all(nodes.map((node) => startNode(rt, node, { firstStart: true })));
  await Promise.all(replicas.map((r) => r.client!.call('REPLICAOF', '127.0.0.1', String(primary.port))));
  if (replicas.length > 0) await startSentinels(rt, primary, replicas);
  await Promise.all([
    ...replicas.map((r) => waitForReplicaLink(rt, r)),
    ...rt.sentinels.map((s) => waitForSentinel(rt, s, primary.port)),
  ]);
}
