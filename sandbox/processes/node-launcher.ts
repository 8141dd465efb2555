/**
 * @module Starts a data node or a Sentinel of a sandbox: writes its config, spawns it under the memory cap and
 * waits (by polling PING) until it answers. A port another program grabbed in the meantime is replaced once.
 */
import type { Redis } from 'ioredis';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeMemoryLimitMb, SENTINEL_MEMORY_LIMIT_MB } from '../lockdown/memory-cap.ts';
import { renderNodeConfig } from '../lockdown/node-config.ts';
import { renderSentinelConfig, type SentinelConfigInput } from '../lockdown/sentinel-config.ts';
import type { NodeState, SandboxRuntime, SentinelState } from '../live-sandbox/sandbox-runtime.ts';
import { clusterMode } from '../live-sandbox/sandbox-runtime.ts';
import { waitUntil } from '../wait-until.ts';
import { platformClient, withConnection } from './connect.ts';
import { RedisProcess } from './redis-process.ts';

const READY_TIMEOUT_MS = 10_000;

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return '(no log written)';
  }
}

async function waitForPing(rt: SandboxRuntime, proc: RedisProcess, logFile: string, what: string): Promise<void> {
  await waitUntil(
    async () => {
      if (!proc.alive) throw new ExitedEarly(`${what} exited during start-up: ${logTail(logFile)}`);
      return (await withConnection(proc.port, rt.creds.admin, (c) => c.ping())) === 'PONG';
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 5, what: `${what} to answer PING`, signal: rt.abort.signal },
  ).catch((error: Error) => {
    throw error.message.includes('exited during start-up') ? new ExitedEarly(error.message) : error;
  });
}

class ExitedEarly extends Error {}

function connected(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The platform connection to a new node did not become ready within 5 s.')), 5000);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Starts (or restarts, same port and directory) a data node and opens its platform connection. */
export async function startNode(rt: SandboxRuntime, node: NodeState, options: { replicaOf?: number; firstStart?: boolean } = {}): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    if (rt.abort.signal.aborted) throw new Error(`Sandbox ${rt.id} is being deleted; node ${node.name} is not started.`);
    mkdirSync(node.dir, { recursive: true });
    const confPath = join(node.dir, 'redis.conf');
    const config = renderNodeConfig({
      port: node.port,
      dir: node.dir,
      maxmemoryMb: rt.options.maxmemoryMb,
      creds: rt.creds,
      cluster: clusterMode(rt),
      replicaOf: options.replicaOf,
    });
    writeFileSync(confPath, config, { mode: 0o600 });
    const proc = RedisProcess.spawn({
      redisServer: rt.options.redisServer,
      confPath,
      dir: node.dir,
      port: node.port,
      sentinel: false,
      memoryCap: rt.memoryCap,
      limitMb: nodeMemoryLimitMb(rt.options.maxmemoryMb),
      capName: `${rt.id}-${node.name}`,
      marker: rt.marker,
    });
    node.process = proc;
    node.status = 'restarting';
    try {
      await waitForPing(rt, proc, join(node.dir, 'redis.log'), `node ${node.name} (port ${node.port})`);
    } catch (error) {
      await proc.terminate(500);
      const portTaken = logTail(join(node.dir, 'redis.log')).includes('Address already in use');
      if (!(error instanceof ExitedEarly) || !portTaken || !options.firstStart || attempt >= 2) throw error;
      rt.ports.release(node.port);
      node.port = await rt.ports.allocate();
      continue;
    }
    node.status = 'available';
    node.expectingExit = false;
    // A node that dies without the platform asking (a crash, the kernel's OOM killer) shows as down, with an event.
    proc.onExit(() => {
      if (node.process !== proc || node.expectingExit || node.status === 'restarting') return;
      node.status = 'down';
      rt.events.add('cache-cluster', node.name, `Cache node ${node.name} failed: the process exited unexpectedly`);
      rt.onUnexpectedExit?.(node);
    });
    // A fresh connection each start: a reconnecting one may be sleeping in its retry back-off.
    node.client?.disconnect();
    node.client = platformClient(node.port, rt.creds.admin);
    await connected(node.client);
    return;
  }
}

export async function startSentinel(
  rt: SandboxRuntime,
  sentinel: SentinelState,
  input: Omit<SentinelConfigInput, 'port' | 'dir' | 'myId' | 'creds' | 'groupId'>,
): Promise<void> {
  if (rt.abort.signal.aborted) throw new Error(`Sandbox ${rt.id} is being deleted; ${sentinel.name} is not started.`);
  mkdirSync(sentinel.dir, { recursive: true });
  const confPath = join(sentinel.dir, 'sentinel.conf');
  writeFileSync(
    confPath,
    renderSentinelConfig({ ...input, port: sentinel.port, dir: sentinel.dir, myId: sentinel.id, creds: rt.creds, groupId: rt.groupId }),
    { mode: 0o600 },
  );
  const proc = RedisProcess.spawn({
    redisServer: rt.options.redisServer,
    confPath,
    dir: sentinel.dir,
    port: sentinel.port,
    sentinel: true,
    memoryCap: rt.memoryCap,
    limitMb: SENTINEL_MEMORY_LIMIT_MB,
    capName: `${rt.id}-${sentinel.name}`,
    marker: rt.marker,
  });
  sentinel.process = proc;
  try {
    await waitForPing(rt, proc, join(sentinel.dir, 'sentinel.log'), `sentinel ${sentinel.name} (port ${sentinel.port})`);
  } catch (error) {
    await proc.terminate(500);
    throw error;
  }
}

/** Stops a node's process and closes its platform connection (kept for restart unless `closeClient`). */
export async function stopNode(node: NodeState, options: { closeClient?: boolean; boundMs?: number } = {}): Promise<void> {
  node.expectingExit = true;
  await node.process?.terminate(options.boundMs ?? 2000);
  if (options.closeClient) {
    node.client?.disconnect();
    node.client = undefined;
  }
}
