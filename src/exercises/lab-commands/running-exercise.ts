/**
 * @module Which exercise a `lab check|hint|solution` means: the one named, else the one running in this terminal's
 * sandbox, else the only one running in any of the learner's sandboxes (e.g. after `lab restore` moved the terminal
 * to a restored copy). Shared by the exercise lab commands so they all resolve it the same way.
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { LabCommandContext } from '../../shell/index.ts';
import type { ExerciseDefinition } from '../exercise-definition.ts';
import type { ExerciseService } from '../exercise-service.ts';

export interface RunningExercise {
  exercise: ExerciseDefinition;
  /** The sandbox to grade when it is this terminal's; undefined lets the service find the one running it. */
  sandbox?: Sandbox;
}

const NONE_RUNNING =
  'No exercise is running in this sandbox. Press Start on an exercise in a lesson (section "Exercises"), or run `lab exercise start <id>`; `lab exercise` lists them.';

/** Resolves the exercise, or prints why it cannot and returns undefined. */
export function runningExercise(service: ExerciseService, learnerId: string, args: string[], ctx: LabCommandContext, command: string): RunningExercise | undefined {
  if (args.length > 1) {
    ctx.out.error(`lab ${command} takes at most one exercise id, e.g. lab ${command} leaderboard`);
    return undefined;
  }
  const here = service.exerciseForSandbox(ctx.sandbox.id);
  const named = args[0];
  if (named !== undefined) {
    const exercise = service.list().find((e) => e.id === named);
    if (!exercise) {
      ctx.out.error(`lab ${command}: no exercise "${named}". \`lab exercise\` lists them.`);
      return undefined;
    }
    return { exercise, sandbox: here?.id === exercise.id ? ctx.sandbox : undefined };
  }
  if (here) return { exercise: here, sandbox: ctx.sandbox };
  const elsewhere = new Map<string, ExerciseDefinition>();
  for (const sandbox of ctx.engine.list(learnerId)) {
    const exercise = service.exerciseForSandbox(sandbox.id);
    if (exercise) elsewhere.set(exercise.id, exercise);
  }
  if (elsewhere.size === 1) return { exercise: [...elsewhere.values()][0]! };
  if (elsewhere.size > 1) {
    ctx.out.error(`lab ${command}: several exercises are running (${[...elsewhere.keys()].join(', ')}); name one: lab ${command} <id>`);
    return undefined;
  }
  ctx.out.error(`lab ${command}: ${NONE_RUNNING}`);
  return undefined;
}
