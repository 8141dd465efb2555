/** @module Terminal tokens: bound to one learner and sandbox, single use, short-lived, unforgeable. */
import { describe, expect, it } from 'vitest';
import { createTerminalTokens, TOKEN_TTL_MS } from '../../../src/server/terminal/terminal-token.ts';

describe('terminal tokens', () => {
  it('open exactly one socket for the learner and sandbox they were issued for', () => {
    const tokens = createTerminalTokens('k'.repeat(40));
    const { token } = tokens.issue('learner-a', 'sb-1');
    expect(tokens.redeem(token, 'learner-b', 'sb-1')).toMatchObject({ ok: false, reason: expect.stringMatching(/another sandbox/) });
    expect(tokens.redeem(token, 'learner-a', 'sb-2')).toMatchObject({ ok: false });
    expect(tokens.redeem(token, 'learner-a', 'sb-1')).toEqual({ ok: true });
    expect(tokens.redeem(token, 'learner-a', 'sb-1')).toMatchObject({ ok: false, reason: expect.stringMatching(/already used/) });
  });

  it('expire after their time to live', () => {
    let now = 1_000_000;
    const tokens = createTerminalTokens('k'.repeat(40), () => now);
    const { token } = tokens.issue('learner-a', 'sb-1');
    now += TOKEN_TTL_MS + 1;
    expect(tokens.redeem(token, 'learner-a', 'sb-1')).toMatchObject({ ok: false, reason: expect.stringMatching(/expired/) });
  });

  it('reject tokens signed with another secret or tampered with', () => {
    const mine = createTerminalTokens('k'.repeat(40));
    const theirs = createTerminalTokens('z'.repeat(40));
    const { token } = theirs.issue('learner-a', 'sb-1');
    expect(mine.redeem(token, 'learner-a', 'sb-1')).toMatchObject({ ok: false, reason: expect.stringMatching(/Invalid/) });
    const [body, mac] = mine.issue('learner-a', 'sb-1').token.split('.');
    const forgedBody = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('sb-1', 'sb-9')).toString('base64url');
    expect(mine.redeem(`${forgedBody}.${mac}`, 'learner-a', 'sb-9')).toMatchObject({ ok: false });
    expect(mine.redeem('garbage', 'learner-a', 'sb-1')).toMatchObject({ ok: false, reason: expect.stringMatching(/Malformed/) });
  });
});
