/** @module Renders a data node's redis.conf: loopback only, hardened, small, and fast to fail over. */
import type { PlatformCredentials } from './platform-credentials.ts';
import { nodeUserLines } from './acl-rules.ts';

export interface NodeConfigInput {
  port: number;
  dir: string;
  maxmemoryMb: number;
  creds: PlatformCredentials;
  cluster: boolean;
  /** Port of the primary on 127.0.0.1 when this node starts as a replica (cluster mode: set with CLUSTER REPLICATE). */
  replicaOf?: number;
}

export function renderNodeConfig(input: NodeConfigInput): string {
  const lines = [
    `port ${input.port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    `dir ${input.dir}`,
    'dbfilename dump.rdb',
    `logfile ${input.dir}/redis.log`,
    'daemonize no',
    // The platform snapshots on request; nothing is written behind the learner's back.
    'save ""',
    'appendonly no',
    // Throwaway data: SIGTERM must not wait for lagging replicas (7.0 waits up to 10 s by default).
    'shutdown-on-sigterm nosave now',
    'enable-debug-command no',
    'enable-module-command no',
    'enable-protected-configs no',
    `maxmemory ${input.maxmemoryMb}mb`,
    // ElastiCache's default eviction policy.
    'maxmemory-policy volatile-lru',
    'proto-max-bulk-len 1mb',
    'client-query-buffer-limit 1mb',
    'client-output-buffer-limit normal 16mb 8mb 10',
    'client-output-buffer-limit pubsub 8mb 2mb 60',
    // Redis' default replica limit (256 MB) would not fit under the address-space cap of a small node.
    'client-output-buffer-limit replica 64mb 16mb 60',
    'maxclients 64',
    // Scripts over 1 s make the node answer BUSY; the platform's watchdog then kills them.
    'busy-reply-threshold 1000',
    'repl-diskless-sync yes',
    'repl-diskless-sync-delay 0',
    'repl-ping-replica-period 1',
    'repl-timeout 5',
    `masteruser ${input.creds.replication.username}`,
    `masterauth ${input.creds.replication.password}`,
    'jemalloc-bg-thread no',
    ...nodeUserLines(input.creds),
  ];
  if (input.cluster) {
    lines.push(
      'cluster-enabled yes',
      'cluster-config-file nodes.conf',
      // Failure detection in about a second, promotion in about two (ElastiCache's default node timeout is 15 s).
      'cluster-node-timeout 1000',
      'cluster-replica-validity-factor 0',
      'cluster-allow-replica-migration no',
    );
  } else if (input.replicaOf !== undefined) {
    lines.push(`replicaof 127.0.0.1 ${input.replicaOf}`);
  }
  return `${lines.join('\n')}\n`;
}
