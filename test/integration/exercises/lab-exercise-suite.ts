/**
 * @module The behaviour every multi-node exercise must show, as one vitest suite: setup is idempotent, the untouched
 * starting state does not pass, every example solution passes and every typical mistake fails with the promised message.
 * Each example starts the exercise afresh (the service reuses the sandbox while its shape still fits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, loadExercise } from './run-examples.ts';
import { type LabExerciseHarness, startLabExerciseHarness } from './run-lab-examples.ts';

export async function labExerciseSuite(id: string, { exampleTimeoutMs = 120_000 }: { exampleTimeoutMs?: number } = {}): Promise<void> {
  const exercise = await loadExercise(id);

  describe(`exercise ${id}`, () => {
    let h: LabExerciseHarness;
    beforeAll(async () => {
      h = await startLabExerciseHarness(id);
    }, 120_000);
    afterAll(async () => {
      await h?.dispose();
    }, 120_000);

    it('setup is idempotent: running it a second time leaves the same starting state', async () => {
      await h.start();
      const once = await h.state();
      await h.setupAgain();
      expect(await h.state()).toBe(once);
    }, exampleTimeoutMs);

    it('the untouched starting state does not pass', async () => {
      await h.start();
      const run = await h.run([]);
      expect(run.result.passed, describeRun(run)).toBe(false);
    }, exampleTimeoutMs);

    exercise.examples.correct.forEach((lines, i) => {
      it(`correct solution ${i + 1} passes`, async () => {
        await h.start();
        const run = await h.run(lines);
        expect(run.result.passed, describeRun(run)).toBe(true);
      }, exampleTimeoutMs);
    });

    exercise.examples.mistakes.forEach((mistake, i) => {
      it(`typical mistake ${i + 1} fails with ${mistake.expect}`, async () => {
        await h.start();
        const run = await h.run(mistake.lines);
        expect(run.result.passed, describeRun(run)).toBe(false);
        const failing = run.result.checks.filter((c) => !c.passed).map((c) => c.message);
        expect(failing.some((m) => mistake.expect.test(m)), describeRun(run)).toBe(true);
      }, exampleTimeoutMs);
    });
  });
}
