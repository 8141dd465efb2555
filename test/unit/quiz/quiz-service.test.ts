/** @module Quiz sessions with an injectable clock: the mock deadline, auto-submit, and review cards from answers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteProgressStore, type SqliteProgressStore } from '../../../src/progress/sqlite-progress-store.ts';
import { QuizService } from '../../../src/quiz/quiz-service.ts';
import { FakeClock, fixtureBank } from './fixture-bank.ts';

const LEARNER = 'learner0000000000001';
let dir: string;
let store: SqliteProgressStore;
let clock: FakeClock;
let quiz: QuizService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cachelab-quiz-'));
  clock = new FakeClock();
  store = openSqliteProgressStore(dir, { now: () => clock.now() });
  quiz = new QuizService({ store, bank: fixtureBank(), clock, graceMs: 1_000 });
});

afterEach(async () => {
  await quiz.dispose();
  await store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const rightAnswer = { 'fx-replica-reads': 'b', 'fx-lazy-loading': 'a', 'fx-memorydb-basic': 'a', 'fx-multi-az-advanced': 'a', 'fx-write-through': 'a' };

describe('the mock interview timer', () => {
  it('sets a deadline from the minutes asked for', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'mock', count: 3, minutes: 10, seed: 't' });
    expect(session.deadline).toBe(clock.now() + 10 * 60_000);
    expect(session.questions).toHaveLength(3);
  });

  it('accepts answers before the deadline and refuses them after it', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'mock', count: 3, minutes: 1, seed: 't' });
    const [first, second] = session.questions;
    await quiz.answer(LEARNER, session.id, { questionId: first!.id, answer: first!.options?.[0]?.id ?? 'text' });
    clock.advance(61_000 + 1_000);
    await expect(quiz.answer(LEARNER, session.id, { questionId: second!.id, answer: second!.options?.[0]?.id ?? 'x' })).rejects.toThrow(
      /Time is up/,
    );
  });

  it('submits the session at the deadline by itself, with nobody calling the API', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'mock', count: 2, minutes: 5, seed: 'auto' });
    expect(clock.pendingTimers).toBe(1);
    clock.advance(5 * 60_000 + 1_000);
    await expect.poll(async () => (await store.getQuizSession(LEARNER, session.id))?.submittedAt).toBe(session.deadline);
    const stored = await store.getQuizSession(LEARNER, session.id);
    expect(stored?.autoSubmitted).toBe(true);
    expect(stored?.items.every((i) => i.score === 0 && i.correct === false)).toBe(true);
  });

  it('submits an overdue session on the next access even when no timer ran (server was down)', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'mock', count: 2, minutes: 5, seed: 'lazy' });
    await quiz.dispose();
    clock.advance(10 * 60_000);
    const later = new QuizService({ store, bank: fixtureBank(), clock, graceMs: 1_000 });
    const view = await later.getSession(LEARNER, session.id);
    expect(view.submitted).toBe(true);
    expect(view.autoSubmitted).toBe(true);
    expect(view.results?.unanswered).toBe(2);
    await later.dispose();
  });

  it('re-arms deadline timers after a restart', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'mock', count: 2, minutes: 5, seed: 'restart' });
    await quiz.dispose();
    const restarted = new QuizService({ store, bank: fixtureBank(), clock, graceMs: 1_000 });
    await restarted.start();
    clock.advance(6 * 60_000);
    await expect.poll(async () => (await store.getQuizSession(LEARNER, session.id))?.autoSubmitted).toBe(true);
    await restarted.dispose();
  });

  it('hides every verdict until submit, then reveals and grades all answers', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'mock', topics: ['caching-patterns', 'memorydb'], level: 'basic', count: 2, seed: 'k' });
    for (const q of session.questions) {
      const response = await quiz.answer(LEARNER, session.id, { questionId: q.id, answer: rightAnswer[q.id as keyof typeof rightAnswer] });
      expect(response).toEqual({ questionId: q.id, recorded: true, answered: expect.any(Number), total: 2 });
    }
    const before = await quiz.getSession(LEARNER, session.id);
    expect(before.questions.every((q) => q.feedback === undefined)).toBe(true);
    const after = await quiz.submit(LEARNER, session.id);
    expect(after.results).toMatchObject({ score: 2, maxScore: 2, percent: 100, correct: 2 });
    expect(after.questions.every((q) => q.feedback?.correct === true)).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('review cards from answers', () => {
  it('turns a missed practice question into a card that is due today', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'practice', topics: ['replication'], level: 'basic', count: 1, seed: 'r' });
    await quiz.answer(LEARNER, session.id, { questionId: 'fx-replica-reads', answer: 'a' });
    expect((await quiz.stats(LEARNER)).dueToday).toBe(1);
    const review = await quiz.createSession(LEARNER, { mode: 'review' });
    expect(review.questions.map((q) => q.id)).toEqual(['fx-replica-reads']);
    await quiz.answer(LEARNER, review.id, { questionId: 'fx-replica-reads', answer: 'b' });
    const card = await store.getReviewCard(LEARNER, 'fx-replica-reads');
    expect(card?.reps).toBe(2);
  });

  it('makes no card for a question answered right the first time', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'practice', topics: ['replication'], level: 'basic', count: 1, seed: 'r' });
    await quiz.answer(LEARNER, session.id, { questionId: 'fx-replica-reads', answer: 'b' });
    expect(await store.countReviewCards(LEARNER)).toBe(0);
    await expect(quiz.createSession(LEARNER, { mode: 'review' })).rejects.toThrow(/Nothing is due/);
  });

  it('turns a weak self-grade into a card', async () => {
    const session = await quiz.createSession(LEARNER, { mode: 'practice', topics: ['replication'], level: 'advanced', count: 1, seed: 'f' });
    const answered = await quiz.answer(LEARNER, session.id, { questionId: 'fx-explain-replication', answer: 'It copies data.' });
    expect(answered).toMatchObject({ needsSelfGrade: true, rubric: expect.any(Array), modelAnswer: expect.any(String) });
    const graded = await quiz.answer(LEARNER, session.id, { questionId: 'fx-explain-replication', selfGrade: { met: [1] } });
    expect(graded).toMatchObject({ score: 0.25, correct: false, needsSelfGrade: false });
    expect(await store.countReviewCards(LEARNER)).toBe(1);
  });
});
