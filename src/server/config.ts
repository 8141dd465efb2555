/** @module Platform settings read once from the environment and validated with zod. */
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();

export const configSchema = z
  .object({
    PORT: port.default(4321).describe('HTTP port of the platform (site, API, terminal WebSocket).'),
    HOST: z.string().min(1).default('127.0.0.1').describe('Interface the platform listens on.'),
    CACHELAB_DATA_DIR: z.string().min(1).default('./data').describe('Where the SQLite file, snapshots and the cookie secret live.'),
    CACHELAB_SANDBOX_DIR: z
      .string()
      .min(1)
      .optional()
      .describe('Working directories of sandboxes (default: <data dir>/sandboxes).'),
    CACHELAB_REDIS_SERVER: z.string().min(1).default('redis-server').describe('redis-server binary (name on PATH or path).'),
    CACHELAB_REDIS_BENCHMARK: z.string().min(1).default('redis-benchmark').describe('redis-benchmark binary.'),
    CACHELAB_REDIS_CLI: z.string().min(1).default('redis-cli').describe('redis-cli binary (tests compare the lab shell with it).'),
    CACHELAB_PORT_RANGE: z
      .string()
      .regex(/^\d+-\d+$/, 'expected two port numbers joined by "-", e.g. 20000-29999')
      .default('20000-29999')
      .describe('Ports handed to sandbox nodes; their cluster bus uses port + 10000.'),
    CACHELAB_NODE_MAXMEMORY_MB: positiveInt.default(64).describe('maxmemory of every sandbox node.'),
    CACHELAB_SANDBOXES_PER_LEARNER: positiveInt.default(2).describe('Live sandboxes one learner may hold.'),
    CACHELAB_MAX_SANDBOXES: positiveInt.default(150).describe('Live sandboxes on this machine (warm pool excluded).'),
    CACHELAB_MEMORY_BUDGET_MB: positiveInt.default(12_288).describe('Memory budget for all sandboxes together.'),
    CACHELAB_IDLE_TIMEOUT_MIN: positiveInt.default(30).describe('A sandbox nobody used for this long is deleted.'),
    CACHELAB_MAX_LIFETIME_MIN: positiveInt.default(240).describe('A sandbox is deleted after this long, used or not.'),
    CACHELAB_WARM_POOL: z
      .string()
      .default('single:2,replication:1,cluster:1')
      .describe('Ready sandboxes kept per topology, e.g. "single:2,replication:1,cluster:1" ("none" turns the pool off).'),
    CACHELAB_SECRET: z
      .string()
      .min(32, 'CACHELAB_SECRET must be at least 32 characters; generate one with `openssl rand -hex 32`')
      .optional()
      .describe('Signs learner cookies (default: a random secret kept in the data dir).'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Reads only the keys the schema knows, so unrelated environment variables never fail validation. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid cachelab configuration in the environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
