/**
 * @module The shape of a graded exercise. Each exercise lives beside its lesson, in
 * content/lessons/<part>/<lesson>/_exercises/<id>.ts (server-only: setup, checks, hints, solution) and
 * content/lessons/<part>/<lesson>/_exercises/<id>.mdx (the instructions the browser shows).
 * Checks inspect the real sandbox and return named conditions with specific messages.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Sandbox, SandboxEngine } from '../../sandbox/sandbox-engine.ts';
import type { SandboxSpec } from '../../sandbox/model.ts';

export const conditionSchema = z
  .object({
    name: z.string().min(3).describe('What is checked, e.g. "leaderboard is a sorted set"'),
    passed: z.boolean(),
    message: z.string().min(3).describe('Specific: "expected `leaderboard` to be a sorted set; it is a list"'),
  })
  .strict();
export type Condition = z.infer<typeof conditionSchema>;

export interface ExerciseContext {
  sandbox: Sandbox;
  /** Admin client on a node ('primary' = primary of shard 0001); closed by the runner afterwards. */
  admin(node?: string): Redis;
  /** A client authenticated as the learner (probes that act as the learner's application). */
  learner(node?: string): Redis;
  signal: AbortSignal;
  /** The engine, for checks about other sandboxes of the same learner (e.g. one restored from a snapshot). */
  engine?: SandboxEngine;
  /** What the exercise's `listen` hook has recorded since setup (undefined when it has none or it was lost). */
  listener?: ExerciseListener;
}

/**
 * Something the platform keeps running in the sandbox from setup until the next reset/start, for conditions the
 * final state cannot show (a message published to a channel, a command that was run). Holds its own connections.
 */
export interface ExerciseListener {
  dispose(): void | Promise<void>;
}

export const exerciseMetaSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/).describe('Stable id, e.g. "leaderboard"'),
    title: z.string().min(3),
    lesson: z.string().describe('Lesson content id, e.g. "1-foundations/3-data-structures"'),
    spec: z.custom<SandboxSpec>().describe('Sandbox shape the exercise needs'),
    points: z.number().int().min(1).max(100),
    hints: z.array(z.string().min(10)).min(1).max(5).describe('Revealed one at a time by `lab hint`'),
    solution: z.string().min(20).describe('Markdown shown after confirmation by `lab solution`'),
  })
  .strict();

export interface ExerciseDefinition extends z.infer<typeof exerciseMetaSchema> {
  /** Prepares the starting state; must be idempotent (running it twice gives the same state). */
  setup(ctx: ExerciseContext): Promise<void>;
  /** Optional: starts a listener after each setup; the service disposes it on the next setup, reset or delete. */
  listen?(sandbox: Sandbox): Promise<ExerciseListener>;
  /** Inspects the sandbox; never mutates the learner's data except through declared probes. */
  check(ctx: ExerciseContext): Promise<Condition[]>;
  /**
   * Test fixtures: lab-shell lines that solve it (>= 2 different correct solutions) and typical mistakes with
   * the message the check must give (>= 3). Run by test/integration/exercises against real sandboxes.
   */
  examples: {
    correct: string[][];
    mistakes: Array<{ lines: string[]; expect: RegExp }>;
  };
}

export function defineExercise(definition: ExerciseDefinition): ExerciseDefinition {
  const parsed = exerciseMetaSchema.safeParse({
    id: definition.id,
    title: definition.title,
    lesson: definition.lesson,
    spec: definition.spec,
    points: definition.points,
    hints: definition.hints,
    solution: definition.solution,
  });
  if (!parsed.success) throw new Error(`Exercise "${definition.id}" is invalid: ${z.prettifyError(parsed.error)}`);
  if (definition.examples.correct.length < 2 || definition.examples.mistakes.length < 3) {
    throw new Error(`Exercise "${definition.id}" needs >= 2 correct example solutions and >= 3 typical mistakes.`);
  }
  return definition;
}
