/**
 * @module Test fixture: the real Hono app (createApp) on a real SQLite file in a temp dir, a real sandbox engine
 * with no warm pool (the quiz and progress routes never start a sandbox), and a cookie-keeping client per learner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxEngine } from '../../../sandbox/index.ts';
import { openSqliteProgressStore } from '../../../src/progress/sqlite-progress-store.ts';
import { loadQuestionBank } from '../../../src/quiz/question-bank.ts';
import type { QuizClock } from '../../../src/quiz/quiz-clock.ts';
import { QuizService } from '../../../src/quiz/quiz-service.ts';
import { createApp } from '../../../src/server/app.ts';
import { testPortRange } from '../../support/test-port-range.ts';

export const FIXTURE_QUIZ_DIR = join(import.meta.dirname, '../../fixtures/quiz');

export interface ApiClient {
  request(path: string, init?: { method?: string; json?: unknown; body?: string }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  readonly cookie: string;
}

export async function startApiFixture(options: { clock?: QuizClock } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'cachelab-api-'));
  const engine = await createSandboxEngine({
    redisServer: 'redis-server',
    workDir: join(root, 'sandboxes'),
    snapshotDir: join(root, 'snapshots'),
    portRange: testPortRange(),
    maxmemoryMb: 64,
    sandboxesPerLearner: 1,
    maxSandboxes: 1,
    memoryBudgetMb: 1024,
    idleTimeoutMs: 60_000,
    maxLifetimeMs: 60_000,
    warmPool: {},
  });
  const dataDir = join(root, 'data');
  const progress = openSqliteProgressStore(dataDir);
  const quiz = new QuizService({ store: progress, bank: loadQuestionBank(FIXTURE_QUIZ_DIR), clock: options.clock, graceMs: 1_000 });
  const created = createApp({ engine, secret: 'x'.repeat(40), dataDir, progress, quiz });

  function client(): ApiClient {
    let cookie = '';
    return {
      get cookie() {
        return cookie;
      },
      async request(path, init = {}) {
        const headers: Record<string, string> = {};
        if (cookie) headers.cookie = cookie;
        let body = init.body;
        if (init.json !== undefined) {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(init.json);
        }
        const response = await created.app.request(path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
        const set = response.headers.getSetCookie().at(-1);
        if (set) cookie = set.split(';')[0]!;
        const text = await response.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        return { status: response.status, body: parsed, text, headers: response.headers };
      },
    };
  }

  return {
    progress,
    quiz,
    client,
    async dispose() {
      await created.dispose();
      await quiz.dispose();
      await progress.dispose();
      await engine.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
