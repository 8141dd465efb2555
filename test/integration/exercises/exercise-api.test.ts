/**
 * @module The exercises API and lab commands on the real app: a real sandbox engine, the real ExerciseService with every
 * exercise definition, a real SQLite progress file, and a learner's own ioredis client doing the work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExerciseRegistry } from '../../../src/exercises/exercise-registry.ts';
import { ExerciseService } from '../../../src/exercises/exercise-service.ts';
import { exerciseShellOptions } from '../../../src/exercises/lab-commands/index.ts';
import { exerciseProgressFrom } from '../../../src/exercises/progress-adapter.ts';
import { openSqliteProgressStore, type SqliteProgressStore } from '../../../src/progress/sqlite-progress-store.ts';
import { createApp } from '../../../src/server/app.ts';
import { createLabShell, type ShellOutput } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';

const EXERCISE = 'strings-counters';
const SOLUTION: string[][] = [
  ['SET', 'product:1001', '{"name":"Travel mug","price_cents":1299}', 'EX', '300'],
  ['INCR', 'page:home:views'],
  ['INCRBY', 'page:home:views', '10'],
  ['SET', 'ratelimit:user:42', '0', 'EX', '60', 'NX'],
  ['INCR', 'ratelimit:user:42'],
  ['INCR', 'ratelimit:user:42'],
  ['INCR', 'ratelimit:user:42'],
];

let engineFixture: Awaited<ReturnType<typeof startTestEngine>>;
let store: SqliteProgressStore;
let service: ExerciseService;
let registry: ExerciseRegistry;
let created: ReturnType<typeof createApp>;
let dataRoot: string;

interface Reply {
  status: number;
  body: any;
  text: string;
}

/** A browser-like client: keeps the learner cookie the server sets. */
function learner() {
  let cookie = '';
  return {
    get id(): string {
      return cookie;
    },
    async request(path: string, init: { method?: string; json?: unknown } = {}): Promise<Reply> {
      const headers: Record<string, string> = {};
      if (cookie) headers.cookie = cookie;
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      const response = await created.app.request(path, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      const set = response.headers.getSetCookie().at(-1);
      if (set) cookie = set.split(';')[0]!;
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, body, text };
    },
  };
}

/** The learner's own application client, on the endpoint and credentials the start response gave. */
async function solveAsLearner(started: any, commands: string[][]): Promise<void> {
  const endpoint = started.endpoints.primary;
  const client = new Redis({
    host: endpoint.host,
    port: endpoint.port,
    username: started.credentials.username,
    password: started.credentials.password,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  try {
    await client.connect();
    for (const [command, ...args] of commands) await client.call(command!, ...args);
  } finally {
    client.disconnect();
  }
}

beforeAll(async () => {
  engineFixture = await startTestEngine();
  dataRoot = mkdtempSync(join(tmpdir(), 'cachelab-exercise-api-'));
  store = openSqliteProgressStore(dataRoot);
  registry = await ExerciseRegistry.load();
  service = new ExerciseService(engineFixture.engine, registry, exerciseProgressFrom(store));
  created = createApp({ engine: engineFixture.engine, secret: 's'.repeat(40), dataDir: dataRoot, progress: store, exercises: service });
}, 120_000);

afterAll(async () => {
  await service?.dispose();
  await created?.dispose();
  await store?.dispose();
  await engineFixture?.dispose();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

describe('the exercise list', () => {
  it('lists every exercise with its status and never the hint, check or solution text', async () => {
    const { status, body, text } = await learner().request('/api/exercises');
    expect(status).toBe(200);
    const entry = body.find((e: { id: string }) => e.id === EXERCISE);
    expect(entry).toMatchObject({ id: EXERCISE, lesson: '1-foundations/3-data-structures', topology: 'single', points: 10, status: null });
    expect(entry.hints).toBe(registry.get(EXERCISE)!.hints.length);
    for (const e of body) expect(Object.keys(e).sort()).toEqual(['hints', 'id', 'lesson', 'points', 'status', 'title', 'topology']);
    for (const exercise of registry.list()) {
      expect(text).not.toContain(exercise.solution.slice(0, 40));
      for (const hint of exercise.hints) expect(text).not.toContain(JSON.stringify(hint).slice(1, 40));
    }
  });
});

describe('grading through the API', () => {
  const ada = learner();
  let started: any;

  it('refuses to check an exercise that was never started, and says how to start it', async () => {
    const { status, body } = await ada.request(`/api/exercises/${EXERCISE}/check`, { method: 'POST' });
    expect(status).toBe(404);
    expect(body.error).toMatch(/not running\. Start it first/);
  });

  it('starts the exercise on a sandbox with the starting state applied', async () => {
    const response = await ada.request(`/api/exercises/${EXERCISE}/start`, { method: 'POST' });
    expect(response.status).toBe(201);
    started = response.body;
    expect(started).toMatchObject({ exercise: EXERCISE, topology: 'single', status: 'available', notice: null });
    const admin = engineFixture.engine.get(started.id)!.adminClient('primary');
    try {
      expect(await admin.get('page:home:views')).toBe('41');
    } finally {
      admin.disconnect();
    }
  });

  it('fails the untouched starting state with a specific message per condition', async () => {
    const { status, body } = await ada.request(`/api/exercises/${EXERCISE}/check`, { method: 'POST' });
    expect(status).toBe(200);
    expect(body.passed).toBe(false);
    expect(body.checks.every((c: any) => Object.keys(c).sort().join() === 'message,name,passed')).toBe(true);
    const failed = body.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { message: string }) => c.message);
    expect(failed).toContain('expected `product:1001` to be a string; it does not exist. Create it with SET product:1001 \'<json>\' EX 300.');
  });

  it('passes once the learner solved it with their own client, and records the pass', async () => {
    await solveAsLearner(started, SOLUTION);
    const { body } = await ada.request(`/api/exercises/${EXERCISE}/check`, { method: 'POST' });
    expect(body.passed, JSON.stringify(body.checks)).toBe(true);
    expect(body.checks.length).toBeGreaterThanOrEqual(5);
    const mine = (await ada.request('/api/exercises')).body.find((e: { id: string }) => e.id === EXERCISE);
    expect(mine.status).toMatchObject({ passed: true, attempts: 2, hintsUsed: 0, solutionViewed: false, passedAfterSolution: false });
    expect(mine.status.lastChecks).toEqual(body.checks);
    const progress = (await ada.request('/api/progress')).body;
    expect(progress.totals.exercisesPassed).toBe(1);
    expect(progress.exercises).toEqual([expect.objectContaining({ exerciseId: EXERCISE, passed: true, attempts: 2 })]);
  });

  it('reveals hints one at a time and counts them, never past the last one', async () => {
    const total = registry.get(EXERCISE)!.hints.length;
    expect((await ada.request(`/api/exercises/${EXERCISE}/revealed`)).body).toEqual({ hints: [], solution: null });
    const first = await ada.request(`/api/exercises/${EXERCISE}/hint`, { method: 'POST' });
    expect(first.body).toEqual({ hint: registry.get(EXERCISE)!.hints[0], index: 1, total });
    const second = await ada.request(`/api/exercises/${EXERCISE}/hint`, { method: 'POST' });
    expect(second.body.index).toBe(2);
    // A reloaded page gets back exactly the hints already seen, and nothing more.
    expect((await ada.request(`/api/exercises/${EXERCISE}/revealed`)).body).toEqual({ hints: registry.get(EXERCISE)!.hints.slice(0, 2), solution: null });
    for (let i = 2; i < total + 2; i += 1) await ada.request(`/api/exercises/${EXERCISE}/hint`, { method: 'POST' });
    const mine = (await ada.request('/api/exercises')).body.find((e: { id: string }) => e.id === EXERCISE);
    expect(mine.status.hintsUsed).toBe(total);
  });

  it('shows the solution only after an explicit confirmation, and records that it was viewed', async () => {
    const unconfirmed = await ada.request(`/api/exercises/${EXERCISE}/solution`, { method: 'POST' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error).toMatch(/Confirm with \{"confirm": true\}/);
    expect(unconfirmed.text).not.toContain('INCRBY');
    let mine = (await ada.request('/api/exercises')).body.find((e: { id: string }) => e.id === EXERCISE);
    expect(mine.status.solutionViewed).toBe(false);

    const confirmed = await ada.request(`/api/exercises/${EXERCISE}/solution`, { json: { confirm: true } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.solution).toBe(registry.get(EXERCISE)!.solution);
    expect((await ada.request(`/api/exercises/${EXERCISE}/revealed`)).body.solution).toBe(registry.get(EXERCISE)!.solution);
    mine = (await ada.request('/api/exercises')).body.find((e: { id: string }) => e.id === EXERCISE);
    // Ada passed before looking, so the pass stays a clean one.
    expect(mine.status).toMatchObject({ passed: true, solutionViewed: true, passedAfterSolution: false });
  });
});

describe('a pass cannot be forged', () => {
  it('has no endpoint that accepts a verdict from the browser', async () => {
    const eve = learner();
    for (const path of [`/api/exercises/${EXERCISE}/pass`, `/api/exercises/${EXERCISE}/passed`, `/api/exercises/${EXERCISE}/complete`, `/api/exercises/${EXERCISE}`]) {
      for (const method of ['POST', 'PUT', 'PATCH']) {
        const response = await eve.request(path, { method, json: { passed: true } });
        expect(response.status, `${method} ${path}`).toBe(404);
      }
    }
    expect((await eve.request('/api/progress')).body.totals.exercisesPassed).toBe(0);
  });

  it('ignores a verdict sent with a check, and marks a pass after viewing the solution as such', async () => {
    const eve = learner();
    const started = (await eve.request(`/api/exercises/${EXERCISE}/start`, { method: 'POST' })).body;
    const forged = await eve.request(`/api/exercises/${EXERCISE}/check`, { json: { passed: true, checks: [{ name: 'all', passed: true, message: 'trust me' }] } });
    expect(forged.body.passed).toBe(false);
    expect(forged.body.checks.some((c: { message: string }) => c.message === 'trust me')).toBe(false);
    expect((await eve.request('/api/progress')).body.totals.exercisesPassed).toBe(0);

    await eve.request(`/api/exercises/${EXERCISE}/solution`, { json: { confirm: true } });
    await solveAsLearner(started, SOLUTION);
    expect((await eve.request(`/api/exercises/${EXERCISE}/check`, { method: 'POST' })).body.passed).toBe(true);
    const mine = (await eve.request('/api/exercises')).body.find((e: { id: string }) => e.id === EXERCISE);
    expect(mine.status).toMatchObject({ passed: true, solutionViewed: true, passedAfterSolution: true });
  });
});

describe('lab check, lab hint, lab solution and lab reset in the terminal', () => {
  const learnerId = 'learner-lab-commands';
  let transcript = '';
  const out: ShellOutput = {
    output: (data) => (transcript += data),
    error: (message) => (transcript += `ERROR: ${message}\n`),
  };

  async function shellFor(sandboxId: string) {
    const sandbox = engineFixture.engine.get(sandboxId)!;
    return createLabShell({ sandbox, engine: engineFixture.engine, limits: { linesPerSecond: 1000, burst: 1000 }, ...exerciseShellOptions(service, learnerId) });
  }

  async function typed(shell: Awaited<ReturnType<typeof shellFor>>, line: string): Promise<string> {
    transcript = '';
    await shell.run(line, out);
    return transcript;
  }

  it('grades with the same conditions as the Check button, with ticks, crosses and the verdict', async () => {
    const { sandbox } = await service.start(EXERCISE, learnerId);
    const shell = await shellFor(sandbox.id);
    try {
      const failing = await typed(shell, 'lab check');
      expect(failing).toContain('✘');
      expect(failing).toContain('expected `product:1001` to be a string; it does not exist.');
      expect(failing).toMatch(/NOT YET: \d+ of \d+ conditions not met\./);

      for (const words of SOLUTION) await typed(shell, words.map((w) => (w.includes(' ') || w.includes('"') ? `'${w}'` : w)).join(' '));
      const passing = await typed(shell, 'lab check');
      const api = await service.check(EXERCISE, learnerId);
      expect(api.passed).toBe(true);
      for (const c of api.checks) expect(passing).toContain(`✔\u001b[0m ${c.name}: `);
      expect(passing).toContain(`PASSED: all ${api.checks.length} conditions are met.`);
    } finally {
      await shell.dispose();
    }
  });

  it('gives hints one at a time', async () => {
    const sandboxId = engineFixture.engine.list(learnerId)[0]!.id;
    const shell = await shellFor(sandboxId);
    try {
      const hints = registry.get(EXERCISE)!.hints;
      expect(await typed(shell, 'lab hint')).toContain(`Hint 1 of ${hints.length}: ${hints[0]}`);
      expect(await typed(shell, 'lab hint')).toContain(`Hint 2 of ${hints.length}: ${hints[1]}`);
    } finally {
      await shell.dispose();
    }
  });

  it('asks before showing the solution, and a "no" shows nothing and records nothing', async () => {
    const sandboxId = engineFixture.engine.list(learnerId)[0]!.id;
    const shell = await shellFor(sandboxId);
    try {
      expect(await typed(shell, 'lab solution')).toBe('');
      expect(shell.prompt).toMatch(/Show the solution of "strings-counters"\? It is recorded on your progress\. \[y\/N\] $/);
      expect(await typed(shell, 'n')).toBe('Cancelled.\r\n');
      expect((await service.statusOf(learnerId)).get(EXERCISE)?.solutionViewed).toBe(false);

      await typed(shell, 'lab solution');
      const shown = await typed(shell, 'y');
      expect(shown).toContain('INCRBY page:home:views 10');
      expect(shown).not.toContain('```');
      expect((await service.statusOf(learnerId)).get(EXERCISE)?.solutionViewed).toBe(true);
      expect(shell.prompt).toBe('$ ');
    } finally {
      await shell.dispose();
    }
  });

  it('lab reset inside the exercise brings back its starting state on the same sandbox', async () => {
    const sandboxId = engineFixture.engine.list(learnerId)[0]!.id;
    const shell = await shellFor(sandboxId);
    try {
      await typed(shell, 'lab reset');
      expect(shell.prompt).toMatch(/Restore the starting state of exercise "strings-counters"\?/);
      expect(await typed(shell, 'y')).toContain('is back at its starting state');
      expect(shell.sandbox.id).toBe(sandboxId);
      const admin = shell.sandbox.adminClient('primary');
      try {
        expect(await admin.get('page:home:views')).toBe('41');
        expect(await admin.exists('product:1001', 'ratelimit:user:42')).toBe(0);
      } finally {
        admin.disconnect();
      }
      expect((await service.check(EXERCISE, learnerId)).passed).toBe(false);
    } finally {
      await shell.dispose();
    }
  });

  it('says how to start an exercise when none runs in the sandbox', async () => {
    const other = await engineFixture.engine.create({ topology: 'single' }, 'learner-without-exercise');
    const shell = createLabShell({ sandbox: other, engine: engineFixture.engine, ...exerciseShellOptions(service, 'learner-without-exercise') });
    try {
      expect(await typed(shell, 'lab check')).toMatch(/ERROR: lab check: No exercise is running in this sandbox\. Press Start/);
      expect(await typed(shell, 'lab exercise')).toContain(EXERCISE);
    } finally {
      await shell.dispose();
      await engineFixture.engine.delete(other.id);
    }
  });
});
