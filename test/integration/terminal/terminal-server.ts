/**
 * @module The real platform in-process for terminal tests and the benchmark: a real sandbox engine, createApp
 * (API + terminal gateway + real lab shells) on an ephemeral 127.0.0.1 port, and a teardown that stops it all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { EngineOptions } from '../../../sandbox/index.ts';
import { createApp } from '../../../src/server/app.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';

export async function startTerminalServer(engineOverrides: Partial<EngineOptions> = {}) {
  const engineFixture = await startTestEngine(engineOverrides);
  const dataDir = mkdtempSync(join(tmpdir(), 'cachelab-terminal-test-'));
  const created = createApp({ engine: engineFixture.engine, secret: 's'.repeat(48), dataDir });
  const server = serve({ fetch: created.app.fetch, port: 0, hostname: '127.0.0.1' });
  created.injectWebSocket(server);
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    engine: engineFixture.engine,
    async dispose() {
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await created.dispose?.();
      await engineFixture.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
