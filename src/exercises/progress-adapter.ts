/**
 * @module Adapts the ProgressStore (epoch-ms timestamps, null for "never") to the ExerciseProgress port the exercise
 * service uses, so GET /api/exercises answers in one documented shape whatever store is behind it.
 */
import type { ProgressStore } from '../progress/progress-store.ts';
import type { ExerciseProgress, ExerciseStatus } from './exercise-progress.ts';

const iso = (at: number | null): string | undefined => (at === null ? undefined : new Date(at).toISOString());

export function exerciseProgressFrom(store: ProgressStore): ExerciseProgress {
  return {
    recordExerciseStart: (learnerId, exerciseId) => store.recordExerciseStart(learnerId, exerciseId),
    recordExerciseCheck: (learnerId, exerciseId, passed, conditions) => store.recordExerciseCheck(learnerId, exerciseId, passed, conditions),
    recordHint: (learnerId, exerciseId) => store.recordHint(learnerId, exerciseId),
    recordSolutionViewed: (learnerId, exerciseId) => store.recordSolutionViewed(learnerId, exerciseId),
    async exerciseStatus(learnerId): Promise<ExerciseStatus[]> {
      return (await store.exerciseStatus(learnerId)).map((s) => ({
        exerciseId: s.exerciseId,
        attempts: s.attempts,
        passed: s.passed,
        hintsUsed: s.hintsUsed,
        solutionViewed: s.solutionViewed,
        passedAfterSolution: s.passedAfterSolution,
        firstStartedAt: iso(s.startedAt),
        passedAt: iso(s.firstPassedAt),
        lastChecks: s.lastChecks,
      }));
    },
  };
}
