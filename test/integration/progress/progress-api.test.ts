/** @module The progress and identity API on the real app and a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiFixture } from '../quiz/api-fixture.ts';

let fixture: Awaited<ReturnType<typeof startApiFixture>>;
beforeEach(async () => {
  fixture = await startApiFixture();
});
afterEach(() => fixture.dispose());

const LESSON = '2-high-availability/1-replication';

describe('lesson progress', () => {
  it('records a lesson opened and completed, and shows it in GET /api/progress', async () => {
    const learner = fixture.client();
    expect((await learner.request(`/api/progress/lessons/${LESSON}/open`, { method: 'POST' })).body).toMatchObject({ lessonId: LESSON, completedAt: null });
    const done = await learner.request(`/api/progress/lessons/${encodeURIComponent(LESSON)}/complete`, { method: 'POST' });
    expect(done.body.completedAt).toEqual(expect.any(Number));
    const progress = (await learner.request('/api/progress')).body;
    expect(progress.lessons).toEqual([done.body]);
    expect(progress.totals).toMatchObject({ lessons: 17, lessonsCompleted: 1, exercisesPassed: 0 });
    expect(progress.curriculum[1]).toEqual({ part: '2-high-availability', lessons: expect.arrayContaining([LESSON]) });
  });

  it('refuses a lesson that is not in the curriculum', async () => {
    const response = await fixture.client().request('/api/progress/lessons/9-nope/1-missing/open', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatch(/No lesson "9-nope\/1-missing"/);
  });
});

describe('identity', () => {
  it('keeps a display name', async () => {
    const learner = fixture.client();
    expect((await learner.request('/api/identity/name', { json: { displayName: '  Ada  ' } })).body).toEqual({ displayName: 'Ada' });
    expect((await learner.request('/api/progress')).body.learner.displayName).toBe('Ada');
    expect((await learner.request('/api/identity/name', { json: { displayName: '<script>' } })).status).toBe(400);
  });

  it('lets another browser adopt the identity with a one-time link code', async () => {
    const first = fixture.client();
    await first.request('/api/identity/name', { json: { displayName: 'Ada' } });
    await first.request(`/api/progress/lessons/${LESSON}/complete`, { method: 'POST' });
    const { body: link, status } = await first.request('/api/identity/link-code', { method: 'POST' });
    expect(status).toBe(201);

    const second = fixture.client();
    await second.request('/api/progress');
    const before = second.cookie;
    const redeemed = await second.request('/api/identity/redeem', { json: { code: link.code } });
    expect(redeemed.body).toEqual({ displayName: 'Ada', adopted: true });
    expect(second.cookie).not.toBe(before);
    expect((await second.request('/api/progress')).body.lessons.map((l: { lessonId: string }) => l.lessonId)).toEqual([LESSON]);

    const third = fixture.client();
    const reused = await third.request('/api/identity/redeem', { json: { code: link.code } });
    expect(reused.status).toBe(404);
    expect(reused.body.error).toMatch(/unknown, already used or expired/);
  });
});

describe('export, import and reset', () => {
  it('carries progress to another identity through the export file', async () => {
    const first = fixture.client();
    await first.request('/api/identity/name', { json: { displayName: 'Ada' } });
    await first.request(`/api/progress/lessons/${LESSON}/complete`, { method: 'POST' });
    const session = (await first.request('/api/quiz/sessions', { json: { mode: 'practice', topics: ['replication'], level: 'basic' } })).body;
    await first.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-replica-reads', answer: 'a' } });

    const exported = await first.request('/api/progress/export');
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="cachelab-progress-\d{4}-\d{2}-\d{2}\.json"/);
    expect(exported.body).toMatchObject({ format: 'cachelab-progress', version: 1 });

    const second = fixture.client();
    const imported = await second.request('/api/progress/import', { body: exported.text });
    expect(imported.status).toBe(200);
    expect(imported.body.learner.displayName).toBe('Ada');
    expect(imported.body.lessons).toEqual((await first.request('/api/progress')).body.lessons);
    expect((await second.request('/api/quiz/stats')).body).toMatchObject({ answered: 1, dueToday: 1 });
    const reexported = (await second.request('/api/progress/export')).body;
    expect(reexported.lessons).toEqual(exported.body.lessons);
    expect(reexported.reviewCards).toEqual(exported.body.reviewCards);
  });

  it('rejects a bad import file with a message that says what is wrong', async () => {
    const learner = fixture.client();
    const notJson = await learner.request('/api/progress/import', { body: '{"format": "cachelab-progress",' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/not valid JSON.*Choose the \.json file that "Export progress" downloaded/);
    const wrongShape = await learner.request('/api/progress/import', {
      json: { format: 'cachelab-progress', version: 1, exportedAt: 1, learner: { displayName: null }, lessons: [{ lessonId: 5 }], exerciseEvents: [], quizSessions: [], reviewCards: [] },
    });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.error).toMatch(/lessons\.0\.lessonId/);
  });

  it('resets only with an explicit confirmation', async () => {
    const learner = fixture.client();
    await learner.request(`/api/progress/lessons/${LESSON}/complete`, { method: 'POST' });
    const unconfirmed = await learner.request('/api/progress/reset', { json: {} });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error).toMatch(/confirm/);
    const reset = await learner.request('/api/progress/reset', { json: { confirm: true } });
    expect(reset.body.lessons).toEqual([]);
  });
});
