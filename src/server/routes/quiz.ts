/**
 * @module /api/quiz: topics, sessions (create, read, answer or self-grade, flag, submit) and stats. Grading happens
 * in QuizService on the server; no answer key or explanation is sent before the question is due.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { QuizService } from '../../quiz/quiz-service.ts';
import { answerRequestSchema, createSessionSchema, flagRequestSchema } from '../../quiz/quiz-api-schema.ts';
import type { AppEnv } from '../app.ts';
import { BadRequestError } from '../errors.ts';
import { parseJsonBody } from '../validate.ts';

const tzOffsetSchema = z.coerce.number().int().min(-840).max(840).default(0);

export function quizRoutes(quiz: () => QuizService) {
  return new Hono<AppEnv>()
    .get('/topics', (c) => c.json(quiz().topics().map(({ id, title, counts, lesson }) => ({ id, title, counts, lesson }))))
    .post('/sessions', async (c) => {
      const request = await parseJsonBody(c, createSessionSchema);
      return c.json(await quiz().createSession(c.var.learnerId, request), 201);
    })
    .get('/sessions/:id', async (c) => c.json(await quiz().getSession(c.var.learnerId, c.req.param('id'))))
    .post('/sessions/:id/answers', async (c) => {
      const request = await parseJsonBody(c, answerRequestSchema);
      return c.json(await quiz().answer(c.var.learnerId, c.req.param('id'), request));
    })
    .post('/sessions/:id/flags', async (c) => {
      const { questionId, flagged } = await parseJsonBody(c, flagRequestSchema);
      return c.json(await quiz().flag(c.var.learnerId, c.req.param('id'), questionId, flagged));
    })
    .post('/sessions/:id/submit', async (c) => c.json(await quiz().submit(c.var.learnerId, c.req.param('id'))))
    .get('/stats', async (c) => {
      const tz = tzOffsetSchema.safeParse(c.req.query('tzOffset'));
      if (!tz.success) throw new BadRequestError('"tzOffset" must be minutes as returned by Date#getTimezoneOffset(), between -840 and 840.');
      return c.json(await quiz().stats(c.var.learnerId, tz.data));
    });
}
