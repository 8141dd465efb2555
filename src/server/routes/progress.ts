/**
 * @module /api/progress (summary, export, import, reset, lesson open/complete) and /api/identity (display name,
 * one-time link codes that let another browser adopt this identity).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { CURRICULUM, CURRICULUM_LESSON_IDS } from '../../content/curriculum.ts';
import type { ProgressStore } from '../../progress/progress-store.ts';
import { readSignedProgressExport, signProgressExport } from '../../progress/signed-progress-export.ts';
import type { AppEnv } from '../app.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { writeLearnerId } from '../identity.ts';
import { parseJsonBody } from '../validate.ts';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const displayNameSchema = z
  .object({
    displayName: z
      .string()
      .trim()
      .max(40, 'a display name has at most 40 characters')
      .regex(/^[^\p{Cc}<>]*$/u, 'a display name cannot contain control characters or < >')
      .nullable(),
  })
  .strict();
const redeemSchema = z.object({ code: z.string().trim().min(4).max(20) }).strict();
const resetSchema = z.object({ confirm: z.literal(true, { message: 'send {"confirm": true} to delete all your progress' }) }).strict();

/** Summary for the "My progress" page. */
async function progressSummary(store: ProgressStore, learnerId: string) {
  const [learner, lessons, exercises, sessions, activity] = await Promise.all([
    store.getLearner(learnerId),
    store.lessonProgress(learnerId),
    store.exerciseStatus(learnerId),
    store.listQuizSessions(learnerId),
    store.dailyActivity(learnerId),
  ]);
  const percent = (items: { score: number | null }[]) =>
    items.length === 0 ? 0 : Math.round((items.reduce((sum, i) => sum + (i.score ?? 0), 0) / items.length) * 100);
  const checkpoints = new Map<string, { lesson: string; bestPercent: number; attempts: number }>();
  for (const s of sessions.filter((s) => s.mode === 'lesson' && s.settings.lesson && s.submittedAt !== null)) {
    const entry = checkpoints.get(s.settings.lesson!) ?? { lesson: s.settings.lesson!, bestPercent: 0, attempts: 0 };
    entry.attempts += 1;
    entry.bestPercent = Math.max(entry.bestPercent, percent(s.items));
    checkpoints.set(entry.lesson, entry);
  }
  return {
    learner: { displayName: learner.displayName, since: learner.createdAt },
    curriculum: CURRICULUM.map(({ part, lessons: ids }) => ({ part, lessons: ids.map((id) => `${part}/${id}`) })),
    lessons,
    exercises,
    quiz: {
      sessions: sessions.length,
      checkpoints: [...checkpoints.values()],
      mocks: sessions
        .filter((s) => s.mode === 'mock' && s.submittedAt !== null)
        .map((s) => ({ id: s.id, submittedAt: s.submittedAt, percent: percent(s.items), questions: s.items.length })),
    },
    activity,
    totals: {
      lessons: CURRICULUM_LESSON_IDS.length,
      lessonsCompleted: lessons.filter((l) => l.completedAt !== null && CURRICULUM_LESSON_IDS.includes(l.lessonId)).length,
      exercisesPassed: exercises.filter((e) => e.passed).length,
    },
  };
}

/** `secret` signs export files, so an import can only bring back what this server itself recorded. */
export function progressRoutes(store: ProgressStore, secret: string) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await progressSummary(store, c.var.learnerId)))
    .get('/export', async (c) => {
      const file = signProgressExport(await store.exportProgress(c.var.learnerId), secret);
      const day = new Date(file.exportedAt).toISOString().slice(0, 10);
      c.header('Content-Disposition', `attachment; filename="cachelab-progress-${day}.json"`);
      return c.json(file);
    })
    .post('/import', async (c) => {
      const text = await c.req.text();
      if (text.length > MAX_IMPORT_BYTES) throw new BadRequestError('This file is larger than 5 MB; a cachelab progress export is much smaller. Choose the exported .json file.');
      const parsed = readSignedProgressExport(text, secret);
      if (!parsed.ok) throw new BadRequestError(parsed.error);
      await store.importProgress(c.var.learnerId, parsed.data);
      return c.json(await progressSummary(store, c.var.learnerId));
    })
    .post('/reset', async (c) => {
      await parseJsonBody(c, resetSchema);
      await store.resetProgress(c.var.learnerId);
      return c.json(await progressSummary(store, c.var.learnerId));
    })
    .post('/lessons/:id{.+}/:action{open|complete}', async (c) => {
      const lessonId = decodeURIComponent(c.req.param('id'));
      if (!CURRICULUM_LESSON_IDS.includes(lessonId)) {
        throw new NotFoundError(`No lesson "${lessonId}". Lesson ids are folder paths such as "${CURRICULUM_LESSON_IDS[0]}".`);
      }
      const progress =
        c.req.param('action') === 'open'
          ? await store.recordLessonOpened(c.var.learnerId, lessonId)
          : await store.recordLessonCompleted(c.var.learnerId, lessonId);
      return c.json(progress);
    });
}

export function identityRoutes(store: ProgressStore, secret: string) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await store.getLearner(c.var.learnerId).then((l) => ({ displayName: l.displayName }))))
    .post('/name', async (c) => {
      const { displayName } = await parseJsonBody(c, displayNameSchema);
      const learner = await store.setDisplayName(c.var.learnerId, displayName === '' ? null : displayName);
      return c.json({ displayName: learner.displayName });
    })
    .post('/link-code', async (c) => c.json(await store.createLinkCode(c.var.learnerId), 201))
    .post('/redeem', async (c) => {
      const { code } = await parseJsonBody(c, redeemSchema);
      const learnerId = await store.redeemLinkCode(code);
      if (!learnerId) {
        throw new NotFoundError('This link code is unknown, already used or expired (codes last 15 minutes). Create a new one in the other browser.');
      }
      await writeLearnerId(c, secret, learnerId);
      const learner = await store.getLearner(learnerId);
      return c.json({ displayName: learner.displayName, adopted: true });
    });
}
