/** @module The progress and identity API on the real app and a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signProgressExport } from '../../../src/progress/signed-progress-export.ts';
import { startApiFixture, type ApiClient } from '../quiz/api-fixture.ts';

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
    expect(exported.body).toMatchObject({ format: 'cachelab-progress', version: 2, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const second = fixture.client();
    const imported = await second.request('/api/progress/import', { body: exported.text });
    expect(imported.status).toBe(200);
    expect(imported.body.learner.displayName).toBe('Ada');
    expect(imported.body.lessons).toEqual((await first.request('/api/progress')).body.lessons);
    expect((await second.request('/api/quiz/stats')).body).toMatchObject({ answered: 1, dueToday: 1 });
    const reexported = (await second.request('/api/progress/export')).body;
    expect(reexported.payload.lessons).toEqual(exported.body.payload.lessons);
    expect(reexported.payload.reviewCards).toEqual(exported.body.payload.reviewCards);
  });

  it('rejects a bad import file with a message that says what is wrong', async () => {
    const learner = fixture.client();
    const notJson = await learner.request('/api/progress/import', { body: '{"format": "cachelab-progress",' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/not valid JSON.*Choose the \.json file that "Export progress" downloaded/);
    const foreign = await learner.request('/api/progress/import', { json: { format: 'other-app', version: 2 } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatch(/not a cachelab progress export/);
  });

  it('accepts a file whose display name was edited, under the same rules as the name form', async () => {
    const first = fixture.client();
    await first.request(`/api/progress/lessons/${LESSON}/complete`, { method: 'POST' });
    const file = (await first.request('/api/progress/export')).body;
    file.payload.learner.displayName = 'Grace';
    const second = fixture.client();
    const imported = await second.request('/api/progress/import', { json: file });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ learner: { displayName: 'Grace' }, totals: { lessonsCompleted: 1 } });
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

describe('an import cannot forge exercise passes or quiz results', () => {
  /** The learner id inside the signed cookie `cachelab_learner=<id>.<signature>`, to record a check as the checker would. */
  const learnerIdOf = (client: ApiClient) => decodeURIComponent(client.cookie.slice(client.cookie.indexOf('=') + 1)).split('.')[0]!;

  /** A learner who has failed one check and answered one quiz question wrongly, and their exported file. */
  async function learnerWithFailedCheck() {
    const learner = fixture.client();
    await learner.request('/api/progress');
    await fixture.progress.recordExerciseCheck(learnerIdOf(learner), 'leaderboard', false, [{ name: 'type', passed: false, message: 'it is a list' }]);
    const session = (await learner.request('/api/quiz/sessions', { json: { mode: 'practice', topics: ['replication'], level: 'basic' } })).body;
    await learner.request(`/api/quiz/sessions/${session.id}/answers`, { json: { questionId: 'fx-replica-reads', answer: 'a' } });
    const file = (await learner.request('/api/progress/export')).body;
    expect(file.payload.exerciseEvents).toEqual([expect.objectContaining({ exerciseId: 'leaderboard', kind: 'check', passed: false })]);
    expect(file.payload.quizSessions[0].items[0]).toMatchObject({ questionId: 'fx-replica-reads', correct: false });
    return file;
  }

  const forgeries: [string, (file: any) => unknown][] = [
    ['a failed check flipped to passed', (file) => { file.payload.exerciseEvents[0].passed = true; return file; }],
    ['an added pass', (file) => { file.payload.exerciseEvents.push({ exerciseId: 'geo-nearby', kind: 'check', at: file.exportedAt, passed: true, hintNumber: null, checks: [] }); return file; }],
    ['a quiz answer made correct', (file) => { Object.assign(file.payload.quizSessions[0].items[0], { score: 1, correct: true }); return file; }],
    ['the signature removed', ({ signature: _gone, ...file }) => file],
    ['a signature made with another server\'s secret', (file) => {
      file.payload.exerciseEvents[0].passed = true;
      return signProgressExport(file.payload, 'another-cachelab-server-secret-0000', file.exportedAt);
    }],
  ];
  for (const [what, forge] of forgeries) {
    it(`refuses a file with ${what} (400, clear message) and writes nothing`, async () => {
      const forged = forge(await learnerWithFailedCheck());
      const target = fixture.client();
      await target.request('/api/identity/name', { json: { displayName: 'Bob' } });
      await target.request(`/api/progress/lessons/${LESSON}/open`, { method: 'POST' });
      const before = (await target.request('/api/progress')).body;

      const refused = await target.request('/api/progress/import', { json: forged });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toContain(
        "This file was changed after it was exported, so it cannot be imported: exercise passes must come from the platform's own checks. " +
          'Export again from the original browser, or use a link code (Progress page → Link another browser).',
      );
      expect((await target.request('/api/progress')).body).toEqual(before);
      expect((await target.request('/api/quiz/stats')).body).toMatchObject({ answered: 0 });
    });
  }
});

