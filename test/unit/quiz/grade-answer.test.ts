/** @module Server-side grading of every question type, including partial credit for select-all and ordering. */
import { describe, expect, it } from 'vitest';
import { gradeAnswer, gradeSelfAssessment, rubricPassMark, validateAnswer } from '../../../src/quiz/grade-answer.ts';
import { BadRequestError } from '../../../src/server/errors.ts';
import { fixtureQuestion } from './fixture-bank.ts';

const nothingPassed = { exercisePassed: () => false };

describe('grading a single-choice or scenario question', () => {
  const single = fixtureQuestion('fx-replica-reads', 'single');
  const scenario = fixtureQuestion('fx-durable-primary-store', 'scenario');

  it('gives full marks for the right option and none for a wrong one', () => {
    expect(gradeAnswer(single, 'b', nothingPassed)).toEqual({ score: 1, correct: true });
    expect(gradeAnswer(single, 'a', nothingPassed)).toEqual({ score: 0, correct: false });
    expect(gradeAnswer(scenario, 'a', nothingPassed)).toEqual({ score: 1, correct: true });
    expect(gradeAnswer(scenario, 'c', nothingPassed)).toEqual({ score: 0, correct: false });
  });

  it('rejects an option id the question does not have, naming it', () => {
    expect(() => validateAnswer(single, 'z')).toThrow(/no option "z"/);
    expect(() => validateAnswer(single, ['b'])).toThrow(BadRequestError);
  });
});

describe('grading a select-all-that-apply question (3 right options of 5)', () => {
  const multiple = fixtureQuestion('fx-async-replication', 'multiple');
  const grade = (picked: string[]) => gradeAnswer(multiple, validateAnswer(multiple, picked), nothingPassed);

  it('is correct only for exactly the right set', () => {
    expect(grade(['a', 'b', 'c'])).toEqual({ score: 1, correct: true });
    expect(grade(['c', 'a', 'b'])).toEqual({ score: 1, correct: true });
  });

  it('gives partial credit: (right picked - wrong picked) / right options', () => {
    expect(grade(['a', 'b'])).toEqual({ score: 2 / 3, correct: false });
    expect(grade(['a', 'b', 'c', 'd'])).toEqual({ score: 2 / 3, correct: false });
    expect(grade(['a', 'd'])).toEqual({ score: 0, correct: false });
  });

  it('never goes below zero and gives nothing for ticking every box', () => {
    expect(grade(['d', 'e'])).toEqual({ score: 0, correct: false });
    expect(grade(['a', 'b', 'c', 'd', 'e'])).toEqual({ score: 1 / 3, correct: false });
    expect(grade([])).toEqual({ score: 0, correct: false });
  });

  it('refuses the same option twice', () => {
    expect(() => validateAnswer(multiple, ['a', 'a'])).toThrow(/at most once/);
  });
});

describe('grading an ordering question', () => {
  const ordering = fixtureQuestion('fx-failover-steps', 'ordering');
  const grade = (order: string[]) => gradeAnswer(ordering, validateAnswer(ordering, order), nothingPassed);

  it('is correct when every step is in place', () => {
    expect(grade(['detect', 'promote', 'dns', 'replace'])).toEqual({ score: 1, correct: true });
  });

  it('scores the fraction of steps in their right position', () => {
    expect(grade(['detect', 'promote', 'replace', 'dns'])).toEqual({ score: 0.5, correct: false });
    expect(grade(['replace', 'dns', 'promote', 'detect'])).toEqual({ score: 0, correct: false });
  });

  it('needs every step exactly once', () => {
    expect(() => validateAnswer(ordering, ['detect', 'promote', 'dns'])).toThrow(/all 4 option ids/);
  });
});

describe('grading a free-response question', () => {
  const free = fixtureQuestion('fx-explain-replication', 'free');

  it('leaves the answer ungraded until the learner self-grades', () => {
    expect(gradeAnswer(free, 'Replication is asynchronous...', nothingPassed)).toEqual({ score: null, correct: null });
  });

  it('scores rubric items met and counts 75 % (rounded up) as correct', () => {
    expect(rubricPassMark(4)).toBe(3);
    expect(gradeSelfAssessment(free, [0, 1, 2, 3])).toEqual({ score: 1, correct: true });
    expect(gradeSelfAssessment(free, [0, 1, 3])).toEqual({ score: 0.75, correct: true });
    expect(gradeSelfAssessment(free, [1, 2])).toEqual({ score: 0.5, correct: false });
    expect(gradeSelfAssessment(free, [])).toEqual({ score: 0, correct: false });
  });

  it('refuses rubric indices that do not exist or repeat', () => {
    expect(() => gradeSelfAssessment(free, [4])).toThrow(/between 0 and 3/);
    expect(() => gradeSelfAssessment(free, [1, 1])).toThrow(/distinct/);
  });

  it('refuses a self-grade for a question that is not free response', () => {
    expect(() => gradeSelfAssessment(fixtureQuestion('fx-replica-reads', 'single'), [0])).toThrow(/only free-response/);
  });
});

describe('grading a hands-on question', () => {
  const handsOn = fixtureQuestion('fx-keyslot-lab', 'hands-on');

  it('is correct exactly when the progress store says the exercise was passed', () => {
    expect(gradeAnswer(handsOn, null, { exercisePassed: (id) => id === 'cluster-keyslot' })).toEqual({ score: 1, correct: true });
    expect(gradeAnswer(handsOn, 'I did it, trust me', nothingPassed)).toEqual({ score: 0, correct: false });
  });
});
