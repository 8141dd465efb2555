/**
 * @module What a ProgressStore exports and imports (the signed `payload` of the export file, see
 * signed-progress-export.ts): one zod schema, so a payload that does not fit fails with a message naming the field.
 */
import { z } from 'zod';

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
    // The same rules as POST /api/identity/name: the name is the one part of the file outside the signature.
    learner: z
      .object({
        displayName: z
          .string()
          .trim()
          .max(40, 'a display name has at most 40 characters')
          .regex(/^[^\p{Cc}<>]*$/u, 'a display name cannot contain control characters or < >')
          .transform((name) => (name === '' ? null : name))
          .nullable(),
      })
      .strict(),
    lessons: z.array(z.object({ lessonId: id, openedAt: epochMs.nullable(), completedAt: epochMs.nullable() }).strict()),
    exerciseEvents: z.array(exerciseEventSchema),
    quizSessions: z.array(quizSessionSchema),
    reviewCards: z.array(reviewCardSchema),
  })
  .strict();
export type ProgressExport = z.infer<typeof progressExportSchema>;

/** Validates a payload; the error names each bad field by its path in the file ("payload.lessons.0.lessonId"). */
export function parseProgressExport(payload: unknown): { ok: true; data: ProgressExport } | { ok: false; error: string } {
  const parsed = progressExportSchema.safeParse(payload);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.slice(0, 5).map((issue) => `${['payload', ...issue.path].join('.')}: ${issue.message}`);
  const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
  return { ok: false, error: `${issues.join('; ')}${more}` };
}
