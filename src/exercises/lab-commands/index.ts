/**
 * @module Every `lab` subcommand the exercises module adds to a learner's shell (check, hint, solution, exercise, and
 * the exercise helpers' param, user, restore, add-shard), plus the `lab reset` override that restores an exercise's
 * starting state. The terminal gateway passes exerciseShellOptions(...) to createLabShell.
 */
import type { LabCommand, LabConfirmation, LabShellOptions } from '../../shell/index.ts';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { ExerciseService } from '../exercise-service.ts';
import { createParamLabCommand } from '../lab-param-command.ts';
import { createUserLabCommand } from '../lab-user-command.ts';
import { createAddShardLabCommand } from './lab-add-shard-command.ts';
import { createCheckLabCommand } from './lab-check-command.ts';
import { createExerciseLabCommand } from './lab-exercise-command.ts';
import { createHintLabCommand } from './lab-hint-command.ts';
import { createRestoreLabCommand } from './lab-restore-command.ts';
import { createSolutionLabCommand } from './lab-solution-command.ts';

/** All exercise `lab` subcommands for one learner's shell, keyed by name. */
export function exerciseLabCommands(service: ExerciseService, learnerId: string): Record<string, LabCommand> {
  const commands = [
    createCheckLabCommand(service, learnerId),
    createHintLabCommand(service, learnerId),
    createSolutionLabCommand(service, learnerId),
    createExerciseLabCommand(service, learnerId),
    createParamLabCommand(),
    createUserLabCommand(),
    // A restored group continues the exercise of the group it came from, so `lab check` in the switched terminal grades it.
    createRestoreLabCommand({ onRestored: (from, restored) => service.adoptSandbox(from.id, restored.id) }),
    createAddShardLabCommand(),
  ];
  return Object.fromEntries(commands.map((command) => [command.name, command]));
}

/** `lab reset` inside an exercise brings back the exercise's starting state on the same sandbox. */
export function exerciseResetOverride(service: ExerciseService): (sandbox: Sandbox) => LabConfirmation | undefined {
  return (sandbox) => {
    const exercise = service.exerciseForSandbox(sandbox.id);
    if (!exercise) return undefined;
    return {
      prompt: `Restore the starting state of exercise "${exercise.id}"? Your changes in this sandbox will be lost. [y/N] `,
      async run(out) {
        await service.reset(exercise.id, sandbox);
        out.output(`Exercise "${exercise.id}" is back at its starting state (same sandbox ${sandbox.id}, same endpoints and credentials).\n`);
      },
    };
  };
}

/** What the terminal gateway adds to createLabShell's options for a learner. */
export function exerciseShellOptions(service: ExerciseService, learnerId: string): Pick<LabShellOptions, 'extraLabCommands' | 'resetOverride'> {
  return { extraLabCommands: exerciseLabCommands(service, learnerId), resetOverride: exerciseResetOverride(service) };
}
