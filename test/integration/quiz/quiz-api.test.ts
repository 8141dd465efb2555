/** @module The quiz API on the real app and a real SQLite file: no key before due, grading, deadline, review. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureBank, FakeClock } from '../../unit/quiz/fixture-bank.ts';
import { startApiFixture } from './api-fixture.ts';

const bank = fixtureBank();
let fixture: Awaited<ReturnType<typeof startApiFixture>>;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  fixture = await startApiFixture({ clock });
});
afterEach(() => fixture.dispose());

/** Every string that must stay on the server until the question is due. */
function secretsOf(questionIds: string[]): string[] {
  return questionIds.flatMap((id) => {
    const q = bank.get(id)!;
    return [q.explanation, ...q.sources, ...('options' in q ? q.options.map((o) => o.explanation) : []), ...(q.type === 'free' ? [q.modelAnswer, ...q.rubric] : [])];
  });
}

describe('GET /api/quiz/topics', () => {
  it('lists every topic with its question counts per level', async () => {
    const { status, body } = await fixture.client().request('/api/quiz/topics');
    expect(status).toBe(200);
    expect(body).toHaveLength(17);
    expect(body.find((t: { id: string }) => t.id === 'replication')).toMatchObject({ title: 'Replication', counts: { basic: 1, intermediate: 1, advanced: 1 } });
  });
});

describe('a practice session', () => {
  it('sends no answer key or explanation before a question is answered', async () => {
    const learner = fixture.client();
    const created = await learner.request('/api/quiz/sessions', { json: { mode: 'practice', count: 10, seed: 'all' } });
    expect(created.status).toBe(201);
    const ids = created.body.questions.map((q: { id: string }) => q.id);
    expect(ids).toHaveLength(10);
    const read = await learner.request(`/api/quiz/sessions/${created.body.id}`);
    for (const text of [created.text, read.text]) {
      expect(text).not.toMatch(/"correct"|"explanation"|"sources"|"modelAnswer"|"rubric"/);
      for (const secret of secretsOf(ids)) expect(text).not.toContain(secret);
    }
  });

  it('answers with the verdict, every option explained, and sources', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'practice', topics: ['replication'], level: 'basic' } })).body;
    const answer = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-replica-reads', answer: 'a' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ correct: false, score: 0, explanation: expect.any(String), sources: [expect.stringMatching(/^https:/)] });
    expect(answer.body.options.every((o: { explanation: string }) => o.explanation.length > 0)).toBe(true);
    const again = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-replica-reads', answer: 'b' } });
    expect(again.status).toBe(409);
  });

  it('grades an ordering question sent with the session\'s own option ids', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'practice', topics: ['high-availability'], level: 'intermediate' } })).body;
    const question = session.questions[0];
    const shown = question.options.map((o: { id: string }) => o.id);
    const answer = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: question.id, answer: shown } });
    expect(answer.body.correct).toBe(false);
    const right = await learner.request(`/api/quiz/sessions/${session.id}`);
    expect(right.body.questions[0].feedback.correctOrder).toHaveLength(4);
  });

  it('lets the learner self-grade a free-response answer with a second POST', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'practice', topics: ['replication'], level: 'advanced' } })).body;
    const answered = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-explain-replication', answer: 'Async copies.' } });
    expect(answered.body).toMatchObject({ correct: null, needsSelfGrade: true, modelAnswer: expect.any(String), rubric: expect.any(Array) });
    const graded = await learner.request(`/api/quiz/sessions/${session.id}/answers`, {
      json: { questionId: 'fx-explain-replication', selfGrade: { met: [0, 1, 2] } },
    });
    expect(graded.body).toMatchObject({ correct: true, score: 0.75 });
  });

  it('marks a hands-on question correct only after the server recorded the exercise pass', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'practice', topics: ['cluster-mode'] } })).body;
    const before = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-keyslot-lab', answer: 'done' } });
    expect(before.body).toMatchObject({ correct: false, exercise: { id: 'cluster-keyslot' } });
    const learnerId = (await fixture.progress.db.prepare('SELECT learner_id FROM quiz_sessions WHERE id = ?').get(session.id)) as { learner_id: string };
    await fixture.progress.recordExerciseCheck(learnerId.learner_id, 'cluster-keyslot', true, []);
    const after = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-keyslot-lab' } });
    expect(after.body.correct).toBe(true);
    const final = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-keyslot-lab' } });
    expect(final.status).toBe(409);
  });

  it('keeps a session private to its learner', async () => {
    const session = (await fixture.client().request('/api/quiz/sessions', { json: { mode: 'practice' } })).body;
    const stranger = await fixture.client().request(`/api/quiz/sessions/${session.id}`);
    expect(stranger.status).toBe(404);
  });
});

describe('a shared seed', () => {
  it('gives two learners the same questions', async () => {
    const request = { mode: 'mock', count: 5, seed: 'group-42' };
    const a = (await fixture.client().request('/api/quiz/sessions', { json: request })).body;
    const b = (await fixture.client().request('/api/quiz/sessions', { json: request })).body;
    expect(a.questions.map((q: { id: string }) => q.id)).toEqual(b.questions.map((q: { id: string }) => q.id));
    expect(a.shareUrl).toBe('/quiz/?mode=mock&seed=group-42&count=5&level=mixed&minutes=30');
  });
});

describe('a mock interview', () => {
  it('records answers without verdicts, and reveals everything at submit', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'mock', count: 4, seed: 'mock-1' } })).body;
    expect(session.deadline).toBe(session.createdAt + 30 * 60_000);
    const ids: string[] = session.questions.map((q: { id: string }) => q.id);
    for (const q of session.questions) {
      const answer = q.type === 'free' ? 'An answer.' : q.type === 'multiple' || q.type === 'ordering' ? [q.options[0].id] : q.options[0].id;
      const body = q.type === 'ordering' ? q.options.map((o: { id: string }) => o.id) : answer;
      const response = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: q.id, answer: body } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ questionId: q.id, recorded: true, answered: expect.any(Number), total: 4 });
    }
    const flagged = await learner.request(`/api/quiz/sessions/${session.id}/flags`, { json: { questionId: ids[0], flagged: true } });
    expect(flagged.body).toEqual({ questionId: ids[0], flagged: true });
    const before = await learner.request(`/api/quiz/sessions/${session.id}`);
    for (const secret of secretsOf(ids)) expect(before.text).not.toContain(secret);
    expect(before.body.questions[0].flagged).toBe(true);

    const submitted = await learner.request(`/api/quiz/sessions/${session.id}/submit`, { method: 'POST' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.results).toMatchObject({ maxScore: 4, byTopic: expect.any(Array) });
    expect(submitted.body.questions.every((q: { feedback?: { explanation: string } }) => q.feedback?.explanation)).toBe(true);
  });

  it('refuses answers after the deadline and submits the session by itself', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'mock', count: 3, minutes: 2, seed: 'late' } })).body;
    clock.advance(2 * 60_000 + 1_000);
    await expect
      .poll(async () => (await fixture.progress.db.prepare('SELECT auto_submitted FROM quiz_sessions WHERE id = ?').get(session.id)) as object)
      .toEqual({ auto_submitted: 1 });
    const q = session.questions[0];
    const late = await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: q.id, answer: q.options?.[0]?.id ?? 'late' } });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/Time is up/);
    const read = await learner.request(`/api/quiz/sessions/${session.id}`);
    expect(read.body).toMatchObject({ submitted: true, autoSubmitted: true, submittedAt: session.deadline, results: { unanswered: 3 } });
  });

  it('counts missed questions as due for review in GET /api/quiz/stats', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'mock', topics: ['caching-patterns'], level: 'basic' } })).body;
    await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-lazy-loading', answer: 'b' } });
    expect((await learner.request('/api/quiz/stats')).body.dueToday).toBe(0);
    await learner.request(`/api/quiz/sessions/${session.id}/submit`, { method: 'POST' });
    const stats = (await learner.request('/api/quiz/stats?tzOffset=-60')).body;
    expect(stats).toMatchObject({ dueToday: 1, reviewCards: 1, answered: 1, correct: 0 });
    expect(stats.dueItems).toEqual([
      { questionId: 'fx-lazy-loading', topic: 'caching-patterns', title: 'Caching patterns', due: expect.any(Number), lesson: { id: '1-foundations/4-caching-patterns', url: '/lessons/1-foundations/4-caching-patterns/' } },
    ]);
    const review = await learner.request('/api/quiz/sessions', { json: { mode: 'review' } });
    expect(review.body.questions.map((q: { id: string }) => q.id)).toEqual(['fx-lazy-loading']);
  });
});

describe('a lesson checkpoint', () => {
  it('asks 3 to 6 questions of the lesson and shows its best score on the progress page', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'lesson', lesson: '2-high-availability/1-replication', count: 10 } })).body;
    expect(session.settings).toMatchObject({ lesson: '2-high-availability/1-replication', count: 6, topics: ['replication'] });
    expect(session.questions.map((q: { id: string }) => q.id).sort()).toEqual(['fx-async-replication', 'fx-explain-replication', 'fx-replica-reads']);
    await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-replica-reads', answer: 'b' } });
    await learner.request(`/api/quiz/sessions/${session.id}/submit`, { method: 'POST' });
    const progress = (await learner.request('/api/progress')).body;
    expect(progress.quiz.checkpoints).toEqual([{ lesson: '2-high-availability/1-replication', bestPercent: 33, attempts: 1 }]);
  });
});

describe('free-response answers in a mock interview', () => {
  it('are self-graded only after submit, which updates the score', async () => {
    const learner = fixture.client();
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'mock', topics: ['replication'], level: 'advanced' } })).body;
    const url = `/api/quiz/sessions/${session.id}/answers`;
    await learner.request(url, { json: { questionId: 'fx-explain-replication', answer: 'Async, with replicas behind a reader endpoint.' } });
    const early = await learner.request(url, { json: { questionId: 'fx-explain-replication', selfGrade: { met: [0, 1, 2, 3] } } });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatch(/Self-grading opens when the mock interview is submitted/);
    const submitted = (await learner.request(`/api/quiz/sessions/${session.id}/submit`, { method: 'POST' })).body;
    expect(submitted.results).toMatchObject({ score: 0, pendingSelfGrade: 1 });
    expect(submitted.questions[0].feedback).toMatchObject({ needsSelfGrade: true, rubric: expect.any(Array) });
    const graded = await learner.request(url, { json: { questionId: 'fx-explain-replication', selfGrade: { met: [0, 1, 2, 3] } } });
    expect(graded.body).toMatchObject({ correct: true, score: 1 });
    expect((await learner.request(`/api/quiz/sessions/${session.id}`)).body.results).toMatchObject({ score: 1, pendingSelfGrade: 0, percent: 100 });
  });
});

describe('bad requests', () => {
  it('explains an unknown mode or topic', async () => {
    const response = await fixture.client().request('/api/quiz/sessions', { json: { mode: 'exam', topics: ['nope'] } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/mode/);
  });
});
