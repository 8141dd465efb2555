/**
 * @module The terminal gateway on a real HTTP server (port 0) with a fake engine and fake shells, so the
 * protocol (auth, origin, frames, reconnect) can be tested without redis-server.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { Sandbox, SandboxEngine } from '../../../sandbox/sandbox-engine.ts';
import type { AppEnv } from '../../../src/server/app.ts';
import { CachelabError } from '../../../src/server/errors.ts';
import { learnerIdentity } from '../../../src/server/identity.ts';
import { createTerminalGateway, type TerminalLimits } from '../../../src/server/terminal/index.ts';
import { FakeLabShell } from './fake-lab-shell.ts';

export function fakeEngine() {
  const sandboxes = new Map<string, Sandbox>();
  let next = 0;
  const engine = {
    get: (id: string) => sandboxes.get(id),
    list: (owner?: string) => [...sandboxes.values()].filter((s) => !owner || s.ownerId === owner),
    delete: async (id: string) => void sandboxes.delete(id),
  } as unknown as SandboxEngine;
  return {
    engine,
    add(ownerId: string): string {
      next += 1;
      const id = `sb-fake${String(next).padStart(4, '0')}`;
      sandboxes.set(id, { id, ownerId, touch() {}, describe: () => ({ id }) } as unknown as Sandbox);
      return id;
    },
    remove(id: string) {
      sandboxes.delete(id);
    },
  };
}

export async function startGatewayServer(limits: Partial<TerminalLimits> = {}) {
  const secret = 'x'.repeat(40);
  const fake = fakeEngine();
  const shells: FakeLabShell[] = [];
  const app = new Hono<AppEnv>();
  const ws = createNodeWebSocket({ app });
  app.onError((error, c) => (error instanceof CachelabError ? c.json({ error: error.message }, error.status) : c.json({ error: String(error) }, 500)));
  app.use('/api/*', learnerIdentity(secret));
  app.get('/api/sandboxes', (c) => c.json(fake.engine.list(c.var.learnerId).map((s) => s.id)));
  const gateway = createTerminalGateway({
    engine: fake.engine,
    secret,
    ws,
    limits,
    createShell: () => {
      const shell = new FakeLabShell();
      shells.push(shell);
      return shell;
    },
  });
  app.route('/api', gateway.routes);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  ws.injectWebSocket(server);
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    fake,
    shells,
    gateway,
    async close() {
      await gateway.dispose();
      for (const client of ws.wss.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
