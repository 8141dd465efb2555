/**
 * @module The ProgressStore interface: everything a learner owns that outlives a sandbox (identity, lessons,
 * exercise events, quiz sessions, review cards). SQLite today (sqlite-progress-store.ts), Postgres later,
 * hence every method returns a Promise even though SQLite answers synchronously.
 */
import type { ProgressExport } from './progress-export.ts';

export interface LearnerProfile {
  id: string;
  displayName: string | null;
  /** Epoch ms of the first write for this learner; null when nothing was ever stored. */
  createdAt: number | null;
}

export interface LinkCode {
  /** Shown to the learner, e.g. "K7QX-M2HD"; only its hash is stored. */
  code: string;
  expiresAt: number;
}

export interface LessonProgress {
  lessonId: string;
  openedAt: number | null;
  completedAt: number | null;
}

/** One named condition of an exercise check, as the checker reports it. */
export interface ExerciseCheckCondition {
  name: string;
  passed: boolean;
  message: string;
}

export interface ExerciseStatus {
  exerciseId: string;
  /** First time the learner started (or, without a start event, first touched) the exercise. */
  startedAt: number | null;
  /** Number of checks run. */
  attempts: number;
  passed: boolean;
  firstPassedAt: number | null;
  /** Highest hint number revealed (hints are revealed one at a time, so this is also how many were seen). */
  hintsUsed: number;
  solutionViewedAt: number | null;
  solutionViewed: boolean;
  /** The first pass came after the learner viewed the solution. */
  passedAfterSolution: boolean;
  /** From start (or first event) to the first pass; null while not passed. */
  timeToPassMs: number | null;
  /** The conditions of the most recent check, so the exercise panel can show them again after a reload. */
  lastChecks: ExerciseCheckCondition[];
}

export type QuizMode = 'practice' | 'mock' | 'review' | 'lesson';

/** How a session was asked for; kept so a results page can say what it was and a share link can rebuild it. */
export interface QuizSessionSettings {
  topics: string[];
  level: 'basic' | 'intermediate' | 'advanced' | 'mixed';
  count: number;
  minutes: number | null;
  lesson: string | null;
}

export interface QuizSessionRecord {
  id: string;
  learnerId: string;
  mode: QuizMode;
  seed: string;
  settings: QuizSessionSettings;
  createdAt: number;
  /** Mock only: answers after this instant are refused and the session is submitted. */
  deadline: number | null;
  submittedAt: number | null;
  autoSubmitted: boolean;
}

export interface QuizItemRecord {
  position: number;
  questionId: string;
  topic: string;
  /** What the learner sent (option id, option ids, or text); null while unanswered. */
  answer: unknown;
  /** 0..1; null while unanswered or (free response) not yet self-graded. */
  score: number | null;
  correct: boolean | null;
  answeredAt: number | null;
  /** Time the learner spent on this question as reported by the page (clamped by the server). */
  elapsedMs: number;
  /** Free response: indices of the rubric items the learner says they covered. */
  selfGradeMet: number[] | null;
  flagged: boolean;
}

export interface QuizSession extends QuizSessionRecord {
  items: QuizItemRecord[];
}

/** Written when a session is submitted: every item's final grade, in one transaction. */
export interface QuizItemGrade {
  questionId: string;
  score: number | null;
  correct: boolean | null;
}

/** A ts-fsrs card as stored: dates as epoch ms so the store stays library-agnostic. */
export interface StoredReviewCard {
  questionId: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: number | null;
}

/** One UTC day of activity for the "over time" chart. */
export interface DailyActivity {
  day: string;
  lessonsCompleted: number;
  exercisesPassed: number;
  quizAnswered: number;
  quizCorrect: number;
}

export interface ProgressStore {
  getLearner(learnerId: string): Promise<LearnerProfile>;
  /** null clears the name. */
  setDisplayName(learnerId: string, displayName: string | null): Promise<LearnerProfile>;
  /** A one-time code (valid for `ttlMs`) that lets another browser adopt this identity. */
  createLinkCode(learnerId: string, ttlMs?: number): Promise<LinkCode>;
  /** Consumes the code; returns the learner id it belonged to, or undefined if unknown, used or expired. */
  redeemLinkCode(code: string): Promise<string | undefined>;

  recordLessonOpened(learnerId: string, lessonId: string): Promise<LessonProgress>;
  recordLessonCompleted(learnerId: string, lessonId: string): Promise<LessonProgress>;
  lessonProgress(learnerId: string): Promise<LessonProgress[]>;

  recordExerciseStart(learnerId: string, exerciseId: string): Promise<void>;
  /** Record only the server's own check result: this is what makes a pass unforgeable. */
  recordExerciseCheck(learnerId: string, exerciseId: string, passed: boolean, checks: ExerciseCheckCondition[]): Promise<void>;
  /** Records that the next hint was revealed; returns how many hints the learner has now seen (1 after the first). */
  recordHint(learnerId: string, exerciseId: string): Promise<number>;
  recordSolutionViewed(learnerId: string, exerciseId: string): Promise<void>;
  exerciseStatus(learnerId: string): Promise<ExerciseStatus[]>;

  createQuizSession(session: QuizSessionRecord, items: Pick<QuizItemRecord, 'questionId' | 'topic'>[]): Promise<void>;
  /** Undefined when the session does not exist or belongs to someone else. */
  getQuizSession(learnerId: string, sessionId: string): Promise<QuizSession | undefined>;
  listQuizSessions(learnerId: string, limit?: number): Promise<QuizSession[]>;
  /** Unsubmitted sessions with a deadline, of every learner: the timer re-arms them after a restart. */
  listOpenTimedSessions(): Promise<QuizSessionRecord[]>;
  saveQuizAnswer(
    sessionId: string,
    questionId: string,
    answer: Pick<QuizItemRecord, 'answer' | 'score' | 'correct' | 'answeredAt' | 'elapsedMs'>,
  ): Promise<void>;
  saveSelfGrade(sessionId: string, questionId: string, met: number[], score: number, correct: boolean): Promise<void>;
  setQuizFlag(sessionId: string, questionId: string, flagged: boolean): Promise<void>;
  /**
   * Marks the session submitted and writes every item's final grade atomically. Returns false (and changes
   * nothing) when it was already submitted, so a deadline timer and a late click cannot both submit.
   */
  submitQuizSession(sessionId: string, submittedAt: number, autoSubmitted: boolean, grades: QuizItemGrade[]): Promise<boolean>;

  getReviewCard(learnerId: string, questionId: string): Promise<StoredReviewCard | undefined>;
  saveReviewCard(learnerId: string, card: StoredReviewCard): Promise<void>;
  /** Cards due at or before `before` (epoch ms), soonest first. */
  dueReviewCards(learnerId: string, before: number, limit?: number): Promise<StoredReviewCard[]>;
  countReviewCards(learnerId: string, before?: number): Promise<number>;

  dailyActivity(learnerId: string): Promise<DailyActivity[]>;
  exportProgress(learnerId: string): Promise<ProgressExport>;
  /** Replaces this learner's progress with the file's; the caller has checked its signature and shape (readSignedProgressExport). */
  importProgress(learnerId: string, data: ProgressExport): Promise<void>;
  /** Deletes every lesson, exercise, quiz and review record of the learner; the display name stays. */
  resetProgress(learnerId: string): Promise<void>;

  dispose(): Promise<void>;
}
