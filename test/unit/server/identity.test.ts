import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { LEARNER_COOKIE, learnerIdentity, type IdentityVariables } from '../../../src/server/identity.ts';

const secret = 'x'.repeat(40);
function appWithIdentity() {
  return new Hono<{ Variables: IdentityVariables }>()
    .use(learnerIdentity(secret))
    .get('/', (c) => c.text(c.var.learnerId));
}

describe('anonymous learner identity', () => {
  it('sets a signed, HttpOnly, SameSite=Lax cookie on first contact', async () => {
    const response = await appWithIdentity().request('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${LEARNER_COOKIE}=`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(await response.text()).toMatch(/^[a-z0-9]{20}$/);
  });

  it('keeps the same identity when the cookie comes back', async () => {
    const app = appWithIdentity();
    const first = await app.request('/');
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    const second = await app.request('/', { headers: { cookie } });
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get('set-cookie')).toBeNull();
  });

  it('ignores a forged cookie and issues a new identity', async () => {
    const app = appWithIdentity();
    const forged = await app.request('/', { headers: { cookie: `${LEARNER_COOKIE}=aaaaaaaaaaaaaaaaaaaa.fake` } });
    expect(await forged.text()).not.toBe('aaaaaaaaaaaaaaaaaaaa');
    expect(forged.headers.get('set-cookie')).toContain(LEARNER_COOKIE);
  });
});
