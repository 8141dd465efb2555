/** @module ioredis connections to sandbox processes: short-lived probes and long-lived platform clients. */
import { Redis } from 'ioredis';
import type { Credentials } from '../model.ts';

/** A platform connection: fails fast while the node is down or stopped instead of queueing commands. */
export function platformClient(port: number, creds: Credentials, options: { name?: string } = {}): Redis {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    username: creds.username,
    password: creds.password,
    connectionName: options.name ?? 'cachelab-platform',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1500,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  client.on('error', () => {});
  return client;
}

/** Opens one connection, runs fn, closes it. Throws while the process is not accepting connections yet. */
export async function withConnection<T>(port: number, creds: Credentials, fn: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    username: creds.username,
    password: creds.password,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    commandTimeout: 2000,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

/** Parses an INFO reply into key -> value. */
export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}
