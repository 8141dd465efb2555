/** @module The signed progress export file: what it accepts, and every kind of edit it refuses. */
import { describe, expect, it } from 'vitest';
import type { ProgressExport } from '../../../src/progress/progress-export.ts';
import {
  CHANGED_FILE_MESSAGE,
  PROGRESS_EXPORT_VERSION,
  readSignedProgressExport,
  signProgressExport,
  type SignedProgressExport,
} from '../../../src/progress/signed-progress-export.ts';

const SECRET = 'server-secret-'.repeat(3);
const AT = Date.UTC(2026, 10, 20, 10);

const payload: ProgressExport = {
  learner: { displayName: 'Ada' },
  lessons: [{ lessonId: '2-high-availability/1-replication', openedAt: AT - 60_000, completedAt: AT }],
  exerciseEvents: [
    { exerciseId: 'leaderboard', kind: 'start', at: AT - 50_000, passed: null, hintNumber: null, checks: null },
    { exerciseId: 'leaderboard', kind: 'check', at: AT - 40_000, passed: false, hintNumber: null, checks: [{ name: 'type', passed: false, message: 'a list' }] },
  ],
  quizSessions: [
    {
      id: 'session-1',
      mode: 'practice',
      seed: 's',
      settings: { topics: ['replication'], level: 'basic', count: 1, minutes: null, lesson: null },
      createdAt: AT - 30_000,
      deadline: null,
      submittedAt: AT - 20_000,
      autoSubmitted: false,
      items: [
        { position: 0, questionId: 'q-1', topic: 'replication', answer: { picked: ['a', 'c'] }, score: 0, correct: false, answeredAt: AT - 25_000, elapsedMs: 4000, selfGradeMet: null, flagged: false },
      ],
    },
  ],
  reviewCards: [],
};

/** A fresh deep copy of a signed file, for a test to edit. */
function signedFile(secret = SECRET): SignedProgressExport {
  return JSON.parse(JSON.stringify(signProgressExport(payload, secret, AT))) as SignedProgressExport;
}

function read(file: unknown) {
  return readSignedProgressExport(JSON.stringify(file, null, 2), SECRET);
}

describe('a signed progress export', () => {
  it('reads back exactly what was signed', () => {
    const file = signedFile();
    expect(file).toMatchObject({ format: 'cachelab-progress', version: PROGRESS_EXPORT_VERSION, exportedAt: AT, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(read(file)).toEqual({ ok: true, data: payload, exportedAt: AT });
  });

  it('still verifies after the JSON is re-indented or its keys reordered', () => {
    const { signature, payload: body, ...header } = signedFile();
    const reordered = { signature, payload: Object.fromEntries(Object.entries(body).reverse()), ...header };
    expect(readSignedProgressExport(JSON.stringify(reordered), SECRET)).toMatchObject({ ok: true });
  });

  it('lets the learner change only the display name in the file, under the same rules as the name form', () => {
    const renamed = signedFile();
    renamed.payload.learner.displayName = '  Grace ';
    expect(read(renamed)).toMatchObject({ ok: true, data: { learner: { displayName: 'Grace' } } });
    renamed.payload.learner.displayName = '<script>';
    expect(read(renamed)).toMatchObject({ ok: false, error: expect.stringMatching(/payload\.learner\.displayName: a display name cannot contain/) });
  });
});

describe('an edited or foreign export file is refused with the same clear message', () => {
  const edits: [string, (file: SignedProgressExport) => unknown][] = [
    ['a failed check flipped to passed', (file) => { file.payload.exerciseEvents[1]!.passed = true; return file; }],
    ['an added pass', (file) => { file.payload.exerciseEvents.push({ exerciseId: 'geo-nearby', kind: 'check', at: AT, passed: true, hintNumber: null, checks: [] }); return file; }],
    ['a quiz answer made correct', (file) => { Object.assign(file.payload.quizSessions[0]!.items[0]!, { score: 1, correct: true }); return file; }],
    ['a removed event', (file) => { file.payload.exerciseEvents.shift(); return file; }],
    ['a changed export time', (file) => { file.exportedAt += 1; return file; }],
    ['an extra field beside the payload', (file) => ({ ...file, exerciseEvents: [] })],
    ['the signature removed', ({ signature: _gone, ...file }) => file],
    ['an empty signature', (file) => ({ ...file, signature: '' })],
    ['a signature from another server\'s secret', (file) => ({ ...file, signature: signedFile('another-server-secret-1234567890').signature })],
  ];
  for (const [what, edit] of edits) {
    it(`refuses ${what}`, () => {
      expect(read(edit(signedFile()))).toEqual({ ok: false, error: CHANGED_FILE_MESSAGE });
    });
  }

  it('says what to do instead, and that files from another server are refused too', () => {
    expect(CHANGED_FILE_MESSAGE).toContain(
      "This file was changed after it was exported, so it cannot be imported: exercise passes must come from the platform's own checks. " +
        'Export again from the original browser, or use a link code (Progress page → Link another browser).',
    );
    expect(CHANGED_FILE_MESSAGE).toMatch(/another cachelab server/);
  });
});

describe('files that are not a current export', () => {
  it('explains JSON errors, foreign files and unsigned version 1 files', () => {
    expect(readSignedProgressExport('{"format":', SECRET)).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(read([1, 2])).toMatchObject({ ok: false, error: expect.stringMatching(/not a cachelab progress export/) });
    expect(read({ format: 'cachelab-progress', version: 1, exportedAt: AT, ...payload })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/earlier cachelab that did not sign its exports.*link code/),
    });
    expect(read({ ...signedFile(), version: 3 })).toMatchObject({ ok: false, error: expect.stringMatching(/different cachelab version/) });
  });

  it('names the bad field when a correctly signed payload does not fit this version', () => {
    const odd = { ...payload, lessons: [{ lessonId: 5, openedAt: null, completedAt: null }] } as unknown as ProgressExport;
    const file = signProgressExport(odd, SECRET, AT);
    expect(read(file)).toMatchObject({ ok: false, error: expect.stringMatching(/payload\.lessons\.0\.lessonId/) });
  });
});
