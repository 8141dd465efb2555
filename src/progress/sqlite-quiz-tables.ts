/**
 * @module The quiz tables of the SQLite progress file (sessions, their items, FSRS review cards): synchronous
 * better-sqlite3 statements that SqliteProgressStore wraps in its async ProgressStore methods.
 */
import type { Database as Db } from 'better-sqlite3';
import type { QuizItemGrade, QuizItemRecord, QuizSession, QuizSessionRecord, StoredReviewCard } from './progress-store.ts';
import { cardFromRow, itemFromRow, sessionFromRow, type QuizItemRow, type QuizSessionRow, type ReviewCardRow } from './sqlite-rows.ts';

export type StoredQuizItem = Partial<QuizItemRecord> & Pick<QuizItemRecord, 'questionId' | 'topic' | 'position'>;

export class SqliteQuizTables {
  constructor(
    private readonly db: Db,
    /** Creates the learner row the foreign keys point at. */
    private readonly ensureLearner: (learnerId: string) => void,
  ) {}

  createSession(session: QuizSessionRecord, items: Pick<QuizItemRecord, 'questionId' | 'topic'>[]): void {
    this.db.transaction(() => this.insertSession(session, items.map((item, position) => ({ ...item, position }))))();
  }

  insertSession(session: QuizSessionRecord, items: StoredQuizItem[]): void {
    this.ensureLearner(session.learnerId);
    this.db
      .prepare(
        `INSERT INTO quiz_sessions (id, learner_id, mode, seed, settings, created_at, deadline, submitted_at, auto_submitted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.id,
        session.learnerId,
        session.mode,
        session.seed,
        JSON.stringify(session.settings),
        session.createdAt,
        session.deadline,
        session.submittedAt,
        session.autoSubmitted ? 1 : 0,
      );
    const insertItem = this.db.prepare(
      `INSERT INTO quiz_items (session_id, position, question_id, topic, answer, score, correct, answered_at, elapsed_ms, self_grade_met, flagged)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const item of items) {
      insertItem.run(
        session.id,
        item.position,
        item.questionId,
        item.topic,
        item.answer === undefined || item.answer === null ? null : JSON.stringify(item.answer),
        item.score ?? null,
        item.correct === undefined || item.correct === null ? null : item.correct ? 1 : 0,
        item.answeredAt ?? null,
        item.elapsedMs ?? 0,
        item.selfGradeMet ? JSON.stringify(item.selfGradeMet) : null,
        item.flagged ? 1 : 0,
      );
    }
  }

  private itemsOf(sessionId: string): QuizItemRecord[] {
    const rows = this.db.prepare('SELECT * FROM quiz_items WHERE session_id = ? ORDER BY position').all(sessionId) as QuizItemRow[];
    return rows.map(itemFromRow);
  }

  getSession(learnerId: string, sessionId: string): QuizSession | undefined {
    const row = this.db.prepare('SELECT * FROM quiz_sessions WHERE id = ? AND learner_id = ?').get(sessionId, learnerId) as
      | QuizSessionRow
      | undefined;
    return row ? { ...sessionFromRow(row), items: this.itemsOf(row.id) } : undefined;
  }

  listSessions(learnerId: string, limit = 1000): QuizSession[] {
    const rows = this.db
      .prepare('SELECT * FROM quiz_sessions WHERE learner_id = ? ORDER BY created_at DESC LIMIT ?')
      .all(learnerId, limit) as QuizSessionRow[];
    return rows.map((row) => ({ ...sessionFromRow(row), items: this.itemsOf(row.id) }));
  }

  listOpenTimed(): QuizSessionRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM quiz_sessions WHERE submitted_at IS NULL AND deadline IS NOT NULL ORDER BY deadline')
      .all() as QuizSessionRow[];
    return rows.map(sessionFromRow);
  }

  saveAnswer(
    sessionId: string,
    questionId: string,
    answer: Pick<QuizItemRecord, 'answer' | 'score' | 'correct' | 'answeredAt' | 'elapsedMs'>,
  ): void {
    this.db
      .prepare(
        `UPDATE quiz_items SET answer = ?, score = ?, correct = ?, answered_at = ?, elapsed_ms = ?, self_grade_met = NULL
         WHERE session_id = ? AND question_id = ?`,
      )
      .run(
        JSON.stringify(answer.answer ?? null),
        answer.score,
        answer.correct === null ? null : answer.correct ? 1 : 0,
        answer.answeredAt,
        answer.elapsedMs,
        sessionId,
        questionId,
      );
  }

  saveSelfGrade(sessionId: string, questionId: string, met: number[], score: number, correct: boolean): void {
    this.db
      .prepare('UPDATE quiz_items SET self_grade_met = ?, score = ?, correct = ? WHERE session_id = ? AND question_id = ?')
      .run(JSON.stringify(met), score, correct ? 1 : 0, sessionId, questionId);
  }

  setFlag(sessionId: string, questionId: string, flagged: boolean): void {
    this.db.prepare('UPDATE quiz_items SET flagged = ? WHERE session_id = ? AND question_id = ?').run(flagged ? 1 : 0, sessionId, questionId);
  }

  submit(sessionId: string, submittedAt: number, autoSubmitted: boolean, grades: QuizItemGrade[]): boolean {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare('UPDATE quiz_sessions SET submitted_at = ?, auto_submitted = ? WHERE id = ? AND submitted_at IS NULL')
        .run(submittedAt, autoSubmitted ? 1 : 0, sessionId).changes;
      if (changed === 0) return false;
      const grade = this.db.prepare('UPDATE quiz_items SET score = ?, correct = ? WHERE session_id = ? AND question_id = ?');
      for (const g of grades) grade.run(g.score, g.correct === null ? null : g.correct ? 1 : 0, sessionId, g.questionId);
      return true;
    })();
  }

  getCard(learnerId: string, questionId: string): StoredReviewCard | undefined {
    const row = this.db.prepare('SELECT * FROM review_cards WHERE learner_id = ? AND question_id = ?').get(learnerId, questionId) as
      | ReviewCardRow
      | undefined;
    return row ? cardFromRow(row) : undefined;
  }

  saveCard(learnerId: string, card: StoredReviewCard): void {
    this.db.transaction(() => {
      this.ensureLearner(learnerId);
      this.insertCard(learnerId, card);
    })();
  }

  insertCard(learnerId: string, card: StoredReviewCard): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO review_cards
           (learner_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        learnerId,
        card.questionId,
        card.due,
        card.stability,
        card.difficulty,
        card.elapsedDays,
        card.scheduledDays,
        card.learningSteps,
        card.reps,
        card.lapses,
        card.state,
        card.lastReview,
      );
  }

  dueCards(learnerId: string, before: number, limit = 1000): StoredReviewCard[] {
    const rows = this.db
      .prepare('SELECT * FROM review_cards WHERE learner_id = ? AND due <= ? ORDER BY due, question_id LIMIT ?')
      .all(learnerId, before, limit) as ReviewCardRow[];
    return rows.map(cardFromRow);
  }

  countCards(learnerId: string, before?: number): number {
    const row = (
      before === undefined
        ? this.db.prepare('SELECT COUNT(*) AS n FROM review_cards WHERE learner_id = ?').get(learnerId)
        : this.db.prepare('SELECT COUNT(*) AS n FROM review_cards WHERE learner_id = ? AND due <= ?').get(learnerId, before)
    ) as { n: number };
    return row.n;
  }
}
