/**
 * @module `lab check [exercise]`: grades the exercise against the real sandbox with the server's own check (the
 * same call as the Check button) and prints each condition with a tick or a cross and its message, then the verdict.
 */
import type { LabCommand } from '../../shell/index.ts';
import type { CheckResult, ExerciseService } from '../exercise-service.ts';
import { runningExercise } from './running-exercise.ts';

const GREEN = '\u001b[32m';
const RED = '\u001b[31m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/** Learner data can end up in a check message; the terminal must only ever get the colours we chose. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/** The verdict as terminal text: one line per condition, then a summary line. */
export function formatCheckResult(result: CheckResult, colour = true): string {
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const lines = result.checks.map((c) =>
    c.passed
      ? `  ${paint(GREEN, '✔')} ${printable(c.name)}: ${printable(c.message)}`
      : `  ${paint(RED, '✘')} ${printable(c.name)}: ${printable(c.message)}`,
  );
  const failed = result.checks.filter((c) => !c.passed).length;
  lines.push(
    '',
    result.passed
      ? paint(BOLD + GREEN, `PASSED: ${result.checks.length === 1 ? 'the condition is' : `all ${result.checks.length} conditions are`} met. Recorded on your progress.`)
      : paint(BOLD + RED, `NOT YET: ${failed} of ${result.checks.length} ${result.checks.length === 1 ? 'condition' : 'conditions'} not met.`) +
          ' Fix the crossed ones and run `lab check` again (`lab hint` helps).',
    '',
  );
  return lines.join('\n');
}

export function createCheckLabCommand(service: ExerciseService, learnerId: string): LabCommand {
  return {
    name: 'check',
    summary: 'Grade the exercise running in this sandbox (each condition, then the verdict)',
    usage: 'lab check [exercise]',
    async run(args, ctx) {
      const running = runningExercise(service, learnerId, args, ctx, 'check');
      if (!running) return;
      ctx.out.output(`Checking "${running.exercise.id}"...\n`);
      const result = await service.check(running.exercise.id, learnerId, running.sandbox);
      ctx.out.output(formatCheckResult(result));
    },
  };
}
