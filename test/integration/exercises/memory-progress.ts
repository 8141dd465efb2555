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

  async recordExerciseStart(learnerId: string, exerciseId: string): Promise<void> {
    this.status(learnerId, exerciseId).firstStartedAt ??= new Date().toISOString();
  }

  async recordExerciseCheck(learnerId: string, exerciseId: string, passed: boolean, conditions: Condition[]): Promise<void> {
    const status = this.status(learnerId, exerciseId);
    status.attempts += 1;
    status.lastChecks = conditions;
    this.checks.push({ learnerId, exerciseId, passed, conditions });
    if (passed && !status.passed) {
      status.passed = true;
      status.passedAt = new Date().toISOString();
      status.passedAfterSolution = status.solutionViewed;
    }
  }

  async recordHint(learnerId: string, exerciseId: string): Promise<number> {
    return ++this.status(learnerId, exerciseId).hintsUsed;
  }

  async recordSolutionViewed(learnerId: string, exerciseId: string): Promise<void> {
    this.status(learnerId, exerciseId).solutionViewed = true;
  }

  async exerciseStatus(learnerId: string): Promise<ExerciseStatus[]> {
    return [...this.byKey.entries()].filter(([key]) => key.startsWith(`${learnerId}\u0000`)).map(([, status]) => status);
  }
}
