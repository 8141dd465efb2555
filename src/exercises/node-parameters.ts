/**
 * @module The sandbox's parameter group: the few engine parameters a learner may change through `lab param`
 * (CONFIG is restricted, as on ElastiCache, where a parameter group change is an API call), their defaults,
 * a per-sandbox history of changes for checks, and restoring everything when an exercise (re)starts.
 */
import { z } from 'zod';
import type { Sandbox } from '../../sandbox/sandbox-engine.ts';

export const EVICTION_POLICIES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const;

interface ParameterDefinition {
  schema: z.ZodType<string>;
  /** The value of the sandbox's default parameter group (node-config.ts and Redis' own defaults). */
  default: string;
  description: string;
}

const integerIn = (min: number, max: number) =>
  z.string().regex(/^-?\d+$/, 'must be a whole number').refine((v) => Number(v) >= min && Number(v) <= max, `must be between ${min} and ${max}`);

export const MODIFIABLE_PARAMETERS: Record<string, ParameterDefinition> = {
  'maxmemory-policy': {
    schema: z.enum(EVICTION_POLICIES, { error: `must be one of ${EVICTION_POLICIES.join(', ')}` }),
    default: 'volatile-lru',
    description: 'What happens when used memory reaches maxmemory',
  },
  'slowlog-log-slower-than': {
    schema: integerIn(0, 10_000_000),
    default: '10000',
    description: 'Microseconds of execution time above which a command enters the slow log',
  },
  'slowlog-max-len': { schema: integerIn(1, 1024), default: '128', description: 'Entries the slow log keeps' },
  'latency-monitor-threshold': {
    schema: integerIn(0, 10_000),
    default: '0',
    description: 'Milliseconds above which LATENCY records an event (0 = off)',
  },
  'notify-keyspace-events': {
    schema: z.string().regex(/^[KEg$lshzxetmdnA]*$/, 'may only contain the flags K E g $ l s h z x e t m d n A'),
    default: '',
    description: 'Keyspace notifications to publish (e.g. Ex for expiry events)',
  },
};

export interface ParameterChange {
  time: string;
  name: string;
  value: string;
  previous: string;
}

const historyBySandbox = new Map<string, ParameterChange[]>();
/** maxmemory as the engine configured it, remembered the first time a setup shrinks it ("a smaller node type"). */
const maxmemoryBySandbox = new Map<string, string>();

function availableNodes(sandbox: Sandbox) {
  return sandbox.describe().nodes.filter((n) => n.status === 'available');
}

async function onEveryNode(sandbox: Sandbox, run: (client: ReturnType<Sandbox['adminClient']>) => Promise<unknown>): Promise<number> {
  const nodes = availableNodes(sandbox);
  await Promise.all(
    nodes.map(async (node) => {
      const client = sandbox.adminClient(node.name);
      try {
        await run(client);
      } finally {
        client.disconnect();
      }
    }),
  );
  return nodes.length;
}

export async function readParameter(sandbox: Sandbox, name: string): Promise<string> {
  const client = sandbox.adminClient('primary');
  try {
    const reply = (await client.call('CONFIG', 'GET', name)) as string[];
    return reply[1] ?? '';
  } finally {
    client.disconnect();
  }
}

/** Validates like ModifyCacheParameterGroup would; returns an error message, or undefined when the value is valid. */
export function validateParameter(name: string, value: string): string | undefined {
  const definition = MODIFIABLE_PARAMETERS[name];
  if (!definition) {
    return `"${name}" is not a modifiable parameter here; modifiable: ${Object.keys(MODIFIABLE_PARAMETERS).join(', ')}`;
  }
  const parsed = definition.schema.safeParse(value);
  return parsed.success ? undefined : `${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}`;
}

/** Applies a parameter on every available node of the sandbox (as a parameter group applies to every node). */
export async function applyParameter(sandbox: Sandbox, name: string, value: string): Promise<{ previous: string; nodes: number }> {
  const problem = validateParameter(name, value);
  if (problem) throw new Error(problem);
  const previous = await readParameter(sandbox, name);
  const nodes = await onEveryNode(sandbox, (client) => client.call('CONFIG', 'SET', name, value));
  const history = historyBySandbox.get(sandbox.id) ?? [];
  history.push({ time: new Date().toISOString(), name, value, previous });
  historyBySandbox.set(sandbox.id, history.slice(-100));
  return { previous, nodes };
}

/** Changes made through `lab param` (or applyParameter) since the exercise started. */
export function parameterHistory(sandboxId: string): readonly ParameterChange[] {
  return historyBySandbox.get(sandboxId) ?? [];
}

/** Platform only: a smaller maxmemory, as if the exercise ran on a small node type. Restored by restoreParameterDefaults. */
export async function setMaxmemory(sandbox: Sandbox, bytes: number): Promise<void> {
  if (!maxmemoryBySandbox.has(sandbox.id)) maxmemoryBySandbox.set(sandbox.id, await readParameter(sandbox, 'maxmemory'));
  await onEveryNode(sandbox, (client) => client.call('CONFIG', 'SET', 'maxmemory', String(bytes)));
}

/** Back to the default parameter group and the engine's maxmemory; forgets the change history. */
export async function restoreParameterDefaults(sandbox: Sandbox): Promise<void> {
  const original = maxmemoryBySandbox.get(sandbox.id);
  const pairs = Object.entries(MODIFIABLE_PARAMETERS).flatMap(([name, d]) => [name, d.default]);
  if (original !== undefined) pairs.push('maxmemory', original);
  await onEveryNode(sandbox, (client) => client.call('CONFIG', 'SET', ...pairs));
  historyBySandbox.delete(sandbox.id);
}

/** Drops what is remembered about a deleted sandbox. */
export function forgetSandboxParameters(sandboxId: string): void {
  historyBySandbox.delete(sandboxId);
  maxmemoryBySandbox.delete(sandboxId);
}
