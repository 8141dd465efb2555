/**
 * @module Seeded question selection: the same seed, filters and bank give everyone the same questions in the same
 * order, which is what makes a quiz link shareable. Mixed level draws the levels in turn so a mock interview is
 * not all basic questions by chance.
 */
import type { Question } from './question-schema.ts';
import { seededRandom, seededShuffle } from './seeded-random.ts';

const LEVELS = ['basic', 'intermediate', 'advanced'] as const;

export interface SelectionRequest {
  seed: string;
  /** Empty means every topic. */
  topics: readonly string[];
  level: (typeof LEVELS)[number] | 'mixed';
  count: number;
  /** Lesson checkpoint: only questions of this lesson id (the part before "#" of a question's `lesson`). */
  lesson?: string | null;
  /** Types to leave out (a timed mock has no time for a hands-on exercise). */
  excludeTypes?: readonly Question['type'][];
}

export function selectQuestions(bank: readonly Question[], request: SelectionRequest): Question[] {
  const pool = bank
    .filter((q) => request.topics.length === 0 || request.topics.includes(q.topic))
    .filter((q) => request.level === 'mixed' || q.level === request.level)
    .filter((q) => !request.lesson || q.lesson.split('#')[0] === request.lesson)
    .filter((q) => !request.excludeTypes?.includes(q.type))
    // Sorting first makes the result independent of file and load order.
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const random = seededRandom(request.seed);
  const shuffled = seededShuffle(pool, random);
  if (request.level !== 'mixed') return shuffled.slice(0, request.count);

  const buckets = LEVELS.map((level) => shuffled.filter((q) => q.level === level));
  const picked: Question[] = [];
  for (let round = 0; picked.length < request.count && buckets.some((b) => b.length > round); round++) {
    for (const bucket of buckets) {
      const question = bucket[round];
      if (question && picked.length < request.count) picked.push(question);
    }
  }
  return seededShuffle(picked, random);
}
