/** @module Test helpers: the fixture question bank and a clock the test moves by hand. */
import { resolve } from 'node:path';
import { loadQuestionBank, type QuestionBank } from '../../../src/quiz/question-bank.ts';
import type { Question } from '../../../src/quiz/question-schema.ts';
import type { QuizClock } from '../../../src/quiz/quiz-clock.ts';

export const FIXTURE_QUIZ_DIR = resolve(import.meta.dirname, '../../fixtures/quiz');

export function fixtureBank(): QuestionBank {
  return loadQuestionBank(FIXTURE_QUIZ_DIR);
}

export function fixtureQuestion<T extends Question['type']>(id: string, type: T): Extract<Question, { type: T }> {
  const question = fixtureBank().get(id);
  if (!question || question.type !== type) throw new Error(`fixture question ${id} of type ${type} is missing`);
  return question as Extract<Question, { type: T }>;
}

/** A clock that only moves when the test calls advance(); timers fire in due order. */
export class FakeClock implements QuizClock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private current = Date.UTC(2026, 10, 26, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.current + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t.id !== next.id);
      this.current = next.at;
      next.fn();
    }
    this.current = target;
  }
}
