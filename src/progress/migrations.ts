/**
 * @module Versioned schema migrations of the SQLite progress file. Append new versions; never edit an applied one,
 * because learners' files already ran it.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'learners, lessons, exercise events, quiz sessions, review cards',
    sql: `
      CREATE TABLE learners (
        id TEXT PRIMARY KEY,
        display_name TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE link_codes (
        code_hash TEXT PRIMARY KEY,
        learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE lesson_progress (
        learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        lesson_id TEXT NOT NULL,
        opened_at INTEGER,
        completed_at INTEGER,
        PRIMARY KEY (learner_id, lesson_id)
      );
      CREATE TABLE exercise_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        exercise_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('start', 'check', 'hint', 'solution')),
        at INTEGER NOT NULL,
        passed INTEGER,
        hint_number INTEGER,
        checks TEXT
      );
      CREATE INDEX exercise_events_by_learner ON exercise_events (learner_id, exercise_id, at);
      CREATE TABLE quiz_sessions (
        id TEXT PRIMARY KEY,
        learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        mode TEXT NOT NULL,
        seed TEXT NOT NULL,
        settings TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deadline INTEGER,
        submitted_at INTEGER,
        auto_submitted INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX quiz_sessions_by_learner ON quiz_sessions (learner_id, created_at);
      CREATE INDEX quiz_sessions_open_timed ON quiz_sessions (deadline) WHERE submitted_at IS NULL AND deadline IS NOT NULL;
      CREATE TABLE quiz_items (
        session_id TEXT NOT NULL REFERENCES quiz_sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        answer TEXT,
        score REAL,
        correct INTEGER,
        answered_at INTEGER,
        elapsed_ms INTEGER NOT NULL DEFAULT 0,
        self_grade_met TEXT,
        flagged INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (session_id, question_id)
      );
      CREATE TABLE review_cards (
        learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        due INTEGER NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        elapsed_days REAL NOT NULL,
        scheduled_days REAL NOT NULL,
        learning_steps INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        state INTEGER NOT NULL,
        last_review INTEGER,
        PRIMARY KEY (learner_id, question_id)
      );
      CREATE INDEX review_cards_due ON review_cards (learner_id, due);
    `,
  },
];

/** Applies every migration newer than the file's version, each in its own transaction. */
export function migrate(db: Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  const current = row.version ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `${file} has progress schema version ${current}, but this cachelab only knows up to ${latest}. ` +
        'It was written by a newer cachelab: upgrade, or set CACHELAB_DATA_DIR to another directory.',
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    })();
  }
  return latest;
}
