/**
 * @module Spaced repetition through ts-fsrs: a graded answer becomes an FSRS rating, and the library computes the
 * card's next due date. Cards are stored as plain numbers (StoredReviewCard) so the store needs no FSRS knowledge.
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { StoredReviewCard } from '../progress/progress-store.ts';

// Fuzz spreads due dates randomly; off, so scheduling is reproducible and testable.
const scheduler = fsrs({ enable_fuzz: false });

/** Full marks -> Good, at least half -> Hard, less -> Again. */
export function ratingForScore(score: number): Grade {
  if (score >= 1) return Rating.Good;
  if (score >= 0.5) return Rating.Hard;
  return Rating.Again;
}

function toCard(stored: StoredReviewCard): Card {
  return {
    due: new Date(stored.due),
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: stored.elapsedDays,
    scheduled_days: stored.scheduledDays,
    learning_steps: stored.learningSteps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state,
    last_review: stored.lastReview === null ? undefined : new Date(stored.lastReview),
  };
}

function fromCard(questionId: string, card: Card): StoredReviewCard {
  return {
    questionId,
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

/** Applies one review to a card (a new card when there is none yet) and returns the rescheduled card. */
export function reviewCard(existing: StoredReviewCard | undefined, questionId: string, grade: Grade, now: number): StoredReviewCard {
  const card = existing ? toCard(existing) : createEmptyCard(new Date(now));
  return fromCard(questionId, scheduler.next(card, new Date(now), grade).card);
}

/** End of the learner's local day as epoch ms; `tzOffsetMinutes` is what Date#getTimezoneOffset() returns there. */
export function endOfLocalDay(now: number, tzOffsetMinutes: number): number {
  const local = now - tzOffsetMinutes * 60_000;
  const endLocal = Math.floor(local / 86_400_000) * 86_400_000 + 86_400_000 - 1;
  return endLocal + tzOffsetMinutes * 60_000;
}
