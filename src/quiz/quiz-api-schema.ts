/** @module Request bodies of /api/quiz: the single zod definition the routes validate against. */
import { z } from 'zod';
import { topicIdSchema } from './question-schema.ts';

export const quizModeSchema = z.enum(['practice', 'mock', 'review', 'lesson']);

export const createSessionSchema = z
  .object({
    mode: quizModeSchema,
    topics: z.array(topicIdSchema).max(40).optional().describe('Empty or absent: every topic'),
    level: z.enum(['basic', 'intermediate', 'advanced', 'mixed']).optional(),
    count: z.coerce.number().int().min(1).max(60).optional(),
    minutes: z.coerce.number().int().min(1).max(180).optional().describe('Mock only'),
    seed: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a seed is 1-64 letters, digits, "-" or "_"')
      .optional(),
    lesson: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'a lesson id looks like "2-high-availability/1-replication"').optional(),
    tzOffset: z.coerce.number().int().min(-840).max(840).optional().describe('Date#getTimezoneOffset() of the browser (review: "today")'),
  })
  .strict();
export type CreateSessionRequest = z.infer<typeof createSessionSchema>;

const questionId = z.string().regex(/^[a-z0-9-]+$/, 'a question id from the session');

export const answerRequestSchema = z.union([
  z
    .object({
      questionId,
      selfGrade: z.object({ met: z.array(z.number().int().min(0)).max(20) }).strict(),
    })
    .strict(),
  z
    .object({
      questionId,
      answer: z.unknown().optional().describe('Option id, option ids, or text; hands-on questions need none'),
      elapsedMs: z.coerce.number().int().min(0).optional().describe('Time spent on the question, as the page measured it'),
    })
    .strict(),
]);
export type AnswerRequest = z.infer<typeof answerRequestSchema>;

export const flagRequestSchema = z.object({ questionId, flagged: z.boolean() }).strict();
