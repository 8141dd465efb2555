/** @module GET /api/health: liveness plus what the platform runs on (Redis version, memory cap mechanism). */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app.ts';

export function healthRoutes(deps: Pick<AppDeps, 'engine'>) {
  return new Hono<AppEnv>().get('/', (c) => {
    const health = deps.engine.health();
    return c.json({ ok: true, ...health, node: process.versions.node });
  });
}
