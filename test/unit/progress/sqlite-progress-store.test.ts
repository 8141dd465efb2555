/** @module The SQLite progress store: pragmas, migrations, identity, lessons, exercises, export/import/reset. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../src/progress/migrations.ts';
import { readSignedProgressExport, signProgressExport } from '../../../src/progress/signed-progress-export.ts';
import { openSqliteProgressStore, PROGRESS_FILE_NAME, type SqliteProgressStore } from '../../../src/progress/sqlite-progress-store.ts';

const ALICE = 'alice000000000000000';
const BOB = 'bob00000000000000000';
const SECRET = 's'.repeat(40);
let dir: string;
let now: number;
let store: SqliteProgressStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cachelab-store-'));
  now = Date.UTC(2026, 10, 20, 10);
  store = openSqliteProgressStore(dir, { now: () => now });
});
afterEach(async () => {
  await store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite progress file', () => {
  it('lives at <dataDir>/cachelab.sqlite in WAL mode with synchronous=FULL', () => {
    expect(store.file).toBe(join(dir, PROGRESS_FILE_NAME));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('records every applied migration once, and reopening applies nothing again', async () => {
    await store.dispose();
    store = openSqliteProgressStore(dir);
    const rows = store.db.prepare('SELECT version FROM schema_migrations').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
  });

  it('refuses a file written by a newer schema, saying what to do', () => {
    const db = new Database(':memory:');
    migrate(db, 'x.sqlite');
    db.prepare('INSERT INTO schema_migrations VALUES (99, ?, 0)').run('future');
    expect(() => migrate(db, 'x.sqlite')).toThrow(/version 99.*upgrade, or set CACHELAB_DATA_DIR/);
    db.close();
  });
});

describe('learners', () => {
  it('keeps a display name', async () => {
    expect((await store.getLearner(ALICE)).displayName).toBeNull();
    await store.setDisplayName(ALICE, 'Alice');
    expect(await store.getLearner(ALICE)).toMatchObject({ id: ALICE, displayName: 'Alice' });
  });

  it('redeems a link code once, and not after it expired', async () => {
    const { code } = await store.createLinkCode(ALICE);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await store.redeemLinkCode(code.toLowerCase().replace('-', ' '))).toBe(ALICE);
    expect(await store.redeemLinkCode(code)).toBeUndefined();
    const late = await store.createLinkCode(ALICE, 60_000);
    now += 61_000;
    expect(await store.redeemLinkCode(late.code)).toBeUndefined();
  });
});

describe('lessons and exercises', () => {
  it('keeps the first open and completion time of a lesson', async () => {
    await store.recordLessonOpened(ALICE, '1-foundations/1-what-is-elasticache');
    now += 1000;
    const done = await store.recordLessonCompleted(ALICE, '1-foundations/1-what-is-elasticache');
    now += 1000;
    await store.recordLessonOpened(ALICE, '1-foundations/1-what-is-elasticache');
    expect(done).toEqual({ lessonId: '1-foundations/1-what-is-elasticache', openedAt: now - 2000, completedAt: now - 1000 });
    expect(await store.lessonProgress(ALICE)).toEqual([done]);
  });

  it('folds exercise events into a status: attempts, pass, hints, solution, time', async () => {
    await store.recordExerciseStart(ALICE, 'leaderboard');
    now += 10_000;
    await store.recordExerciseCheck(ALICE, 'leaderboard', false, [{ name: 'type', passed: false, message: 'expected a sorted set; it is a list' }]);
    expect(await store.recordHint(ALICE, 'leaderboard')).toBe(1);
    expect(await store.recordHint(ALICE, 'leaderboard')).toBe(2);
    await store.recordSolutionViewed(ALICE, 'leaderboard');
    now += 20_000;
    await store.recordExerciseCheck(ALICE, 'leaderboard', true, [{ name: 'type', passed: true, message: 'sorted set' }]);
    const [status] = await store.exerciseStatus(ALICE);
    expect(status).toEqual({
      exerciseId: 'leaderboard',
      startedAt: now - 30_000,
      attempts: 2,
      passed: true,
      firstPassedAt: now,
      hintsUsed: 2,
      solutionViewedAt: now - 20_000,
      solutionViewed: true,
      passedAfterSolution: true,
      timeToPassMs: 30_000,
      lastChecks: [{ name: 'type', passed: true, message: 'sorted set' }],
    });
    expect(await store.exerciseStatus(BOB)).toEqual([]);
  });
});

describe('export, import and reset', () => {
  async function someProgress(learner: string) {
    await store.setDisplayName(learner, 'Alice');
    await store.recordLessonCompleted(learner, '2-high-availability/1-replication');
    await store.recordExerciseCheck(learner, 'strings-counters', true, []);
    await store.createQuizSession(
      {
        id: 'quiz-session-1',
        learnerId: learner,
        mode: 'practice',
        seed: 's',
        settings: { topics: [], level: 'mixed', count: 1, minutes: null, lesson: null },
        createdAt: now,
        deadline: null,
        submittedAt: null,
        autoSubmitted: false,
      },
      [{ questionId: 'q-1', topic: 'replication' }],
    );
    await store.saveQuizAnswer('quiz-session-1', 'q-1', { answer: 'a', score: 1, correct: true, answeredAt: now, elapsedMs: 5000 });
    await store.saveReviewCard(learner, {
      questionId: 'q-2', due: now, stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 1, lastReview: now,
    });
  }

  it('round-trips a learner\'s progress through the export file into another identity', async () => {
    await someProgress(ALICE);
    const exported = await store.exportProgress(ALICE);
    const parsed = readSignedProgressExport(JSON.stringify(signProgressExport(exported, SECRET)), SECRET);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.data).toEqual(exported);
    await store.importProgress(BOB, parsed.data);
    const again = await store.exportProgress(BOB);
    const withoutIds = (e: typeof exported) => ({ ...e, quizSessions: e.quizSessions.map(({ id: _id, ...s }) => s) });
    expect(withoutIds(again)).toEqual(withoutIds(exported));
    expect((await store.exerciseStatus(BOB))[0]?.passed).toBe(true);
    expect(await store.countReviewCards(BOB)).toBe(1);
  });

  it('resets everything but the display name', async () => {
    await someProgress(ALICE);
    await store.resetProgress(ALICE);
    const after = await store.exportProgress(ALICE);
    expect(after).toMatchObject({ learner: { displayName: 'Alice' }, lessons: [], exerciseEvents: [], quizSessions: [], reviewCards: [] });
  });

  it('explains a bad import file instead of importing it', () => {
    expect(readSignedProgressExport('not json', SECRET)).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    const wrong = readSignedProgressExport(JSON.stringify({ format: 'other-app', version: 2 }), SECRET);
    expect(wrong).toMatchObject({ ok: false, error: expect.stringMatching(/not a cachelab progress export.*"format"/) });
  });

  it('counts activity per day for the chart', async () => {
    await someProgress(ALICE);
    expect(await store.dailyActivity(ALICE)).toEqual([
      { day: '2026-11-20', lessonsCompleted: 1, exercisesPassed: 1, quizAnswered: 1, quizCorrect: 1 },
    ]);
  });
});
