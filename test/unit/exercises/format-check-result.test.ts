/** @module `lab check` output: a tick or a cross per condition with its message, then the verdict; no learner escapes. */
import { describe, expect, it } from 'vitest';
import { formatCheckResult } from '../../../src/exercises/lab-commands/lab-check-command.ts';

const passing = { name: '`board` is a sorted set', passed: true, message: '`board` is a sorted set.' };
const failing = { name: '`bob` has 1250 points', passed: false, message: '`bob` has 950 points; expected 1250 after ZINCRBY.' };

describe('formatCheckResult', () => {
  it('prints each condition with a tick or a cross and its message, then the verdict', () => {
    const text = formatCheckResult({ exerciseId: 'leaderboard', passed: false, checks: [passing, failing] }, false);
    expect(text.split('\n')).toEqual([
      '  ✔ `board` is a sorted set: `board` is a sorted set.',
      '  ✘ `bob` has 1250 points: `bob` has 950 points; expected 1250 after ZINCRBY.',
      '',
      'NOT YET: 1 of 2 conditions not met. Fix the crossed ones and run `lab check` again (`lab hint` helps).',
      '',
    ]);
  });

  it('says the pass is recorded when every condition is met', () => {
    expect(formatCheckResult({ exerciseId: 'leaderboard', passed: true, checks: [passing] }, false)).toContain(
      'PASSED: the condition is met. Recorded on your progress.',
    );
  });

  it('colours ticks green and crosses red', () => {
    const text = formatCheckResult({ exerciseId: 'leaderboard', passed: false, checks: [passing, failing] });
    expect(text).toContain('\u001b[32m✔\u001b[0m');
    expect(text).toContain('\u001b[31m✘\u001b[0m');
  });

  it('never passes terminal control sequences from key names or values through', () => {
    const hostile = { name: 'value of `x`', passed: false, message: '`x` holds "\u001b]0;pwned\u0007\u001b[2J"' };
    const text = formatCheckResult({ exerciseId: 'x', passed: false, checks: [hostile] }, false);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).toContain('`x` holds "\uFFFD]0;pwned\uFFFD\uFFFD[2J"');
  });
});
