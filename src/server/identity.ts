/**
 * @module Anonymous learner identity: a signed, HttpOnly, SameSite=Lax cookie set on first contact.
 * Everything a learner owns (sandboxes, progress) hangs off this id.
 */
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';

export const LEARNER_COOKIE = 'cachelab_learner';
const ONE_YEAR_S = 365 * 24 * 3600;
const idPattern = /^[a-z0-9]{20}$/;

export type IdentityVariables = { learnerId: string };

export function newLearnerId(): string {
  return randomBytes(15).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 20).padEnd(20, 'x');
}

export async function readLearnerId(c: Context, secret: string): Promise<string | undefined> {
  const value = await getSignedCookie(c, secret, LEARNER_COOKIE);
  return typeof value === 'string' && idPattern.test(value) ? value : undefined;
}

export async function writeLearnerId(c: Context, secret: string, learnerId: string): Promise<void> {
  await setSignedCookie(c, LEARNER_COOKIE, learnerId, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: ONE_YEAR_S,
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

/** Sets c.var.learnerId, creating a new identity (and cookie) when the request has none. */
export function learnerIdentity(secret: string): MiddlewareHandler<{ Variables: IdentityVariables }> {
  return async function learnerIdentityMiddleware(c, next) {
    let learnerId = await readLearnerId(c, secret);
    if (!learnerId) {
      learnerId = newLearnerId();
      await writeLearnerId(c, secret, learnerId);
    }
    c.set('learnerId', learnerId);
    await next();
  };
}
