/**
 * @module Short-lived, single-use terminal tokens bound to one learner and one sandbox. The page fetches one
 * (same-origin, with the learner cookie) right before opening the WebSocket, which defeats cross-site
 * WebSocket hijacking even if a browser sent the cookie on a cross-site upgrade.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const TOKEN_TTL_MS = 60_000;

const payloadSchema = z.object({ l: z.string(), s: z.string(), e: z.number(), n: z.string() }).strict();

export type TokenCheck = { ok: true } | { ok: false; reason: string };

export interface TerminalTokens {
  issue(learnerId: string, sandboxId: string): { token: string; expiresAt: string };
  /** Checks and consumes a token: each token opens one WebSocket. */
  redeem(token: string, learnerId: string, sandboxId: string): TokenCheck;
}

export function createTerminalTokens(secret: string, now: () => number = Date.now): TerminalTokens {
  // Domain-separated key so a terminal token can never be confused with a signed cookie value.
  const key = createHmac('sha256', secret).update('cachelab terminal token v1').digest();
  const spent = new Map<string, number>();
  const sign = (body: string) => createHmac('sha256', key).update(body).digest('base64url');

  function forgetExpired(): void {
    const t = now();
    for (const [nonce, expiry] of spent) if (expiry < t) spent.delete(nonce);
  }

  return {
    issue(learnerId, sandboxId) {
      const expiry = now() + TOKEN_TTL_MS;
      const body = Buffer.from(
        JSON.stringify({ l: learnerId, s: sandboxId, e: expiry, n: randomBytes(12).toString('base64url') }),
      ).toString('base64url');
      return { token: `${body}.${sign(body)}`, expiresAt: new Date(expiry).toISOString() };
    },
    redeem(token, learnerId, sandboxId) {
      const fresh = 'Get a fresh one with POST /api/sandboxes/<id>/terminal-token.';
      const [body, mac, extra] = token.split('.');
      if (!body || !mac || extra !== undefined) return { ok: false, reason: `Malformed terminal token. ${fresh}` };
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return { ok: false, reason: `Invalid terminal token. ${fresh}` };
      }
      const payload = payloadSchema.safeParse(safeJson(Buffer.from(body, 'base64url').toString('utf8')));
      if (!payload.success) return { ok: false, reason: `Malformed terminal token. ${fresh}` };
      const { l, s, e, n } = payload.data;
      if (l !== learnerId || s !== sandboxId) return { ok: false, reason: `Terminal token is for another sandbox. ${fresh}` };
      forgetExpired();
      if (e < now()) return { ok: false, reason: `Terminal token expired. ${fresh}` };
      if (spent.has(n)) return { ok: false, reason: `Terminal token already used. ${fresh}` };
      spent.set(n, e);
      return { ok: true };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
