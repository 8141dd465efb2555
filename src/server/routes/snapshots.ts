/** @module /api/snapshots: restore a snapshot into a NEW sandbox (as ElastiCache restores into a new cluster). */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app.ts';
import { NotFoundError } from '../errors.ts';

export function snapshotRoutes(deps: Pick<AppDeps, 'engine'>) {
  return new Hono<AppEnv>().post('/:id/restore', async (c) => {
    const snapshot = deps.engine.getSnapshot(c.req.param('id'));
    if (!snapshot || snapshot.ownerId !== c.var.learnerId) {
      throw new NotFoundError(`No snapshot "${c.req.param('id')}" for you. Take one with POST /api/sandboxes/:id/snapshots.`);
    }
    const sandbox = await deps.engine.restore(snapshot.id, c.var.learnerId);
    return c.json(sandbox.describe(), 201);
  });
}
