import { it } from 'vitest';
import { startExerciseHarness, describeRun } from '/work/main/test/integration/exercises/run-examples.ts';
it('dbg', async () => {
  const h = await startExerciseHarness(process.env.EX!, 35800);
  try {
    await h.reset();
    const ex = h.exercise.examples;
    const idx = Number(process.env.IDX ?? 0);
    const lines = process.env.KIND === 'm' ? ex.mistakes[idx]!.lines : ex.correct[idx]!;
    const run = await h.run(lines);
    console.log(describeRun(run));
  } finally { await h.dispose(); }
}, 120000);
