/** The sandbox HTTP API on the real Hono app and a real engine: create, describe, faults, snapshots, restore, delete, caps. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';

let fixture: Awaited<ReturnType<typeof startTestEngine>>;
let app: ReturnType<typeof createApp>['app'];
let dataDir: string;

beforeAll(async () => {
  fixture = await startTestEngine({ sandboxesPerLearner: 2 });
  dataDir = mkdtempSync(join(tmpdir(), 'cachelab-api-'));
  app = createApp({ engine: fixture.engine, secret: 'x'.repeat(40), dataDir }).app;
});
afterAll(async () => {
  await fixture?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A learner: keeps the identity cookie the server set on first contact. */
function learner() {
  let cookie = '';
  return async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
}

describe('/api/sandboxes', () => {
  it('creates, describes, injects a fault, snapshots, restores and deletes a sandbox', async () => {
    const alice = learner();
    const created = await alice('POST', '/api/sandboxes', { topology: 'replication', replicas: 1 });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ topology: 'replication', status: 'available', credentials: { username: 'learner' } });
    expect(created.json.nodes).toHaveLength(2);
    expect(created.json.endpoints.primary.name).toMatch(/^master\./);
    expect(JSON.stringify(created.json)).not.toContain('cachelab-admin');
    const id = created.json.id as string;

    const listed = await alice('GET', '/api/sandboxes');
    expect(listed.json.map((s: { id: string }) => s.id)).toEqual([id]);

    const described = await alice('GET', `/api/sandboxes/${id}`);
    expect(described.status).toBe(200);
    expect(described.json.events.length).toBeGreaterThan(0);

    const failover = await alice('POST', `/api/sandboxes/${id}/faults`, { action: 'failover' });
    expect(failover.status).toBe(200);
    expect(failover.json.nodeGroups[0].primary).not.toBe(created.json.nodeGroups[0].primary);

    const unknownNode = await alice('POST', `/api/sandboxes/${id}/faults`, { action: 'kill', node: 'nope' });
    expect(unknownNode.status).toBe(400);

    const snapshot = await alice('POST', `/api/sandboxes/${id}/snapshots`);
    expect(snapshot.status).toBe(201);
    const deleted = await alice('DELETE', `/api/sandboxes/${id}`);
    expect(deleted.status).toBe(204);
    expect((await alice('GET', `/api/sandboxes/${id}`)).status).toBe(404);

    const restored = await alice('POST', `/api/snapshots/${snapshot.json.id}/restore`);
    expect(restored.status).toBe(201);
    expect(restored.json.id).not.toBe(id);
    expect((await alice('GET', `/api/sandboxes/${restored.json.id}/metrics`)).status).toBe(200);
    expect((await alice('DELETE', `/api/sandboxes/${restored.json.id}`)).status).toBe(204);
  });

  it('rejects a bad body with 400 and the zod message', async () => {
    const alice = learner();
    const bad = await alice('POST', '/api/sandboxes', { topology: 'cluster', shards: 9 });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/shards/);
    expect((await alice('POST', '/api/sandboxes', '{not json')).status).toBe(400);
    expect((await alice('POST', '/api/sandboxes', { topology: 'mesh' })).status).toBe(400);
  });

  it("answers 404 for another learner's sandbox and snapshot", async () => {
    const alice = learner();
    const mallory = learner();
    const created = await alice('POST', '/api/sandboxes', { topology: 'single' });
    const id = created.json.id as string;
    expect((await mallory('GET', `/api/sandboxes/${id}`)).status).toBe(404);
    expect((await mallory('DELETE', `/api/sandboxes/${id}`)).status).toBe(404);
    expect((await mallory('POST', `/api/sandboxes/${id}/faults`, { action: 'kill' })).status).toBe(404);
    const snapshot = await alice('POST', `/api/sandboxes/${id}/snapshots`);
    expect((await mallory('POST', `/api/snapshots/${snapshot.json.id}/restore`)).status).toBe(404);
    expect((await alice('GET', `/api/sandboxes/${id}`)).status).toBe(200);
    expect((await alice('DELETE', `/api/sandboxes/${id}`)).status).toBe(204);
  });

  it('answers 429 at the per-learner cap with what to do', async () => {
    const alice = learner();
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1) ids.push((await alice('POST', '/api/sandboxes', { topology: 'single' })).json.id);
    const third = await alice('POST', '/api/sandboxes', { topology: 'single' });
    expect(third.status).toBe(429);
    expect(third.json.error).toMatch(/DELETE \/api\/sandboxes/);
    for (const id of ids) expect((await alice('DELETE', `/api/sandboxes/${id}`)).status).toBe(204);
  });

  it('reports the memory cap mechanism in /api/health', async () => {
    const health = await learner()('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ ok: true, redisVersion: expect.stringMatching(/^7\./), memoryCap: expect.stringMatching(/cgroup|rlimit/) });
  });
});
