/**
 * @module `lab exercise` lists the graded exercises with this learner's status; `lab exercise start <id>` starts one
 * from the terminal (same as the Start button: a sandbox of the right shape with the starting state applied), and
 * this terminal follows the sandbox it runs in.
 */
import type { LabCommand, LabCommandContext } from '../../shell/index.ts';
import { lessonUrl } from '../../content/lesson-url.ts';
import type { ExerciseService } from '../exercise-service.ts';

async function list(service: ExerciseService, learnerId: string, ctx: LabCommandContext): Promise<void> {
  const status = await service.statusOf(learnerId);
  const here = service.exerciseForSandbox(ctx.sandbox.id)?.id;
  const exercises = service.list();
  if (exercises.length === 0) {
    ctx.out.output('No graded exercises are installed.\n');
    return;
  }
  const width = Math.max(...exercises.map((e) => e.id.length));
  const lines = ['Graded exercises (lab exercise start <id> to begin one):', ''];
  for (const e of exercises) {
    const s = status.get(e.id);
    const state = s?.passed ? 'passed' : s && s.attempts > 0 ? `${s.attempts} check${s.attempts === 1 ? '' : 's'}` : s ? 'started' : '-';
    lines.push(`  ${e.id.padEnd(width)}  ${e.spec.topology.padEnd(11)}  ${String(e.points).padStart(3)} pts  ${state.padEnd(10)}${e.id === here ? '  <- running here' : ''}`);
  }
  lines.push('');
  ctx.out.output(lines.join('\n'));
}

export function createExerciseLabCommand(service: ExerciseService, learnerId: string): LabCommand {
  return {
    name: 'exercise',
    summary: 'List the graded exercises, or start one here: lab exercise start <id>',
    usage: 'lab exercise [start <id>]',
    async run(args, ctx) {
      const [action, id, ...extra] = args;
      if (action === undefined || action === 'list') {
        await list(service, learnerId, ctx);
        return;
      }
      if (action !== 'start' || id === undefined || extra.length > 0) {
        ctx.out.error('Usage: lab exercise (list them) or lab exercise start <id> (e.g. lab exercise start leaderboard)');
        return;
      }
      const exercise = service.list().find((e) => e.id === id);
      if (!exercise) {
        ctx.out.error(`lab exercise: no exercise "${id}". \`lab exercise\` lists them.`);
        return;
      }
      ctx.out.output(`Preparing "${exercise.id}" on a ${exercise.spec.topology} sandbox...\n`);
      const { sandbox, notice } = await service.start(exercise.id, learnerId);
      if (notice) ctx.out.output(`${notice}\n`);
      if (sandbox.id !== ctx.sandbox.id) {
        if (ctx.useSandbox) {
          ctx.useSandbox(sandbox);
          ctx.out.output(`This terminal now talks to sandbox ${sandbox.id}.\n`);
        } else ctx.out.output(`The exercise runs in sandbox ${sandbox.id}; open it from the lesson page.\n`);
      }
      ctx.out.output(
        `"${exercise.title}" is ready. Instructions: ${lessonUrl(exercise.lesson)}#exercise-${exercise.id}\n` +
          '`lab check` grades it, `lab hint` gives a hint, `lab reset` brings back the starting state.\n',
      );
    },
  };
}
