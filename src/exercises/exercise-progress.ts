/** @module What the exercise service needs from the progress store (the SQLite store implements it; async so Postgres fits later). */
import type { Condition } from './exercise-definition.ts';

export interface ExerciseStatus {
  exerciseId: string;
  attempts: number;
  passed: boolean;
  hintsUsed: number;
  solutionViewed: boolean;
  /** Passed only after the learner asked for the solution. */
  passedAfterSolution: boolean;
  firstStartedAt?: string;
  passedAt?: string;
  /** The conditions of the most recent check, so the exercise panel can show them again after a reload. */
  lastChecks?: Condition[];
}

export interface ExerciseProgress {
  recordExerciseStart(learnerId: string, exerciseId: string): Promise<void>;
  /** Only the exercise service calls this, and only with the result of the server's own check. */
  recordExerciseCheck(learnerId: string, exerciseId: string, passed: boolean, conditions: Condition[]): Promise<void>;
  /** Records one more hint revealed; returns how many hints the learner has now seen. */
  recordHint(learnerId: string, exerciseId: string): Promise<number>;
  recordSolutionViewed(learnerId: string, exerciseId: string): Promise<void>;
  exerciseStatus(learnerId: string): Promise<ExerciseStatus[]>;
}
