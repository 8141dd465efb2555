/**
 * @module The sandbox engine's model, in ElastiCache's words: replication groups, node groups (shards),
 * cache nodes, endpoints, events. One zod schema per shape; TypeScript types come from z.infer.
 * The HTTP API, the lab shell, the exercise checker and (later) a local ElastiCache-compatible
 * control plane all speak this model.
 */
import { z } from 'zod';

export const topologySchema = z.enum(['single', 'replication', 'cluster']).describe('Sandbox shape');
export type Topology = z.infer<typeof topologySchema>;

export const sandboxSpecSchema = z
  .discriminatedUnion('topology', [
    z.object({ topology: z.literal('single') }).strict(),
    z
      .object({
        topology: z.literal('replication'),
        replicas: z.number().int().min(0).max(5).default(2).describe('Replicas beside the primary (0-5)'),
      })
      .strict(),
    z
      .object({
        topology: z.literal('cluster'),
        shards: z.number().int().min(1).max(5).default(3).describe('Node groups (shards), 1-5'),
        replicasPerShard: z.number().int().min(0).max(5).default(1).describe('Replicas in each shard (0-5)'),
      })
      .strict(),
  ])
  .describe('What to create: POST /api/sandboxes body');
export type SandboxSpec = z.infer<typeof sandboxSpecSchema>;

export const nodeRoleSchema = z.enum(['primary', 'replica']);
export type NodeRole = z.infer<typeof nodeRoleSchema>;

/** available: serving; stopped: SIGSTOPped (unresponsive); down: killed or crashed; restarting. */
export const nodeStatusSchema = z.enum(['available', 'stopped', 'down', 'restarting']);
export type NodeStatus = z.infer<typeof nodeStatusSchema>;

export const cacheNodeSchema = z
  .object({
    name: z.string().describe('ElastiCache-style member id, e.g. "cl-k3x9-0001-002"'),
    role: nodeRoleSchema,
    shard: z.string().describe('Node group id, "0001", "0002", ...'),
    az: z.string().describe('Simulated Availability Zone, spread a/b/c as Multi-AZ placement does'),
    host: z.string(),
    port: z.number().int(),
    status: nodeStatusSchema,
    endpoint: z.string().describe('Node endpoint name, e.g. "cl-k3x9-0001-002.cl-k3x9.<sandbox>.cache.local"'),
  })
  .strict();
export type CacheNode = z.infer<typeof cacheNodeSchema>;

export const nodeGroupSchema = z
  .object({
    id: z.string().describe('"0001", "0002", ...'),
    slots: z.string().optional().describe('Slot ranges for cluster mode enabled, e.g. "0-5461"'),
    primary: z.string().optional().describe('Name of the current primary (absent while none is reachable)'),
    members: z.array(z.string()),
  })
  .strict();
export type NodeGroup = z.infer<typeof nodeGroupSchema>;

export const endpointSchema = z.object({ name: z.string(), host: z.string(), port: z.number().int() }).strict();
export type Endpoint = z.infer<typeof endpointSchema>;

export const endpointsSchema = z
  .object({
    primary: endpointSchema.optional().describe('Cluster mode disabled: always the current primary'),
    reader: endpointSchema.optional().describe('Cluster mode disabled with replicas: rotates across replicas'),
    configuration: endpointSchema.optional().describe('Cluster mode enabled: any node, clients discover the rest'),
  })
  .strict();
export type Endpoints = z.infer<typeof endpointsSchema>;

export const sandboxStatusSchema = z.enum(['creating', 'available', 'modifying', 'snapshotting', 'deleting', 'deleted']);
export type SandboxStatus = z.infer<typeof sandboxStatusSchema>;

export const credentialsSchema = z.object({ username: z.string(), password: z.string() }).strict();
export type Credentials = z.infer<typeof credentialsSchema>;

export const sandboxEventSchema = z
  .object({
    time: z.string().describe('ISO 8601'),
    sourceType: z.enum(['replication-group', 'cache-cluster', 'snapshot']),
    sourceId: z.string(),
    message: z.string().describe('DescribeEvents-style text, e.g. "Failover to replica node cl-k3x9-0001-002 completed"'),
  })
  .strict();
export type SandboxEvent = z.infer<typeof sandboxEventSchema>;

/** What the API returns for a sandbox (the learner's credentials only, never the platform's). */
export const sandboxDescriptionSchema = z
  .object({
    id: z.string(),
    replicationGroupId: z.string(),
    topology: topologySchema,
    status: sandboxStatusSchema,
    clusterModeEnabled: z.boolean(),
    automaticFailover: z.boolean(),
    multiAz: z.boolean(),
    readyMs: z.number(),
    createdAt: z.string(),
    nodeGroups: z.array(nodeGroupSchema),
    nodes: z.array(cacheNodeSchema),
    endpoints: endpointsSchema,
    credentials: credentialsSchema,
  })
  .strict();
export type SandboxDescription = z.infer<typeof sandboxDescriptionSchema>;

export const faultActionSchema = z.enum(['kill', 'stop', 'resume', 'restart', 'failover']);
export type FaultAction = z.infer<typeof faultActionSchema>;

export const faultRequestSchema = z
  .object({
    action: faultActionSchema,
    node: z.string().optional().describe('Node name; optional for failover (the primary of the first shard)'),
  })
  .strict();
export type FaultRequest = z.infer<typeof faultRequestSchema>;

export const snapshotSchema = z
  .object({
    id: z.string(),
    sandboxId: z.string(),
    ownerId: z.string(),
    spec: sandboxSpecSchema,
    createdAt: z.string(),
    shards: z.array(z.object({ shard: z.string(), slots: z.string().optional(), bytes: z.number() }).strict()),
  })
  .strict();
export type Snapshot = z.infer<typeof snapshotSchema>;

/** One CloudWatch-named sample per node, taken from INFO every few seconds. */
export const nodeMetricsSchema = z
  .object({
    time: z.string(),
    node: z.string(),
    CPUUtilization: z.number(),
    EngineCPUUtilization: z.number(),
    DatabaseMemoryUsagePercentage: z.number(),
    BytesUsedForCache: z.number(),
    CacheHits: z.number(),
    CacheMisses: z.number(),
    CacheHitRate: z.number(),
    Evictions: z.number(),
    CurrConnections: z.number(),
    CurrItems: z.number(),
    ReplicationLag: z.number().optional(),
    IsPrimary: z.union([z.literal(0), z.literal(1)]),
  })
  .strict();
export type NodeMetrics = z.infer<typeof nodeMetricsSchema>;
