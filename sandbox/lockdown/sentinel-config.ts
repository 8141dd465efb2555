/**
 * @module Renders a Sentinel's config. Every Sentinel is told its own id and its peers up front, so a fresh
 * trio can vote on a failover at once instead of discovering each other over several hello periods.
 */
import type { PlatformCredentials } from './platform-credentials.ts';
import { sentinelUserLines } from './acl-rules.ts';

export interface SentinelConfigInput {
  port: number;
  dir: string;
  myId: string;
  groupId: string;
  primaryPort: number;
  replicaPorts: number[];
  peers: { port: number; id: string }[];
  creds: PlatformCredentials;
}

export function renderSentinelConfig(input: SentinelConfigInput): string {
  const g = input.groupId;
  const lines = [
    `port ${input.port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    `dir ${input.dir}`,
    `logfile ${input.dir}/sentinel.log`,
    'daemonize no',
    `sentinel myid ${input.myId}`,
    `sentinel monitor ${g} 127.0.0.1 ${input.primaryPort} 2`,
    `sentinel down-after-milliseconds ${g} 1000`,
    `sentinel failover-timeout ${g} 3000`,
    `sentinel parallel-syncs ${g} 5`,
    `sentinel auth-user ${g} ${input.creds.sentinel.username}`,
    `sentinel auth-pass ${g} ${input.creds.sentinel.password}`,
    `sentinel sentinel-user ${input.creds.sentinel.username}`,
    `sentinel sentinel-pass ${input.creds.sentinel.password}`,
    'sentinel deny-scripts-reconfig yes',
    'sentinel resolve-hostnames no',
    ...input.replicaPorts.map((port) => `sentinel known-replica ${g} 127.0.0.1 ${port}`),
    ...input.peers.map((peer) => `sentinel known-sentinel ${g} 127.0.0.1 ${peer.port} ${peer.id}`),
    ...sentinelUserLines(input.creds),
  ];
  return `${lines.join('\n')}\n`;
}
