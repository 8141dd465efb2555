/** @module Test double: an in-memory ExerciseProgress, so exercise tests need no progress database. */
import type { Condition } from '../../../src/exercises/exercise-definition.ts';
import type { ExerciseProgress, ExerciseStatus } from '../../../src/exercises/exercise-progress.ts';

export class MemoryProgress implements ExerciseProgress {
  private readonly byKey = new Map<string, ExerciseStatus>();
  readonly checks: Array<{ learnerId: string; exerciseId: string; passed: boolean; conditions: Condition[] }> = [];

  private status(learnerId: string, exerciseId: string): ExerciseStatus {
    const key = `${learnerId}\u0000${exerciseId}`;
    let status = this.byKey.get(key);
    if (!status) {
      status = { exerciseId, attempts: 0, passed: false, hintsUsed: 0, solutionViewed: false, passedAfterSolution: false };
      this.byKey.set(key, status);
    }
    return status;
  }

  recordExerciseStart(learnerId: string, exerciseId: string): void {
    this.status(learnerId, exerciseId).firstStartedAt ??= new Date().toISOString();
  }

  recordExerciseCheck(learnerId: string, exerciseId: string, passed: boolean, conditions: Condition[]): void {
    const status = this.status(learnerId, exerciseId);
    status.attempts += 1;
    this.checks.push({ learnerId, exerciseId, passed, conditions });
    if (passed && !status.passed) {
      status.passed = true;
      status.passedAt = new Date().toISOString();
      status.passedAfterSolution = status.solutionViewed;
    }
  }

  recordHint(learnerId: string, exerciseId: string): number {
    return ++this.status(learnerId, exerciseId).hintsUsed;
  }

  recordSolutionViewed(learnerId: string, exerciseId: string): void {
    this.status(learnerId, exerciseId).solutionViewed = true;
  }

  exerciseStatus(learnerId: string): ExerciseStatus[] {
    return [...this.byKey.entries()].filter(([key]) => key.startsWith(`${learnerId}\u0000`)).map(([, status]) => status);
  }
}
