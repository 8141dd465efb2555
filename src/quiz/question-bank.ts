/**
 * @module Loads content/quiz/*.yaml once at start: schema validation plus the rules grading relies on (exactly one
 * right option for single/scenario, unique ids). Every problem names the file and the question id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { QUIZ_TOPICS, questionSchema, type Question } from './question-schema.ts';

export const DEFAULT_QUIZ_DIR = resolve(import.meta.dirname, '../../content/quiz');

export type Level = 'basic' | 'intermediate' | 'advanced';

export interface TopicSummary {
  id: string;
  title: string;
  lesson: string;
  counts: Record<Level, number>;
}

export interface QuestionBank {
  readonly questions: readonly Question[];
  get(id: string): Question | undefined;
  topics(): TopicSummary[];
}

/** Rules the schema cannot express but grading depends on; returns a message per broken rule. */
export function questionProblems(question: Question): string[] {
  const problems: string[] = [];
  if (!('options' in question)) return problems;
  const ids = question.options.map((o) => o.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) problems.push(`option id "${duplicate}" is used twice; give every option its own id`);
  const right = question.options.filter((o) => o.correct === true).length;
  if ((question.type === 'single' || question.type === 'scenario') && right !== 1) {
    problems.push(`a ${question.type} question needs exactly one option with "correct: true" (it has ${right})`);
  }
  if (question.type === 'multiple' && right < 1) problems.push('a multiple question needs at least one option with "correct: true"');
  if (question.type === 'ordering' && question.options.some((o) => o.correct !== undefined)) {
    problems.push('ordering options carry no "correct" flag: list them in the correct order instead');
  }
  return problems;
}

export function createQuestionBank(questions: readonly Question[]): QuestionBank {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return {
    questions,
    get: (id) => byId.get(id),
    topics: () =>
      QUIZ_TOPICS.map((topic) => {
        const counts: Record<Level, number> = { basic: 0, intermediate: 0, advanced: 0 };
        for (const q of questions) if (q.topic === topic.id) counts[q.level] += 1;
        return { id: topic.id, title: topic.title, lesson: topic.lesson, counts };
      }),
  };
}

/** Reads and validates every *.yaml file in `dir`; throws one error listing every problem found. */
export function loadQuestionBank(dir: string = DEFAULT_QUIZ_DIR): QuestionBank {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  } catch {
    files = [];
  }
  const questions: Question[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = join(dir, name);
    let entries: unknown;
    try {
      entries = parseYaml(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${file}: not valid YAML: ${(error as Error).message}`);
      continue;
    }
    if (!Array.isArray(entries)) {
      problems.push(`${file}: expected a YAML list of questions ("- id: ..."), found ${entries === null ? 'an empty file' : typeof entries}`);
      continue;
    }
    entries.forEach((entry: unknown, index) => {
      const rawId = typeof entry === 'object' && entry !== null && 'id' in entry ? String((entry as { id: unknown }).id) : `#${index + 1}`;
      const where = `${file}: question "${rawId}"`;
      const parsed = questionSchema.safeParse(entry);
      if (!parsed.success) {
        problems.push(`${where}: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
        return;
      }
      for (const problem of questionProblems(parsed.data)) problems.push(`${where}: ${problem}`);
      const previous = seen.get(parsed.data.id);
      if (previous) problems.push(`${where}: the id is already used in ${previous}; question ids must be unique across the bank`);
      seen.set(parsed.data.id, file);
      questions.push(parsed.data);
    });
  }
  if (problems.length > 0) {
    throw new Error(`The quiz bank in ${dir} has ${problems.length} problem(s) (schema: src/quiz/question-schema.ts):\n  ${problems.join('\n  ')}`);
  }
  return createQuestionBank(questions);
}
