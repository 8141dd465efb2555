/**
 * @module The progress export file (GET /api/progress/export, POST /api/progress/import): one zod schema,
 * so an import of a damaged or foreign file fails with a message naming the bad field.
 */
import { z } from 'zod';

export const PROGRESS_EXPORT_FORMAT = 'cachelab-progress';
export const PROGRESS_EXPORT_VERSION = 1;

const epochMs = z.number().int().nonnegative();
const id = z.string().min(1).max(200);

const exerciseEventSchema = z
  .object({
    exerciseId: id,
    kind: z.enum(['start', 'check', 'hint', 'solution']),
    at: epochMs,
    passed: z.boolean().nullable(),
    hintNumber: z.number().int().positive().nullable(),
    checks: z.array(z.object({ name: z.string(), passed: z.boolean(), message: z.string() }).strict()).nullable(),
  })
  .strict();

const quizItemSchema = z
  .object({
    position: z.number().int().nonnegative(),
    questionId: id,
    topic: id,
    answer: z.unknown(),
    score: z.number().min(0).max(1).nullable(),
    correct: z.boolean().nullable(),
    answeredAt: epochMs.nullable(),
    elapsedMs: z.number().int().nonnegative(),
    selfGradeMet: z.array(z.number().int().nonnegative()).nullable(),
    flagged: z.boolean(),
  })
  .strict();

const quizSessionSchema = z
  .object({
    id,
    mode: z.enum(['practice', 'mock', 'review', 'lesson']),
    seed: z.string().max(200),
    settings: z
      .object({
        topics: z.array(id),
        level: z.enum(['basic', 'intermediate', 'advanced', 'mixed']),
        count: z.number().int().positive(),
        minutes: z.number().positive().nullable(),
        lesson: id.nullable(),
      })
      .strict(),
    createdAt: epochMs,
    deadline: epochMs.nullable(),
    submittedAt: epochMs.nullable(),
    autoSubmitted: z.boolean(),
    items: z.array(quizItemSchema),
  })
  .strict();

const reviewCardSchema = z
  .object({
    questionId: id,
    due: epochMs,
    stability: z.number().nonnegative(),
    difficulty: z.number().nonnegative(),
    elapsedDays: z.number().nonnegative(),
    scheduledDays: z.number().nonnegative(),
    learningSteps: z.number().int().nonnegative(),
    reps: z.number().int().nonnegative(),
    lapses: z.number().int().nonnegative(),
    state: z.number().int().min(0).max(3),
    lastReview: epochMs.nullable(),
  })
  .strict();

export const progressExportSchema = z
  .object({
    format: z.literal(PROGRESS_EXPORT_FORMAT, { message: `"format" must be "${PROGRESS_EXPORT_FORMAT}": is this a cachelab progress export?` }),
    version: z.literal(PROGRESS_EXPORT_VERSION, {
      message: `"version" must be ${PROGRESS_EXPORT_VERSION}; this file comes from a different cachelab version`,
    }),
    exportedAt: epochMs,
    learner: z.object({ displayName: z.string().max(40).nullable() }).strict(),
    lessons: z.array(z.object({ lessonId: id, openedAt: epochMs.nullable(), completedAt: epochMs.nullable() }).strict()),
    exerciseEvents: z.array(exerciseEventSchema),
    quizSessions: z.array(quizSessionSchema),
    reviewCards: z.array(reviewCardSchema),
  })
  .strict();
export type ProgressExport = z.infer<typeof progressExportSchema>;

/** Parses an uploaded file's text; the error says what is wrong and where, in words a learner can act on. */
export function parseProgressExport(text: string): { ok: true; data: ProgressExport } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `This file is not valid JSON (${(error as Error).message}). Choose the .json file that "Export progress" downloaded, unchanged.`,
    };
  }
  const parsed = progressExportSchema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
  const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
  return {
    ok: false,
    error: `This is not a valid cachelab progress export: ${issues.join('; ')}${more}. Choose the .json file that "Export progress" downloaded, unchanged.`,
  };
}
