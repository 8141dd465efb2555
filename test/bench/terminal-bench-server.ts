/**
 * @module The server side of `npm run bench:terminal`, run as its own process so the load generator's CPU does not
 * count as gateway latency: the platform's wiring (identity, sandboxes, health, terminal gateway with real lab
 * shells) on 127.0.0.1, with one bench-only change: 64 terminals per learner instead of 4. Prints
 * `{"port":N}` once listening; SIGTERM deletes its sandboxes and exits.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/server/app.ts';
import { CachelabError } from '../../src/server/errors.ts';
import { learnerIdentity } from '../../src/server/identity.ts';
import { healthRoutes } from '../../src/server/routes/health.ts';
import { sandboxRoutes } from '../../src/server/routes/sandboxes.ts';
import { createTerminalGateway } from '../../src/server/terminal/index.ts';
import { startTestEngine } from '../integration/sandbox/engine-fixture.ts';

const engineFixture = await startTestEngine({ sandboxesPerLearner: 2, maxSandboxes: 20 });
const secret = 'b'.repeat(48);
const app = new Hono<AppEnv>();
const ws = createNodeWebSocket({ app });
app.onError((error, c) => (error instanceof CachelabError ? c.json({ error: error.message }, error.status) : c.json({ error: String(error) }, 500)));
app.use('/api/*', learnerIdentity(secret));
app.route('/api/health', healthRoutes({ engine: engineFixture.engine }));
app.route('/api/sandboxes', sandboxRoutes({ engine: engineFixture.engine }));
const gateway = createTerminalGateway({
  engine: engineFixture.engine,
  secret,
  ws,
  limits: { maxSessionsPerLearner: 64, graceMs: 1_000, sweepEveryMs: 500 },
});
app.route('/api', gateway.routes);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
ws.injectWebSocket(server);
if (!server.listening) await new Promise<void>((done) => server.once('listening', () => done()));
console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  for (const client of ws.wss.clients) client.terminate();
  await gateway.dispose();
  await new Promise<void>((done) => server.close(() => done()));
  await engineFixture.dispose();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// The bench parent going away (crash, Ctrl-C) must not leave sandboxes behind.
process.on('disconnect', () => void stop());
