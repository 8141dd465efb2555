/** @module The fact guard flags every known-wrong seed claim, lets corrections through, and finds none in lessons or quiz. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FACT_RULES, findFactViolations, formatViolation, quizTextsToCheck } from '../../../src/content/fact-guard.ts';
import { findLessonFiles } from '../../../src/content/lesson-files.ts';

const root = resolve(import.meta.dirname, '../../..');
const quizDir = join(root, 'content/quiz');

describe('fact guard rules', () => {
  it('encode all 17 seed claims of the fact sheet, once each', () => {
    expect(FACT_RULES.map((rule) => rule.seed).sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  for (const rule of FACT_RULES) {
    describe(`seed claim ${rule.seed}: ${rule.claim}`, () => {
      it.each(rule.examples.wrong)('flags a sentence stating it: %s', (sentence) => {
        expect(findFactViolations(sentence, 'example', [rule])).toHaveLength(1);
      });
      it.each(rule.examples.fine)('lets a correct or correcting sentence pass: %s', (sentence) => {
        expect(findFactViolations(sentence, 'example', [rule]).map(formatViolation)).toEqual([]);
      });
    });
  }

  it('checks a fenced block marked as self-managed syntax as allowed, and the same line elsewhere as wrong', () => {
    const selfManaged = 'On a self-managed server, redis.conf would say:\n\n```\nrename-command FLUSHALL ""\n```\n';
    const elastiCache = 'Add this to your parameter group:\n\n```\nrename-command FLUSHALL ""\n```\n';
    expect(findFactViolations(selfManaged, 'example')).toEqual([]);
    expect(findFactViolations(elastiCache, 'example').map((v) => v.rule.seed)).toEqual([2]);
  });
});

describe('fact guard over the curriculum', () => {
  it('finds no lesson that states a known-wrong claim', () => {
    const violations = findLessonFiles().flatMap((file) => findFactViolations(readFileSync(file, 'utf8'), file));
    expect(violations.map(formatViolation)).toEqual([]);
  });

  it('finds no quiz answer or explanation that states a known-wrong claim', () => {
    const files = readdirSync(quizDir).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'));
    const violations = files.flatMap((name) => {
      const questions = parseYaml(readFileSync(join(quizDir, name), 'utf8')) as unknown;
      if (!Array.isArray(questions)) return [];
      return questions.flatMap((question: { id?: string }) =>
        quizTextsToCheck(question).flatMap((text) => findFactViolations(text, `content/quiz/${name}#${question.id ?? '?'}`)),
      );
    });
    expect(violations.map(formatViolation)).toEqual([]);
  });
});
