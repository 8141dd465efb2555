/** @module Row shapes of the SQLite progress file and their mapping to the ProgressStore types. */
import type {
  ExerciseCheckCondition,
  ExerciseStatus,
  QuizItemRecord,
  QuizSessionRecord,
  StoredReviewCard,
} from './progress-store.ts';

export interface ExerciseEventRow {
  exercise_id: string;
  kind: 'start' | 'check' | 'hint' | 'solution';
  at: number;
  passed: number | null;
  hint_number: number | null;
  checks: string | null;
}

export interface QuizSessionRow {
  id: string;
  learner_id: string;
  mode: QuizSessionRecord['mode'];
  seed: string;
  settings: string;
  created_at: number;
  deadline: number | null;
  submitted_at: number | null;
  auto_submitted: number;
}

export interface QuizItemRow {
  session_id: string;
  position: number;
  question_id: string;
  topic: string;
  answer: string | null;
  score: number | null;
  correct: number | null;
  answered_at: number | null;
  elapsed_ms: number;
  self_grade_met: string | null;
  flagged: number;
}

export interface ReviewCardRow {
  question_id: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
}

const bool = (value: number | null): boolean | null => (value === null ? null : value !== 0);

export function sessionFromRow(row: QuizSessionRow): QuizSessionRecord {
  return {
    id: row.id,
    learnerId: row.learner_id,
    mode: row.mode,
    seed: row.seed,
    settings: JSON.parse(row.settings) as QuizSessionRecord['settings'],
    createdAt: row.created_at,
    deadline: row.deadline,
    submittedAt: row.submitted_at,
    autoSubmitted: row.auto_submitted !== 0,
  };
}

export function itemFromRow(row: QuizItemRow): QuizItemRecord {
  return {
    position: row.position,
    questionId: row.question_id,
    topic: row.topic,
    answer: row.answer === null ? null : (JSON.parse(row.answer) as unknown),
    score: row.score,
    correct: bool(row.correct),
    answeredAt: row.answered_at,
    elapsedMs: row.elapsed_ms,
    selfGradeMet: row.self_grade_met === null ? null : (JSON.parse(row.self_grade_met) as number[]),
    flagged: row.flagged !== 0,
  };
}

export function cardFromRow(row: ReviewCardRow): StoredReviewCard {
  return {
    questionId: row.question_id,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.last_review,
  };
}

/** Folds one exercise's events (oldest first) into its status. */
export function exerciseStatusFromEvents(exerciseId: string, events: ExerciseEventRow[]): ExerciseStatus {
  let startedAt: number | null = null;
  let attempts = 0;
  let firstPassedAt: number | null = null;
  let hintsUsed = 0;
  let solutionViewedAt: number | null = null;
  let lastChecks: ExerciseCheckCondition[] = [];
  for (const event of events) {
    startedAt ??= event.at;
    if (event.kind === 'check') {
      attempts += 1;
      if (event.passed === 1) firstPassedAt ??= event.at;
      lastChecks = event.checks ? (JSON.parse(event.checks) as ExerciseCheckCondition[]) : [];
    } else if (event.kind === 'hint') {
      hintsUsed = Math.max(hintsUsed, event.hint_number ?? 0);
    } else if (event.kind === 'solution') {
      solutionViewedAt ??= event.at;
    }
  }
  return {
    exerciseId,
    startedAt,
    attempts,
    passed: firstPassedAt !== null,
    firstPassedAt,
    hintsUsed,
    solutionViewedAt,
    solutionViewed: solutionViewedAt !== null,
    passedAfterSolution: firstPassedAt !== null && solutionViewedAt !== null && solutionViewedAt <= firstPassedAt,
    timeToPassMs: firstPassedAt !== null && startedAt !== null ? firstPassedAt - startedAt : null,
    lastChecks,
  };
}
