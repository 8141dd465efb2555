/**
 * @module /api/exercises: list with this learner's status, start (sandbox with setup applied), check, hint, solution.
 * A pass is recorded only from the server's own check against the sandbox; the browser never sends a verdict.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { ExerciseService } from '../../exercises/exercise-service.ts';
import type { AppEnv } from '../app.ts';
import { BadRequestError } from '../errors.ts';
import { parseJsonBody } from '../validate.ts';

const confirmSchema = z.object({ confirm: z.literal(true).describe('Viewing the solution is recorded: send {"confirm": true}') }).strict();

export function exerciseRoutes(exercises: ExerciseService) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const mine = await exercises.statusOf(c.var.learnerId);
      return c.json(
        exercises.list().map((e) => ({
          id: e.id,
          title: e.title,
          lesson: e.lesson,
          topology: e.spec.topology,
          points: e.points,
          hints: e.hints.length,
          status: mine.get(e.id) ?? null,
        })),
      );
    })
    .post('/:id/start', async (c) => {
      const { sandbox, notice } = await exercises.start(c.req.param('id'), c.var.learnerId);
      return c.json({ ...sandbox.describe(), exercise: c.req.param('id'), notice: notice ?? null }, 201);
    })
    .post('/:id/check', async (c) => c.json(await exercises.check(c.req.param('id'), c.var.learnerId)))
    // Only what this learner already unlocked: never a hint they have not asked for, never an unseen solution.
    .get('/:id/revealed', async (c) => c.json(await exercises.revealed(c.req.param('id'), c.var.learnerId)))
    .post('/:id/hint', async (c) => c.json(await exercises.hint(c.req.param('id'), c.var.learnerId)))
    .post('/:id/solution', async (c) => {
      const parsed = confirmSchema.safeParse(await c.req.json().catch(() => ({})));
      if (!parsed.success) {
        throw new BadRequestError('Viewing the solution is recorded on your progress. Confirm with {"confirm": true}.');
      }
      return c.json(await exercises.solution(c.req.param('id'), c.var.learnerId));
    });
}
