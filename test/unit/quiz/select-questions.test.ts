/** @module Seeded selection: the same seed gives everyone the same questions; filters and mixed levels. */
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src/quiz/question-schema.ts';
import { seededRandom } from '../../../src/quiz/seeded-random.ts';
import { selectQuestions } from '../../../src/quiz/select-questions.ts';
import { fixtureBank } from './fixture-bank.ts';

const bank = fixtureBank().questions;
const ids = (qs: Question[]) => qs.map((q) => q.id);

describe('seeded question selection', () => {
  it('gives the same questions in the same order for the same seed', () => {
    const request = { seed: 'study-group-7', topics: [], level: 'mixed' as const, count: 6 };
    expect(ids(selectQuestions(bank, request))).toEqual(ids(selectQuestions(bank, request)));
  });

  it('does not depend on the order the bank was loaded in', () => {
    const request = { seed: 'abc', topics: [], level: 'mixed' as const, count: 5 };
    expect(ids(selectQuestions([...bank].reverse(), request))).toEqual(ids(selectQuestions(bank, request)));
  });

  it('gives different sets for different seeds', () => {
    const orders = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((seed) => ids(selectQuestions(bank, { seed, topics: [], level: 'mixed', count: 4 })).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('uses a PRNG whose sequence is fixed for a seed', () => {
    const first = seededRandom('fixed');
    const second = seededRandom('fixed');
    const a = Array.from({ length: 5 }, first);
    expect(Array.from({ length: 5 }, second)).toEqual(a);
    expect(a.every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it('keeps to the chosen topics and level', () => {
    const picked = selectQuestions(bank, { seed: 's', topics: ['replication'], level: 'basic', count: 10 });
    expect(ids(picked)).toEqual(['fx-replica-reads']);
  });

  it('draws every level when the level is mixed', () => {
    const picked = selectQuestions(bank, { seed: 'm', topics: [], level: 'mixed', count: 3 });
    expect(new Set(picked.map((q) => q.level))).toEqual(new Set(['basic', 'intermediate', 'advanced']));
  });

  it('can leave out a question type and filter by lesson', () => {
    expect(selectQuestions(bank, { seed: 'x', topics: [], level: 'mixed', count: 50, excludeTypes: ['hands-on'] }).some((q) => q.type === 'hands-on')).toBe(false);
    const lesson = selectQuestions(bank, { seed: 'x', topics: [], level: 'mixed', count: 50, lesson: '2-high-availability/1-replication' });
    expect(ids(lesson).sort()).toEqual(['fx-async-replication', 'fx-explain-replication', 'fx-replica-reads']);
  });
});
