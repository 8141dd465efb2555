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

/** Per-group settings, as [option, value] for both the config file and SENTINEL SET (re-monitoring). */
export function sentinelMonitorSettings(creds: PlatformCredentials): [string, string][] {
  return [
    ['down-after-milliseconds', '1000'],
    ['failover-timeout', '3000'],
    ['parallel-syncs', '5'],
    ['auth-user', creds.sentinel.username],
    ['auth-pass', creds.sentinel.password],
  ];
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
    ...sentinelMonitorSettings(input.creds).map(([option, value]) => `sentinel ${option} ${g} ${value}`),
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
