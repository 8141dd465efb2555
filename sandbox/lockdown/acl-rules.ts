/**
 * @module ACL rules of every user. The learner gets `+@all -@dangerous`, then back the read-only diagnostics that
 * lessons use, then ElastiCache's restricted commands denied explicitly so habits carry over (the platform offers
 * failover, parameter changes and snapshots as operations instead).
 */
import type { PlatformCredentials } from './platform-credentials.ts';

/** ElastiCache's restricted-command list (fact sheet §5), plus the few others that would let a learner escape. */
export const RESTRICTED_COMMANDS = [
  'bgrewriteaof', 'bgsave', 'config', 'debug', 'migrate', 'replicaof', 'save', 'slaveof', 'shutdown', 'sync',
  'psync', 'module', 'acl|setuser', 'acl|deluser', 'acl|load', 'acl|save', 'acl|getuser', 'acl|list', 'acl|users',
  'acl|log', 'failover', 'cluster|failover', 'restore', 'restore-asking', 'client|kill', 'client|pause',
];

/**
 * Read-only or sandbox-local commands that Redis files under @dangerous but lessons need. MONITOR is granted:
 * it sees only this sandbox, Redis redacts AUTH/HELLO/ACL SETUSER arguments in its feed, the platform's own
 * traffic is INFO/ROLE polling, and a slow monitor is cut off by the normal client-output-buffer-limit.
 */
export const LEARNER_GRANTS = [
  'info', 'role', 'keys', 'sort', 'sort_ro', 'slowlog|get', 'slowlog|len', 'slowlog|reset', 'latency', 'lastsave',
  'client|list', 'monitor', 'flushdb', 'flushall', 'swapdb', 'wait', 'cluster|replicas', 'cluster|slaves',
  'cluster|count-failure-reports',
];

/**
 * Sentinels trust `__sentinel__:hello` messages on data nodes; a forged one could repoint them. The learner may
 * subscribe to every channel (PSUBSCRIBE patterns need `&*`) but publishes through a selector whose channel
 * patterns leave out names starting with "__s".
 */
const PUBLISH_SELECTOR = '(+publish resetchannels &[^_]* &_[^_]* &__[^s]*)';

export function learnerRules(password: string): string[] {
  return [
    'on', `>${password}`, '~*', '&*', '+@all', '-@dangerous',
    ...LEARNER_GRANTS.map((c) => `+${c}`),
    ...RESTRICTED_COMMANDS.map((c) => `-${c}`),
    '-publish', PUBLISH_SELECTOR,
  ];
}

/** Sentinels: the learner may ask where the primary is and watch events, never reconfigure anything. */
export function sentinelLearnerRules(password: string): string[] {
  return [
    'on', `>${password}`, '&*', '-@all', '+ping', '+auth', '+hello', '+client|setname', '+client|getname', '+client|id',
    '+subscribe', '+psubscribe', '+unsubscribe', '+punsubscribe', '+info', '+role', '+command',
    '+sentinel|get-master-addr-by-name', '+sentinel|masters', '+sentinel|master', '+sentinel|replicas',
    '+sentinel|slaves', '+sentinel|sentinels', '+sentinel|ckquorum', '+sentinel|myid',
  ];
}

/** What a Sentinel needs on a data node (Redis' documented minimum). */
const sentinelOnNodeRules = [
  '&__sentinel__:hello', '+subscribe', '+publish',
  '+multi', '+exec', '+slaveof', '+replicaof', '+ping', '+config|rewrite', '+role', '+info', '+client|setname',
  '+client|kill', '+script|kill',
];

/** The `user` lines of a data node's config file. */
export function nodeUserLines(creds: PlatformCredentials): string[] {
  return [
    'user default off resetchannels -@all',
    `user ${creds.admin.username} on >${creds.admin.password} ~* &* +@all`,
    `user ${creds.replication.username} on >${creds.replication.password} resetchannels -@all +psync +replconf +ping`,
    `user ${creds.sentinel.username} on >${creds.sentinel.password} resetchannels -@all ${sentinelOnNodeRules.join(' ')}`,
    `user ${creds.learner.username} ${learnerRules(creds.learner.password).join(' ')}`,
  ];
}

/** The `user` lines of a Sentinel's config file. */
export function sentinelUserLines(creds: PlatformCredentials): string[] {
  return [
    'user default off resetchannels -@all',
    `user ${creds.admin.username} on >${creds.admin.password} ~* &* +@all`,
    `user ${creds.sentinel.username} on >${creds.sentinel.password} ~* &* +@all`,
    `user ${creds.learner.username} ${sentinelLearnerRules(creds.learner.password).join(' ')}`,
  ];
}
