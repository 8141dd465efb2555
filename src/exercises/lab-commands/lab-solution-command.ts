/**
 * @module `lab solution [exercise] [--yes]`: shows the exercise's solution after the learner confirms, because
 * viewing it is recorded (an exercise passed afterwards is marked "passed after viewing the solution").
 */
import type { LabCommand, ShellOutput } from '../../shell/index.ts';
import type { ExerciseService } from '../exercise-service.ts';
import { runningExercise } from './running-exercise.ts';

/** Markdown code fences mean nothing in a terminal; the commands inside them are what matters. */
function forTerminal(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^\s*```/.test(line))
    .join('\n');
}

export function createSolutionLabCommand(service: ExerciseService, learnerId: string): LabCommand {
  return {
    name: 'solution',
    summary: 'Show the solution (asks first: viewing it is recorded on your progress)',
    usage: 'lab solution [exercise] [--yes]',
    async run(args, ctx) {
      const yes = args.includes('--yes') || args.includes('-y');
      const running = runningExercise(service, learnerId, args.filter((a) => a !== '--yes' && a !== '-y'), ctx, 'solution');
      if (!running) return;
      const id = running.exercise.id;
      const show = async (out: ShellOutput) => {
        const { solution } = await service.solution(id, learnerId);
        out.output(`Solution of "${id}" (recorded: this exercise is now marked "solution viewed"):\n\n${forTerminal(solution)}\n\n`);
      };
      if (yes) {
        await show(ctx.out);
        return;
      }
      const question = `Show the solution of "${id}"? It is recorded on your progress. [y/N] `;
      if (ctx.confirm) ctx.confirm({ prompt: question, run: show });
      else ctx.out.output(`Viewing the solution of "${id}" is recorded on your progress. Run \`lab solution --yes\` to see it.\n`);
    },
  };
}
