/** @module FSRS scheduling through ts-fsrs: missed questions come back soon, known ones later. */
import { Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { endOfLocalDay, ratingForScore, reviewCard } from '../../../src/quiz/review-scheduler.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 26, 9, 0, 0);

describe('spaced repetition through ts-fsrs', () => {
  it('maps scores to FSRS ratings', () => {
    expect(ratingForScore(1)).toBe(Rating.Good);
    expect(ratingForScore(0.75)).toBe(Rating.Hard);
    expect(ratingForScore(0.2)).toBe(Rating.Again);
  });

  it('brings a missed question back within minutes, as a card in learning', () => {
    const card = reviewCard(undefined, 'q1', Rating.Again, now);
    expect(card.questionId).toBe('q1');
    expect(card.state).toBe(State.Learning);
    expect(card.reps).toBe(1);
    expect(card.due).toBeGreaterThan(now);
    expect(card.due - now).toBeLessThan(DAY);
  });

  it('pushes a card further out each time it is answered well', () => {
    let card = reviewCard(undefined, 'q1', Rating.Again, now);
    const intervals: number[] = [];
    let at = now;
    for (let i = 0; i < 4; i++) {
      at = card.due;
      card = reviewCard(card, 'q1', Rating.Good, at);
      intervals.push(card.due - at);
    }
    expect(card.state).toBe(State.Review);
    expect(intervals[3]!).toBeGreaterThan(intervals[2]!);
    expect(intervals[2]!).toBeGreaterThan(intervals[1]!);
    expect(intervals[3]!).toBeGreaterThanOrEqual(DAY);
  });

  it('counts a lapse when a learned card is missed again', () => {
    let card = reviewCard(undefined, 'q1', Rating.Good, now);
    for (let i = 0; i < 3; i++) card = reviewCard(card, 'q1', Rating.Good, card.due);
    const lapsed = reviewCard(card, 'q1', Rating.Again, card.due);
    expect(lapsed.lapses).toBe(card.lapses + 1);
    expect(lapsed.state).toBe(State.Relearning);
  });

  it('computes the end of the learner\'s local day from the browser offset', () => {
    expect(endOfLocalDay(now, 0)).toBe(Date.UTC(2026, 10, 26, 23, 59, 59, 999));
    // UTC-5 (New York in winter): getTimezoneOffset() is 300; local midnight is 05:00 UTC the next day.
    expect(endOfLocalDay(now, 300)).toBe(Date.UTC(2026, 10, 27, 4, 59, 59, 999));
  });
});
