/**
 * @module Server-side grading of every question type. Rules (also shown on the quiz start page):
 * - single / scenario: score 1 when the one right option is picked, else 0.
 * - multiple ("select all that apply"): score = max(0, (right picked - wrong picked) / number of right options);
 *   `correct` only when exactly the right set is picked. Guessing everything therefore earns nothing.
 * - ordering: score = fraction of items in their right position; `correct` only when all are.
 * - free: not graded on submission; the learner self-grades against the rubric: score = items met / rubric size,
 *   `correct` when at least 75 % of the items are met (rounded up), otherwise it counts as weak and goes to review.
 * - hands-on: correct when the progress store says the exercise was passed (by the server's own check).
 */
import { z } from 'zod';
import { BadRequestError } from '../server/errors.ts';
import type { Question } from './question-schema.ts';

export interface Grade {
  /** 0..1, or null while a free response awaits its self-grade. */
  score: number | null;
  correct: boolean | null;
}

export interface GradeContext {
  /** Whether the learner passed the exercise (hands-on questions). */
  exercisePassed(exerciseId: string): boolean;
}

const optionId = z.string().min(1).max(100);
const answerSchemas = {
  single: optionId,
  scenario: optionId,
  multiple: z.array(optionId).max(10),
  ordering: z.array(optionId).max(10),
  free: z.string().max(10_000),
  'hands-on': z.unknown(),
} as const;

const PASS_FRACTION = 0.75;

/** How many rubric items must be met for a free response to count as correct. */
export function rubricPassMark(rubricSize: number): number {
  return Math.ceil(rubricSize * PASS_FRACTION);
}

/** Checks the answer's shape for the question type; option ids must be the question's own. */
export function validateAnswer(question: Question, answer: unknown): unknown {
  const parsed = answerSchemas[question.type].safeParse(answer);
  if (!parsed.success) {
    const expected = {
      single: 'one option id (a string)',
      scenario: 'one option id (a string)',
      multiple: 'an array of option ids',
      ordering: 'an array of every option id in your order',
      free: 'your answer as text',
      'hands-on': 'anything (the exercise result decides)',
    }[question.type];
    throw new BadRequestError(`Question "${question.id}" is ${question.type}: "answer" must be ${expected}.`);
  }
  const value = parsed.data;
  if ('options' in question) {
    const known = new Set(question.options.map((o) => o.id));
    const picked = typeof value === 'string' ? [value] : (value as string[]);
    const unknown = picked.find((id) => !known.has(id));
    if (unknown !== undefined) throw new BadRequestError(`Question "${question.id}" has no option "${unknown}". Use the option ids the session lists.`);
    if (new Set(picked).size !== picked.length) throw new BadRequestError(`Pick each option of question "${question.id}" at most once.`);
    if (question.type === 'ordering' && picked.length !== question.options.length) {
      throw new BadRequestError(`Question "${question.id}" is an ordering: send all ${question.options.length} option ids in your order.`);
    }
  }
  return value;
}

/** Grades a validated answer (bank option ids, not the session's public ids). */
export function gradeAnswer(question: Question, answer: unknown, context: GradeContext): Grade {
  switch (question.type) {
    case 'single':
    case 'scenario': {
      const right = question.options.find((o) => o.correct === true)?.id;
      const correct = answer === right;
      return { score: correct ? 1 : 0, correct };
    }
    case 'multiple': {
      const picked = new Set(answer as string[]);
      const right = question.options.filter((o) => o.correct === true).map((o) => o.id);
      const rightPicked = right.filter((id) => picked.has(id)).length;
      const wrongPicked = picked.size - rightPicked;
      const score = Math.max(0, (rightPicked - wrongPicked) / right.length);
      return { score, correct: rightPicked === right.length && wrongPicked === 0 };
    }
    case 'ordering': {
      const order = answer as string[];
      const inPlace = question.options.filter((o, i) => order[i] === o.id).length;
      return { score: inPlace / question.options.length, correct: inPlace === question.options.length };
    }
    case 'free':
      return { score: null, correct: null };
    case 'hands-on': {
      const correct = context.exercisePassed(question.exercise);
      return { score: correct ? 1 : 0, correct };
    }
  }
}

/** Grades a self-assessment against a free question's rubric. */
export function gradeSelfAssessment(question: Question, met: number[]): Grade {
  if (question.type !== 'free') throw new BadRequestError(`Question "${question.id}" is ${question.type}; only free-response questions are self-graded.`);
  const valid = [...new Set(met)].filter((i) => Number.isInteger(i) && i >= 0 && i < question.rubric.length);
  if (valid.length !== met.length) {
    throw new BadRequestError(`"met" must list distinct rubric item indices between 0 and ${question.rubric.length - 1}.`);
  }
  return { score: valid.length / question.rubric.length, correct: valid.length >= rubricPassMark(question.rubric.length) };
}
