/**
 * @module The SQLite ProgressStore: one file `<dataDir>/cachelab.sqlite` in WAL mode with synchronous=FULL.
 * Every write is one transaction that is on disk (WAL fsynced) before its Promise resolves, so an acknowledged
 * write survives SIGKILL of the server and also an OS crash or power cut. NORMAL would already survive a killed
 * process (the WAL lives in the OS page cache), but not a power cut; at our write rate (a few per learner per
 * minute) the fsync per commit costs nothing worth that risk.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { migrate } from './migrations.ts';
import { SqliteQuizTables } from './sqlite-quiz-tables.ts';
import type { ProgressExport } from './progress-export.ts';
import type {
  DailyActivity,
  ExerciseCheckCondition,
  ExerciseStatus,
  LearnerProfile,
  LessonProgress,
  LinkCode,
  ProgressStore,
  QuizItemGrade,
  QuizItemRecord,
  QuizSession,
  QuizSessionRecord,
  StoredReviewCard,
} from './progress-store.ts';
import { cardFromRow, exerciseStatusFromEvents, type ExerciseEventRow, type ReviewCardRow } from './sqlite-rows.ts';

export const PROGRESS_FILE_NAME = 'cachelab.sqlite';
const LINK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const DEFAULT_LINK_CODE_TTL_MS = 15 * 60_000;

export interface SqliteProgressStoreOptions {
  /** Injectable clock for tests (epoch ms). */
  now?: () => number;
}

/** Opens (creating if needed) `<dataDir>/cachelab.sqlite` and brings its schema up to date. */
export function openSqliteProgressStore(dataDir: string, options: SqliteProgressStoreOptions = {}): SqliteProgressStore {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteProgressStore(join(dataDir, PROGRESS_FILE_NAME), options);
}

export function newRecordId(): string {
  return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
}

function hashLinkCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex');
}

export class SqliteProgressStore implements ProgressStore {
  readonly db: Db;
  private readonly now: () => number;
  private readonly quiz: SqliteQuizTables;
  private disposed = false;

  constructor(
    readonly file: string,
    options: SqliteProgressStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Another process (a CLI, a second server during a rolling restart) may hold the write lock briefly.
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db, file);
    this.quiz = new SqliteQuizTables(this.db, (learnerId) => this.ensureLearner(learnerId));
  }

  private ensureLearner(learnerId: string): void {
    this.db.prepare('INSERT OR IGNORE INTO learners (id, created_at) VALUES (?, ?)').run(learnerId, this.now());
  }

  async getLearner(learnerId: string): Promise<LearnerProfile> {
    const row = this.db.prepare('SELECT display_name, created_at FROM learners WHERE id = ?').get(learnerId) as
      | { display_name: string | null; created_at: number }
      | undefined;
    return { id: learnerId, displayName: row?.display_name ?? null, createdAt: row?.created_at ?? null };
  }

  async setDisplayName(learnerId: string, displayName: string | null): Promise<LearnerProfile> {
    this.db.transaction(() => {
      this.ensureLearner(learnerId);
      this.db.prepare('UPDATE learners SET display_name = ? WHERE id = ?').run(displayName, learnerId);
    })();
    return this.getLearner(learnerId);
  }

  async createLinkCode(learnerId: string, ttlMs = DEFAULT_LINK_CODE_TTL_MS): Promise<LinkCode> {
    const chars = Array.from({ length: 8 }, () => LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)]).join('');
    const code = `${chars.slice(0, 4)}-${chars.slice(4)}`;
    const expiresAt = this.now() + ttlMs;
    this.db.transaction(() => {
      this.ensureLearner(learnerId);
      this.db.prepare('DELETE FROM link_codes WHERE expires_at <= ?').run(this.now());
      this.db.prepare('INSERT INTO link_codes (code_hash, learner_id, expires_at) VALUES (?, ?, ?)').run(hashLinkCode(code), learnerId, expiresAt);
    })();
    return { code, expiresAt };
  }

  async redeemLinkCode(code: string): Promise<string | undefined> {
    return this.db.transaction(() => {
      const hash = hashLinkCode(code);
      const row = this.db.prepare('SELECT learner_id, expires_at FROM link_codes WHERE code_hash = ?').get(hash) as
        | { learner_id: string; expires_at: number }
        | undefined;
      if (!row) return undefined;
      this.db.prepare('DELETE FROM link_codes WHERE code_hash = ?').run(hash);
      return row.expires_at > this.now() ? row.learner_id : undefined;
    })();
  }

  async recordLessonOpened(learnerId: string, lessonId: string): Promise<LessonProgress> {
    return this.upsertLesson(learnerId, lessonId, 'opened_at');
  }

  async recordLessonCompleted(learnerId: string, lessonId: string): Promise<LessonProgress> {
    return this.upsertLesson(learnerId, lessonId, 'completed_at');
  }

  private upsertLesson(learnerId: string, lessonId: string, column: 'opened_at' | 'completed_at'): LessonProgress {
    const now = this.now();
    return this.db.transaction(() => {
      this.ensureLearner(learnerId);
      // Completing implies opening; the first time of each is kept.
      this.db
        .prepare(
          `INSERT INTO lesson_progress (learner_id, lesson_id, opened_at, completed_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (learner_id, lesson_id) DO UPDATE SET
             opened_at = COALESCE(opened_at, excluded.opened_at),
             ${column} = COALESCE(${column}, excluded.${column})`,
        )
        .run(learnerId, lessonId, now, column === 'completed_at' ? now : null);
      const row = this.db
        .prepare('SELECT opened_at, completed_at FROM lesson_progress WHERE learner_id = ? AND lesson_id = ?')
        .get(learnerId, lessonId) as { opened_at: number | null; completed_at: number | null };
      return { lessonId, openedAt: row.opened_at, completedAt: row.completed_at };
    })();
  }

  async lessonProgress(learnerId: string): Promise<LessonProgress[]> {
    const rows = this.db
      .prepare('SELECT lesson_id, opened_at, completed_at FROM lesson_progress WHERE learner_id = ? ORDER BY lesson_id')
      .all(learnerId) as { lesson_id: string; opened_at: number | null; completed_at: number | null }[];
    return rows.map((r) => ({ lessonId: r.lesson_id, openedAt: r.opened_at, completedAt: r.completed_at }));
  }

  private addExerciseEvent(
    learnerId: string,
    exerciseId: string,
    kind: ExerciseEventRow['kind'],
    fields: { passed?: boolean; hintNumber?: number; checks?: ExerciseCheckCondition[]; at?: number } = {},
  ): void {
    this.db.transaction(() => {
      this.ensureLearner(learnerId);
      this.db
        .prepare('INSERT INTO exercise_events (learner_id, exercise_id, kind, at, passed, hint_number, checks) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(
          learnerId,
          exerciseId,
          kind,
          fields.at ?? this.now(),
          fields.passed === undefined ? null : fields.passed ? 1 : 0,
          fields.hintNumber ?? null,
          fields.checks ? JSON.stringify(fields.checks) : null,
        );
    })();
  }

  async recordExerciseStart(learnerId: string, exerciseId: string): Promise<void> {
    this.addExerciseEvent(learnerId, exerciseId, 'start');
  }

  async recordExerciseCheck(learnerId: string, exerciseId: string, passed: boolean, checks: ExerciseCheckCondition[]): Promise<void> {
    this.addExerciseEvent(learnerId, exerciseId, 'check', { passed, checks });
  }

  async recordHint(learnerId: string, exerciseId: string): Promise<number> {
    return this.db.transaction(() => {
      const row = this.db
        .prepare(`SELECT COALESCE(MAX(hint_number), 0) AS seen FROM exercise_events WHERE learner_id = ? AND exercise_id = ? AND kind = 'hint'`)
        .get(learnerId, exerciseId) as { seen: number };
      this.addExerciseEvent(learnerId, exerciseId, 'hint', { hintNumber: row.seen + 1 });
      return row.seen + 1;
    })();
  }

  async recordSolutionViewed(learnerId: string, exerciseId: string): Promise<void> {
    this.addExerciseEvent(learnerId, exerciseId, 'solution');
  }

  private exerciseEvents(learnerId: string): ExerciseEventRow[] {
    return this.db
      .prepare('SELECT exercise_id, kind, at, passed, hint_number, checks FROM exercise_events WHERE learner_id = ? ORDER BY at, id')
      .all(learnerId) as ExerciseEventRow[];
  }

  async exerciseStatus(learnerId: string): Promise<ExerciseStatus[]> {
    const byExercise = new Map<string, ExerciseEventRow[]>();
    for (const event of this.exerciseEvents(learnerId)) {
      const list = byExercise.get(event.exercise_id) ?? [];
      list.push(event);
      byExercise.set(event.exercise_id, list);
    }
    return [...byExercise.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, events]) => exerciseStatusFromEvents(id, events));
  }

  async createQuizSession(session: QuizSessionRecord, items: Pick<QuizItemRecord, 'questionId' | 'topic'>[]): Promise<void> {
    this.quiz.createSession(session, items);
  }

  async getQuizSession(learnerId: string, sessionId: string): Promise<QuizSession | undefined> {
    return this.quiz.getSession(learnerId, sessionId);
  }

  async listQuizSessions(learnerId: string, limit?: number): Promise<QuizSession[]> {
    return this.quiz.listSessions(learnerId, limit);
  }

  async listOpenTimedSessions(): Promise<QuizSessionRecord[]> {
    return this.quiz.listOpenTimed();
  }

  async saveQuizAnswer(sessionId: string, questionId: string, answer: Pick<QuizItemRecord, 'answer' | 'score' | 'correct' | 'answeredAt' | 'elapsedMs'>): Promise<void> {
    this.quiz.saveAnswer(sessionId, questionId, answer);
  }

  async saveSelfGrade(sessionId: string, questionId: string, met: number[], score: number, correct: boolean): Promise<void> {
    this.quiz.saveSelfGrade(sessionId, questionId, met, score, correct);
  }

  async setQuizFlag(sessionId: string, questionId: string, flagged: boolean): Promise<void> {
    this.quiz.setFlag(sessionId, questionId, flagged);
  }

  async submitQuizSession(sessionId: string, submittedAt: number, autoSubmitted: boolean, grades: QuizItemGrade[]): Promise<boolean> {
    return this.quiz.submit(sessionId, submittedAt, autoSubmitted, grades);
  }

  async getReviewCard(learnerId: string, questionId: string): Promise<StoredReviewCard | undefined> {
    return this.quiz.getCard(learnerId, questionId);
  }

  async saveReviewCard(learnerId: string, card: StoredReviewCard): Promise<void> {
    this.quiz.saveCard(learnerId, card);
  }

  async dueReviewCards(learnerId: string, before: number, limit?: number): Promise<StoredReviewCard[]> {
    return this.quiz.dueCards(learnerId, before, limit);
  }

  async countReviewCards(learnerId: string, before?: number): Promise<number> {
    return this.quiz.countCards(learnerId, before);
  }

  async dailyActivity(learnerId: string): Promise<DailyActivity[]> {
    const days = new Map<string, DailyActivity>();
    const day = (at: number) => {
      const key = new Date(at).toISOString().slice(0, 10);
      let entry = days.get(key);
      if (!entry) {
        entry = { day: key, lessonsCompleted: 0, exercisesPassed: 0, quizAnswered: 0, quizCorrect: 0 };
        days.set(key, entry);
      }
      return entry;
    };
    for (const lesson of await this.lessonProgress(learnerId)) if (lesson.completedAt !== null) day(lesson.completedAt).lessonsCompleted += 1;
    for (const exercise of await this.exerciseStatus(learnerId)) if (exercise.firstPassedAt !== null) day(exercise.firstPassedAt).exercisesPassed += 1;
    const answers = this.db
      .prepare(
        `SELECT i.answered_at AS at, i.correct AS correct FROM quiz_items i JOIN quiz_sessions s ON s.id = i.session_id
         WHERE s.learner_id = ? AND i.answered_at IS NOT NULL`,
      )
      .all(learnerId) as { at: number; correct: number | null }[];
    for (const answer of answers) {
      const entry = day(answer.at);
      entry.quizAnswered += 1;
      if (answer.correct === 1) entry.quizCorrect += 1;
    }
    return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  async exportProgress(learnerId: string): Promise<ProgressExport> {
    const learner = await this.getLearner(learnerId);
    const reviewCards = (this.db.prepare('SELECT * FROM review_cards WHERE learner_id = ? ORDER BY question_id').all(learnerId) as ReviewCardRow[]).map(
      cardFromRow,
    );
    const sessions = await this.listQuizSessions(learnerId);
    return {
      learner: { displayName: learner.displayName },
      lessons: await this.lessonProgress(learnerId),
      exerciseEvents: this.exerciseEvents(learnerId).map((e) => ({
        exerciseId: e.exercise_id,
        kind: e.kind,
        at: e.at,
        passed: e.passed === null ? null : e.passed !== 0,
        hintNumber: e.hint_number,
        checks: e.checks ? (JSON.parse(e.checks) as ExerciseCheckCondition[]) : null,
      })),
      quizSessions: sessions.reverse().map(({ learnerId: _owner, ...session }) => session),
      reviewCards,
    };
  }

  async importProgress(learnerId: string, data: ProgressExport): Promise<void> {
    this.db.transaction(() => {
      this.deleteProgress(learnerId);
      this.ensureLearner(learnerId);
      if (data.learner.displayName !== null) {
        this.db.prepare('UPDATE learners SET display_name = ? WHERE id = ?').run(data.learner.displayName, learnerId);
      }
      const lesson = this.db.prepare('INSERT OR REPLACE INTO lesson_progress (learner_id, lesson_id, opened_at, completed_at) VALUES (?, ?, ?, ?)');
      for (const l of data.lessons) lesson.run(learnerId, l.lessonId, l.openedAt, l.completedAt);
      for (const e of data.exerciseEvents) {
        this.addExerciseEvent(learnerId, e.exerciseId, e.kind, {
          at: e.at,
          passed: e.passed ?? undefined,
          hintNumber: e.hintNumber ?? undefined,
          checks: e.checks ?? undefined,
        });
      }
      // Session ids are global keys: the same file imported into two identities must not collide.
      for (const { items, ...session } of data.quizSessions) this.quiz.insertSession({ ...session, id: newRecordId(), learnerId }, items);
      for (const card of data.reviewCards) this.quiz.insertCard(learnerId, card);
    })();
  }

  async resetProgress(learnerId: string): Promise<void> {
    this.db.transaction(() => this.deleteProgress(learnerId))();
  }

  private deleteProgress(learnerId: string): void {
    for (const table of ['lesson_progress', 'exercise_events', 'quiz_sessions', 'review_cards', 'link_codes']) {
      this.db.prepare(`DELETE FROM ${table} WHERE learner_id = ?`).run(learnerId);
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.db.close();
  }
}
