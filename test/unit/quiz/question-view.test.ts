/** @module What the browser may see of a question before and after it is due. */
import { describe, expect, it } from 'vitest';
import { publicQuestion, revealedQuestion, toBankOptionIds, toPublicOptionIds } from '../../../src/quiz/question-view.ts';
import { fixtureBank } from './fixture-bank.ts';

const bank = fixtureBank();

describe('what the browser sees of a question before it is due', () => {
  it('never contains the answer key, explanations, sources, model answer or rubric', () => {
    for (const question of bank.questions) {
      const text = JSON.stringify(publicQuestion('session-1', question));
      expect(text).not.toMatch(/"correct"|"explanation"|"sources"|"modelAnswer"|"rubric"/);
      if ('options' in question) for (const o of question.options) expect(text).not.toContain(o.explanation);
      if (question.type === 'free') expect(text).not.toContain(question.modelAnswer);
    }
  });

  it('shows ordering steps shuffled, under ids that do not give the order away', () => {
    const question = bank.get('fx-failover-steps')!;
    const view = publicQuestion('session-1', question);
    const ids = view.options!.map((o) => o.id);
    expect(ids.every((id) => /^o[0-9a-f]{8}$/.test(id))).toBe(true);
    expect(view.options!.map((o) => o.text)).not.toEqual('options' in question ? question.options.map((o) => o.text) : []);
    expect([...ids].sort()).not.toEqual(toPublicOptionIds('session-1', question, ['detect', 'promote', 'dns', 'replace']));
  });

  it('shows choice options in an order fixed per session, so positions cannot be memorised across sessions', () => {
    const question = bank.get('fx-async-replication')!;
    const order = (session: string) => publicQuestion(session, question).options!.map((o) => o.id);
    expect(order('s1')).toEqual(order('s1'));
    expect([...order('s1')].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    const orders = new Set(['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => order(s).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('maps the session ids of an ordering answer back to the bank ids', () => {
    const question = bank.get('fx-failover-steps')!;
    const publicIds = toPublicOptionIds('s2', question, ['detect', 'promote', 'dns', 'replace']);
    expect(toBankOptionIds('s2', question, publicIds)).toEqual(['detect', 'promote', 'dns', 'replace']);
    expect(toBankOptionIds('another-session', question, publicIds)).not.toEqual(['detect', 'promote', 'dns', 'replace']);
  });
});

describe('what the browser sees once the question is due', () => {
  it('explains every option and links the lesson section', () => {
    const revealed = revealedQuestion('s', bank.get('fx-replica-reads')!);
    expect(revealed.options).toHaveLength(3);
    expect(revealed.options!.find((o) => o.id === 'b')).toMatchObject({ correct: true, explanation: expect.any(String) });
    expect(revealed.lesson.url).toBe('/lessons/2-high-availability/1-replication/#reader-endpoint');
    expect(revealed.sources[0]).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('links the exercise of a hands-on question, or the lesson\'s exercise otherwise', () => {
    expect(revealedQuestion('s', bank.get('fx-keyslot-lab')!).exercise?.id).toBe('cluster-keyslot');
    expect(revealedQuestion('s', bank.get('fx-replica-reads')!, ['replication-read-replica']).exercise?.id).toBe('replication-read-replica');
  });
});
