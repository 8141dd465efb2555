/** @module The bank loader (errors name file and question) and the real bank in content/quiz. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import { loadQuestionBank } from '../../../src/quiz/question-bank.ts';
import { INTERVIEW_TAGS, QUIZ_TOPICS } from '../../../src/quiz/question-schema.ts';
import { FIXTURE_QUIZ_DIR } from './fixture-bank.ts';

function bankDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cachelab-bank-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const single = (id: string, extra = '') => `
- id: ${id}
  type: single
  level: basic
  topic: replication
  lesson: 2-high-availability/1-replication
  prompt: Which endpoint spreads reads across replicas?
  explanation: The reader endpoint spreads connections across replicas.
  sources: [https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Endpoints.html]
  options:
    - { id: a, text: Reader endpoint, correct: true, explanation: It resolves to the replicas of the group. }
    - { id: b, text: Primary endpoint, ${extra} explanation: It always resolves to the primary node. }
`;

describe('loading the question bank', () => {
  it('reads every YAML file of the directory', () => {
    const bank = loadQuestionBank(FIXTURE_QUIZ_DIR);
    expect(bank.questions.length).toBe(10);
    expect(bank.get('fx-failover-steps')?.type).toBe('ordering');
    expect(bank.topics().find((t) => t.id === 'replication')?.counts).toEqual({ basic: 1, intermediate: 1, advanced: 1 });
  });

  it('names the file and the question id of a schema error', () => {
    const dir = bankDir({ 'replication.yaml': single('ok-one') + single('broken-one').replace('level: basic', 'level: expert') });
    expect(() => loadQuestionBank(dir)).toThrow(/replication\.yaml: question "broken-one": .*level/);
  });

  it('refuses a single-choice question with two right options', () => {
    const dir = bankDir({ 'a.yaml': single('two-right', 'correct: true,') });
    expect(() => loadQuestionBank(dir)).toThrow(/a\.yaml: question "two-right": a single question needs exactly one option/);
  });

  it('refuses the same question id in two files, naming both', () => {
    const dir = bankDir({ 'a.yaml': single('same-id'), 'b.yaml': single('same-id') });
    expect(() => loadQuestionBank(dir)).toThrow(/b\.yaml: question "same-id": the id is already used in .*a\.yaml/);
  });

  it('says so when a file is not a list', () => {
    const dir = bankDir({ 'x.yaml': 'id: nope\n' });
    expect(() => loadQuestionBank(dir)).toThrow(/x\.yaml: expected a YAML list of questions/);
  });
});

describe('the real question bank in content/quiz', () => {
  const bank = loadQuestionBank();

  it('has at least 200 questions', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(200);
  });

  it('has at least one question per topic and level', () => {
    const missing = bank
      .topics()
      .flatMap((t) => (['basic', 'intermediate', 'advanced'] as const).filter((l) => t.counts[l] === 0).map((l) => `${t.id}/${l}`));
    expect(missing).toEqual([]);
    expect(bank.topics().map((t) => t.id)).toEqual(QUIZ_TOPICS.map((t) => t.id));
  });

  it('covers every interview question of the source brief with an explicit tag', () => {
    const tags = new Set(bank.questions.flatMap((q) => q.tags));
    expect(INTERVIEW_TAGS.filter((tag) => !tags.has(tag))).toEqual([]);
  });

  it('explains every option and cites a source for every question', () => {
    for (const q of bank.questions) {
      expect(q.sources.length, q.id).toBeGreaterThan(0);
      if ('options' in q) for (const o of q.options) expect(o.explanation.length, `${q.id}/${o.id}`).toBeGreaterThanOrEqual(15);
    }
  });
});
