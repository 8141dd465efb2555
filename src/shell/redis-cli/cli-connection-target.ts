/** @module Where a redis-cli session points: the name as typed (for the prompt) and how it resolves in the sandbox. */
import type { ResolvedAddress, Sandbox } from '../../../sandbox/sandbox-engine.ts';

export interface CliTarget {
  /** Host exactly as typed (redis-cli prints it in the prompt and in its errors). */
  host: string;
  /** Port as typed, if any. */
  port?: number;
}

/**
 * Where redis-cli lands without -h: the primary endpoint (by name, so it follows a failover), else the
 * configuration endpoint, else the first primary node.
 */
export function defaultTarget(sandbox: Sandbox): CliTarget {
  const description = sandbox.describe();
  const endpoint = description.endpoints.primary ?? description.endpoints.configuration;
  if (endpoint) return { host: endpoint.name };
  const node = description.nodes.find((n) => n.role === 'primary') ?? description.nodes[0];
  return node ? { host: node.host, port: node.port } : { host: '127.0.0.1', port: 6379 };
}

export function resolveTarget(sandbox: Sandbox, target: CliTarget): ResolvedAddress | undefined {
  return sandbox.resolve(target.host, target.port);
}
