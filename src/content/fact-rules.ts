/**
 * @module The source brief's 17 known-wrong claims ("Seed claims that are wrong or outdated" in
 * shared/reference/aws-facts.md) as patterns, each with what makes a sentence a correction and test sentences.
 */

export interface FactRule {
  /** Number in the fact sheet's list (1-17). */
  seed: number;
  id: string;
  /** The wrong claim, as the seed put it. */
  claim: string;
  /** What the fact sheet says instead (shown in the failure message). */
  correction: string;
  /** Every pattern must match the sentence for it to state the claim; the last one locates the claim. */
  when: RegExp[];
  /** Any of these in the same sentence (or its code block's introduction) makes it a correction. */
  allow: RegExp[];
  /**
   * Whether "not" / "no longer" / "instead of" right before the claim counts as a correction. Off for claims that
   * are themselves negative ("never durable", "can't scale vertically").
   */
  negationCorrects: boolean;
  /** Sentences the tests use: each `wrong` one must be flagged, each `fine` one must pass. */
  examples: { wrong: string[]; fine: string[] };
}

const KINESIS = /\b(Kinesis|KDS)\b/i;
const FAILOVER = /\b(fail(s|ed|ing)?[ -]?over|promot(e|es|ed|ion|ing))\b/i;

export const FACT_RULES: FactRule[] = [
  {
    seed: 1,
    id: 'kinesis-retention-7-days',
    claim: 'Kinesis Data Streams retains data for at most 7 days',
    correction: 'Kinesis retention is 24 hours by default and up to 365 days (8,760 hours)',
    when: [KINESIS, /\b(up to|max(imum)?( of)?|at most|limit(ed)? (of|to)|extend(ed|able)? to|increased? to|to|-|–)\s*(7|seven)[\s-]*days?\b|\b(7|seven)[\s-]*days? (max(imum)?|limit|cap)|\b168 hours\b/i],
    allow: [/\b365\b|8,?760|one year|1 year/i],
    negationCorrects: true,
    examples: {
      wrong: ['Kinesis Data Streams keeps records for 24 hours by default, extendable to 7 days.', 'Kinesis retention: 24 h to 7 days.'],
      fine: [
        'Kinesis Data Streams keeps records 24 hours by default and up to 365 days.',
        'MSK Serverless keeps data 7 days by default, while Kinesis defaults to 24 hours.',
        'Kinesis retention is not capped at 7 days any more.',
      ],
    },
  },
  {
    seed: 2,
    id: 'rename-command-empty-string',
    claim: 'disable FLUSHALL in an ElastiCache parameter group with rename-command FLUSHALL ""',
    correction: 'ElastiCache uses the rename-commands parameter with old/new pairs (e.g. "flushall restrictedflushall"); map to "blocked" to disable',
    when: [/\brename-command\s+["'`]?[A-Za-z]+["'`]?\s+(""|''|“”|``)/i],
    allow: [/self-managed|self-hosted|redis\.conf|your own (Redis|server|EC2)|on EC2/i],
    negationCorrects: true,
    examples: {
      wrong: ['In the parameter group, set rename-command FLUSHALL "" to disable it.'],
      fine: [
        'On a self-managed server you would put rename-command FLUSHALL "" in redis.conf; ElastiCache does not accept that.',
        'Set rename-commands to "flushall blocked" in a custom parameter group.',
      ],
    },
  },
  {
    seed: 3,
    id: 'test-failover-5-shards',
    claim: 'TestFailover can be called on at most 5 shards per rolling 24 hours',
    correction: 'up to 15 shards (node groups) per rolling 24 hours',
    when: [/\b(test[ -]?failover|TestFailover|test-failover)\b/i, /\b(5|five)[\s-]+(shards?|node groups?|times|calls|tests|failovers)\b|\b(up to|max(imum)?( of)?|limit(ed)? (of|to)|at most)\s+(5|five)\b/i],
    allow: [/\b15\b|fifteen/i],
    negationCorrects: true,
    examples: {
      wrong: ['TestFailover is limited to 5 shards per rolling 24-hour period.', 'You can run test-failover on up to five node groups a day.'],
      fine: ['TestFailover accepts up to 15 shards per rolling 24 hours.', 'Older docs said 5 shards for TestFailover; today it is 15.'],
    },
  },
  {
    seed: 4,
    id: 'failover-30-seconds',
    claim: 'failover takes about 30 seconds (or 30-60 seconds)',
    correction: 'AWS says writes resume "typically just a few seconds" after promotion; 30 s figures are anecdotal (DNS + client reconnect)',
    when: [
      FAILOVER,
      /(~|≈|about|around|roughly|approximately|approx\.?|typically|usually|normally|within|takes?|lasts?|in|under|of)\s+(about\s+|around\s+|~)?(30|thirty)(\s*(-|–|to)\s*(60|sixty))?[\s-]*(s|secs?|seconds?)\b|\b(30|thirty)\s*(-|–|to)\s*(60|sixty)[\s-]*(s|secs?|seconds?)\b/i,
    ],
    allow: [/anecdot|unofficial|does(n't| not) publish|publishes no|no (official|published)|not (an? )?(official|published|AWS)|observ|in practice|reports?|blog|your own (tests?|measurements?)|field reports?/i],
    negationCorrects: true,
    examples: {
      wrong: ['An automatic failover takes about 30 seconds.', 'Expect the promotion to complete in 30-60 seconds.'],
      fine: [
        'AWS does not publish a 30-second failover figure; it says writes resume within a few seconds.',
        'Some teams report failovers of 30-60 seconds end to end, which is anecdotal and includes DNS and client reconnects.',
      ],
    },
  },
  {
    seed: 5,
    id: 'unqualified-500-shards',
    claim: 'a cluster can have 500 shards (unqualified)',
    correction: 'the default quota is 90 nodes per cluster; up to 500 nodes after a quota increase',
    when: [/\b500\s+(shards?|node groups?|nodes)\b/i],
    allow: [/quota|increase|raise|request|\b90\b|default|MemoryDB/i],
    negationCorrects: true,
    examples: {
      wrong: ['Cluster mode enabled scales to 500 shards.'],
      fine: [
        'The default quota is 90 nodes per cluster; with a quota increase you can reach 500 nodes, e.g. 500 shards with no replicas.',
        'A MemoryDB cluster scales to 500 nodes and more than 100 TB.',
      ],
    },
  },
  {
    seed: 6,
    id: 'elasticache-never-durable',
    claim: 'ElastiCache is never durable',
    correction: 'Valkey 9.0+ node-based clusters offer optional durability (Multi-AZ transactional log)',
    when: [/\bElastiCache\b[^.]{0,80}\b((is|was|are)(\s+\w+)?\s+(never|not|n't)\s+(a\s+)?durable|(never|cannot|can ?not|can't)\s+(be\s+)?durable|(has|offers|provides|gives) no durability)|\bnever durable\b/i],
    allow: [/Valkey 9|durability (option|feature|setting|mode)|optional durability|by default|unless|without (the |its )?durability|opt[- ]in|transactional log|until/i],
    negationCorrects: false,
    examples: {
      wrong: ['ElastiCache is never durable, so use MemoryDB.', 'Remember that ElastiCache is not durable.'],
      fine: ['By default ElastiCache is not durable; Valkey 9.0 adds an optional durability mode.'],
    },
  },
  {
    seed: 7,
    id: 'memcached-no-vertical-scaling',
    claim: "Memcached clusters can't scale vertically",
    correction: 'supported since April 2025 (engine 1.5+ with Auto Discovery), with automated horizontal scaling',
    when: [/\bMemcached\b/i, /\b(can ?not|can't|cannot|does(n't| not)|do(n't| not)|no|unable to|without)\s+(\w+\s+){0,2}(vertical(ly)?|scale up|scaling up|change (its |the )?node type)/i],
    allow: [/2025|\bsince\b|no longer|used to|until|before|Auto Discovery|1\.5\b/i],
    negationCorrects: false,
    examples: {
      wrong: ["Memcached can't scale vertically; you must add nodes."],
      fine: ['Since April 2025, Memcached supports vertical scaling as well as automated horizontal scaling.'],
    },
  },
  {
    seed: 8,
    id: 'redis-4-5-standard-support',
    claim: 'Redis OSS 4 and 5 are normally supported',
    correction: 'standard support ended 2026-01-31; they run on paid Extended Support since 2026-02-01',
    when: [/\bRedis( OSS)?\s*(v(ersion)?\s*)?[45](\.\d+)*\b/i, /\b(standard support|fully supported|still supported|currently supported|normally supported|supported (engine )?versions?)\b/i],
    allow: [/Extended Support|ended|end of|2026|billed|paid|retire|deprecat/i],
    negationCorrects: true,
    examples: {
      wrong: ['Redis OSS 5.0.6 and 4.0.10 are fully supported engine versions.'],
      fine: ['Redis OSS 4 and 5 left standard support on 2026-01-31 and now run on paid Extended Support.'],
    },
  },
  {
    seed: 9,
    id: 'kinesis-1mb-record-fixed',
    claim: 'a Kinesis record is capped at 1 MB (fixed)',
    correction: 'the record size is 1 MiB by default and configurable up to 10 MiB',
    when: [KINESIS, /\b1\s*Mi?B\b(?!\s*\/\s*s|\s*per\s+sec)[^.]{0,40}\brecords?\b|\brecords?\b[^.]{0,30}\b(max(imum)?|limit(ed)?|cap(ped)?|up to|at most)\s*(of\s*|at\s*|to\s*)?1\s*Mi?B\b(?!\s*\/\s*s|\s*per\s+sec)/i],
    allow: [/10\s*MiB|10\s*MB|configur|by default|default|rais/i],
    negationCorrects: true,
    examples: {
      wrong: ['Kinesis records are limited to 1 MB each.'],
      fine: ['A Kinesis record is 1 MiB by default and can be configured up to 10 MiB.', 'Each Kinesis shard takes 1 MB/s or 1,000 records/s of writes.'],
    },
  },
  {
    seed: 10,
    id: 'msk-serverless-24h-retention',
    claim: 'MSK Serverless retention is at most 24 hours',
    correction: 'MSK Serverless retention is 7 days by default and can be unlimited',
    when: [/\bMSK Serverless\b/i, /\b(up to|max(imum)?( of)?|at most|limit(ed)? (of|to)|only|capped at)\s*(24\s*h(ours?)?|one day|1 day)\b/i],
    allow: [/\b(7|seven)\s*days\b|unlimited/i],
    negationCorrects: true,
    examples: {
      wrong: ['MSK Serverless keeps data for at most 24 hours.'],
      fine: ['MSK Serverless keeps data 7 days by default, and retention can be unlimited.'],
    },
  },
  {
    seed: 11,
    id: 'vertical-scaling-zero-downtime',
    claim: 'vertical scaling happens without downtime',
    correction: 'online vertical scaling has minimal downtime (under a second of interruption on 5.0.6+), not zero',
    when: [/\b(vertical(ly)?|scal(e|es|ing) up|scal(e|es|ing) down|node[- ]type change|chang(e|es|ing) (the )?node type)\b[^.]{0,80}\b(without|no|zero)\s+(any\s+)?downtime|\b(zero|no)[- ]downtime\b[^.]{0,60}\b(vertical(ly)?|scal(e|es|ing) up|node type)\b/i],
    allow: [/minimal|not zero|isn'?t zero|brief|under (a|one) second|<\s*1\s*s|less than (a|one) second|short interruption|Serverless/i],
    negationCorrects: true,
    examples: {
      wrong: ['Vertical scaling to a larger node type happens without downtime.'],
      fine: ['Vertical scaling is online with minimal downtime, not zero: expect a sub-second interruption.', 'ElastiCache Serverless scales up without downtime.'],
    },
  },
  {
    seed: 12,
    id: 'iam-auth-redis6-or-without-tls',
    claim: 'IAM authentication works on Redis 6 or without TLS',
    correction: 'IAM authentication needs Valkey 7.2+ or Redis OSS 7.0+, and in-transit encryption (TLS)',
    when: [/\bIAM[- ](auth|authentication)\b/i, /\bRedis( OSS)?\s*(v(ersion)?\s*)?6(\.\d+)*\b(?!\.\d)|\bwithout (TLS|in-transit encryption|encryption in transit)\b|\bTLS (is )?(optional|not required)\b/i],
    allow: [/\b7\.0\b|\b7\.2\b|requires? (TLS|in-transit)/i],
    negationCorrects: true,
    examples: {
      wrong: ['IAM authentication is available from Redis OSS 6.0.', 'You can use IAM auth without TLS.'],
      fine: ['IAM authentication needs Valkey 7.2+ or Redis OSS 7.0+ with TLS; RBAC works from Redis OSS 6.0.'],
    },
  },
  {
    seed: 13,
    id: 'tls-1.0-1.1-accepted',
    claim: 'ElastiCache accepts TLS 1.0 / 1.1',
    correction: 'the minimum is TLS 1.2 (TLS 1.0/1.1 support ended 2025-05-08)',
    when: [/\bTLS\s*v?1\.[01]\b/i, /\b(accept|support|allow|work|enable|use|offer|negotiat)\w*/i],
    allow: [/\b1\.2\b|ended|end of|removed|deprecat|2025|minimum|dropped/i],
    negationCorrects: true,
    examples: {
      wrong: ['ElastiCache supports TLS 1.0 and 1.1 for older clients.'],
      fine: ['Support for TLS 1.0 and 1.1 ended on 2025-05-08; clients must use TLS 1.2 or later.'],
    },
  },
  {
    seed: 14,
    id: 'redis-oss-7.2-offered',
    claim: 'ElastiCache offers Redis OSS 7.2',
    correction: 'Redis OSS stops at 7.1 on ElastiCache; 7.2-compatible engines are Valkey 7.2+',
    when: [/\bRedis( OSS)?\s*(v(ersion)?\s*)?7\.2\b/i],
    allow: [/compatib|Valkey|not (offered|available|supported)|isn'?t (offered|available)|never offered|skip|stops at 7\.1/i],
    negationCorrects: true,
    examples: {
      wrong: ['Create the cluster with Redis OSS 7.2 for the newest features.'],
      fine: ['Valkey 7.2 is compatible with Redis OSS 7.2, which ElastiCache does not offer.'],
    },
  },
  {
    seed: 15,
    id: 'ismaster-metric',
    claim: 'the CloudWatch metric IsMaster',
    correction: 'the metric is IsPrimary (formerly IsMaster)',
    when: [/\bIsMaster\b/],
    allow: [/formerly|previously|renamed|old name|used to be|was called|replaced|deprecated|now IsPrimary/i],
    negationCorrects: true,
    examples: {
      wrong: ['Alarm on IsMaster to see which node is the primary.'],
      fine: ['IsPrimary (formerly IsMaster) is 1 on the primary node.'],
    },
  },
  {
    seed: 16,
    id: 'redis-no-iam-integration',
    claim: "Redis doesn't integrate with IAM for client access",
    correction: 'ElastiCache supports IAM authentication for clients (Valkey 7.2+ / Redis OSS 7.0+, with TLS)',
    when: [/\b(Redis|Valkey|ElastiCache)\b[^.]{0,60}\b(does(n't| not)|do(n't| not)|cannot|can't|never|no)\s+(natively\s+)?(integrate|support|work|use)s?\s+(with\s+)?IAM\b|\bno IAM (integration|support|authentication)\b/i],
    allow: [/self-managed|self-hosted|\bEC2\b|open[- ]source|\b7\.0\b|\b7\.2\b|except|unless|\bbut\b|however|older engines?/i],
    negationCorrects: false,
    examples: {
      wrong: ["Redis doesn't integrate with IAM for client access."],
      fine: ["Self-managed Redis on EC2 doesn't integrate with IAM, but ElastiCache offers IAM authentication on Valkey 7.2+."],
    },
  },
  {
    seed: 17,
    id: 'iam-action-typo',
    claim: 'the IAM action "elasticache>DeleteReplicationGroup"',
    correction: 'IAM actions use a colon: "elasticache:DeleteReplicationGroup"',
    when: [/\belasticache\s*>\s*[A-Z]\w+/i],
    allow: [],
    negationCorrects: true,
    examples: {
      wrong: ['"Action": ["elasticache>DeleteReplicationGroup"]'],
      fine: ['"Action": ["elasticache:DeleteReplicationGroup"]', 'The seed wrote elasticache>DeleteReplicationGroup, a typo for the colon form.'],
    },
  },
];
