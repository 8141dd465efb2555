/** @module Runs a function with a short-lived admin connection to one node of a sandbox, always disconnecting it. */
import type { Redis } from 'ioredis';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';

export async function withAdmin<T>(sandbox: Sandbox, node: string, run: (client: Redis) => Promise<T>): Promise<T> {
  const client = sandbox.adminClient(node);
  try {
    return await run(client);
  } finally {
    client.disconnect();
  }
}
