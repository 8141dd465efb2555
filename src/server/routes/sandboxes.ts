/**
 * @module /api/sandboxes and /api/snapshots: create, describe, delete, faults, snapshots, restore, metrics.
 * A sandbox belongs to the learner whose cookie created it; anyone else gets 404.
 */
import { Hono } from 'hono';
import { faultRequestSchema, sandboxSpecSchema } from '../../../sandbox/model.ts';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import { NotFoundError } from '../errors.ts';
import { parseJsonBody } from '../validate.ts';

export function ownedSandbox(deps: Pick<AppDeps, 'engine'>, id: string, learnerId: string): Sandbox {
  const sandbox = deps.engine.get(id);
  if (!sandbox || sandbox.ownerId !== learnerId) {
    throw new NotFoundError(`No sandbox "${id}" for you. List yours with GET /api/sandboxes or create one with POST /api/sandboxes.`);
  }
  sandbox.touch();
  return sandbox;
}

export function sandboxRoutes(deps: Pick<AppDeps, 'engine'>) {
  return new Hono<AppEnv>()
    .get('/', (c) => c.json(deps.engine.list(c.var.learnerId).map((s) => s.describe())))
    .post('/', async (c) => {
      const spec = await parseJsonBody(c, sandboxSpecSchema);
      const sandbox = await deps.engine.create(spec, c.var.learnerId);
      return c.json(sandbox.describe(), 201);
    })
    .get('/:id', (c) => {
      const sandbox = ownedSandbox(deps, c.req.param('id'), c.var.learnerId);
      return c.json({ ...sandbox.describe(), events: sandbox.events() });
    })
    .delete('/:id', async (c) => {
      ownedSandbox(deps, c.req.param('id'), c.var.learnerId);
      await deps.engine.delete(c.req.param('id'));
      return c.body(null, 204);
    })
    .post('/:id/faults', async (c) => {
      const sandbox = ownedSandbox(deps, c.req.param('id'), c.var.learnerId);
      const request = await parseJsonBody(c, faultRequestSchema);
      const events = await sandbox.fault(request);
      return c.json({ ...sandbox.describe(), events });
    })
    .post('/:id/snapshots', async (c) => {
      const sandbox = ownedSandbox(deps, c.req.param('id'), c.var.learnerId);
      return c.json(await sandbox.snapshot(), 201);
    })
    .get('/:id/events', (c) => c.json(ownedSandbox(deps, c.req.param('id'), c.var.learnerId).events()))
    .get('/:id/metrics', (c) => c.json(ownedSandbox(deps, c.req.param('id'), c.var.learnerId).metrics()));
}
