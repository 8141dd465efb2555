/**
 * @module The behaviour every exercise must show, as one vitest suite per exercise: setup is idempotent, the
 * untouched starting state does not pass, every example solution passes and every typical mistake fails with the
 * message its example promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, type ExerciseHarness, loadExercise, startExerciseHarness } from './run-examples.ts';

export async function exerciseSuite(id: string): Promise<void> {
  const exercise = await loadExercise(id);

  describe(`exercise ${id}`, () => {
    let h: ExerciseHarness;
    beforeAll(async () => {
      h = await startExerciseHarness(id);
    }, 120_000);
    afterAll(async () => {
      await h?.dispose();
    });

    it('setup is idempotent: running it a second time leaves the same starting state', async () => {
      await h.reset();
      const once = await h.state();
      await h.setupAgain();
      expect(await h.state()).toBe(once);
    });

    it('the untouched starting state does not pass', async () => {
      await h.reset();
      const run = await h.run([]);
      expect(run.result.passed, describeRun(run)).toBe(false);
    });

    exercise.examples.correct.forEach((lines, i) => {
      it(`correct solution ${i + 1} passes, typed at the $ prompt`, async () => {
        await h.reset();
        const run = await h.run(lines, 'prompt');
        expect(run.result.passed, describeRun(run)).toBe(true);
      });
      it(`correct solution ${i + 1} passes, typed inside an interactive redis-cli`, async () => {
        await h.reset();
        const run = await h.run(lines, 'redis-cli');
        expect(run.result.passed, describeRun(run)).toBe(true);
      });
    });

    exercise.examples.mistakes.forEach((mistake, i) => {
      it(`typical mistake ${i + 1} fails with ${mistake.expect}`, async () => {
        await h.reset();
        const run = await h.run(mistake.lines);
        expect(run.result.passed, describeRun(run)).toBe(false);
        const failing = run.result.checks.filter((c) => !c.passed).map((c) => c.message);
        expect(failing.some((m) => mistake.expect.test(m)), describeRun(run)).toBe(true);
      });
    });
  });
}
