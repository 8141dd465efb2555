/** @module `lab hint [exercise]`: reveals the exercise's next hint (one at a time; each one is recorded). */
import type { LabCommand } from '../../shell/index.ts';
import type { ExerciseService } from '../exercise-service.ts';
import { runningExercise } from './running-exercise.ts';

export function createHintLabCommand(service: ExerciseService, learnerId: string): LabCommand {
  return {
    name: 'hint',
    summary: 'Show the next hint for the exercise running in this sandbox',
    usage: 'lab hint [exercise]',
    async run(args, ctx) {
      const running = runningExercise(service, learnerId, args, ctx, 'hint');
      if (!running) return;
      const { hint, index, total } = await service.hint(running.exercise.id, learnerId);
      const more = index < total ? `\`lab hint\` again for hint ${index + 1}.` : 'That was the last hint; `lab solution` shows the full solution.';
      ctx.out.output(`Hint ${index} of ${total}: ${hint}\n(${more})\n`);
    },
  };
}
