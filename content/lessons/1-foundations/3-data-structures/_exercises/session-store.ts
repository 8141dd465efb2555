/** @module Exercise session-store: a session as a hash with an idle timeout, and a sliding refresh of another one. */
import { describeTtl, expectType, fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const NEW_SESSION = 'session:9b1c';
const ACTIVE_SESSION = 'session:4d2e';
const IDLE_TIMEOUT = 1800;
/** The active session's remaining time at setup; a refresh to 1800 s puts it well above this. */
const ACTIVE_TTL_AT_SETUP = 600;
const EXPECTED_FIELDS = { user_id: '42', locale: 'fr-FR', cart_items: '2' };

export default defineExercise({
  id: 'session-store',
  title: 'Sessions: a hash with an idle timeout',
  lesson: '1-foundations/3-data-structures',
  spec: { topology: 'single' },
  points: 10,
  hints: [
    'A session is an object with fields, so store it as a hash: `HSET session:9b1c user_id 42 locale fr-FR cart_items 0`.',
    'The idle timeout goes on the whole key: `EXPIRE session:9b1c 1800`. EXPIRE on a key that does not exist yet does nothing, so create the hash first.',
    'Change one field without rewriting the session: `HINCRBY session:9b1c cart_items 2` adds atomically.',
    "A sliding timeout means calling EXPIRE again on every request: `EXPIRE session:4d2e 1800` pushes user 17's timeout forward and keeps the fields as they are.",
  ],
  solution: `\`\`\`text
HSET session:9b1c user_id 42 locale fr-FR cart_items 0
EXPIRE session:9b1c 1800
HINCRBY session:9b1c cart_items 2
EXPIRE session:4d2e 1800
\`\`\`

The hash keeps each field separately, so \`HINCRBY\` changes the cart without reading and rewriting the whole session. The TTL belongs
to the key; calling \`EXPIRE\` on every request gives a sliding idle timeout. (\`HSET\` and \`HINCRBY\` never touch the TTL, and
\`PERSIST\` would remove it.)`,

  async setup({ admin }) {
    const client = admin();
    await client.del(NEW_SESSION, ACTIVE_SESSION);
    await client.hset(ACTIVE_SESSION, { user_id: '17', locale: 'en-GB', cart_items: '3' });
    await client.expire(ACTIVE_SESSION, ACTIVE_TTL_AT_SETUP);
  },

  async check({ admin }) {
    const client = admin();
    const checks: Condition[] = [];
    const isHash = await expectType(client, NEW_SESSION, 'hash', `Create it with HSET ${NEW_SESSION} user_id 42 locale fr-FR cart_items 0.`);
    checks.push(isHash);
    if (isHash.passed) {
      const fields = await client.hgetall(NEW_SESSION);
      const wrong = Object.entries(EXPECTED_FIELDS)
        .filter(([field, value]) => fields[field] !== value)
        .map(([field, value]) => `${field} is ${fields[field] === undefined ? 'missing' : JSON.stringify(fields[field])} (expected ${JSON.stringify(value)})`);
      checks.push(
        wrong.length === 0
          ? pass(`\`${NEW_SESSION}\` has the right fields`, `\`${NEW_SESSION}\` holds user_id 42, locale fr-FR and 2 cart items.`)
          : fail(`\`${NEW_SESSION}\` has the right fields`, `In \`${NEW_SESSION}\`: ${wrong.join('; ')}.`),
      );
      const ttl = await client.ttl(NEW_SESSION);
      checks.push(
        ttl > 0 && ttl <= IDLE_TIMEOUT
          ? pass(`\`${NEW_SESSION}\` has a 30-minute idle timeout`, `\`${NEW_SESSION}\` expires in ${ttl} s.`)
          : fail(
              `\`${NEW_SESSION}\` has a 30-minute idle timeout`,
              ttl === -1
                ? `\`${NEW_SESSION}\` has no TTL (-1): an abandoned session would stay in memory forever. Run EXPIRE ${NEW_SESSION} 1800 after the hash exists.`
                : `\`${NEW_SESSION}\` ${describeTtl(ttl)}; the idle timeout is 1800 s.`,
            ),
      );
    }

    const activeType = await client.type(ACTIVE_SESSION);
    if (activeType === 'none') {
      checks.push(fail(`\`${ACTIVE_SESSION}\` was refreshed`, `\`${ACTIVE_SESSION}\` no longer exists, so user 17 was logged out. Run \`lab reset\` and refresh it with EXPIRE instead.`));
      return checks;
    }
    const active = activeType === 'hash' ? await client.hgetall(ACTIVE_SESSION) : {};
    checks.push(
      active.user_id === '17' && active.cart_items === '3'
        ? pass(`\`${ACTIVE_SESSION}\` kept its data`, `\`${ACTIVE_SESSION}\` still belongs to user 17 with 3 cart items.`)
        : fail(`\`${ACTIVE_SESSION}\` kept its data`, `\`${ACTIVE_SESSION}\` lost its fields (user_id 17, cart_items 3): a refresh changes only the TTL. Run \`lab reset\`.`),
    );
    const ttl = await client.ttl(ACTIVE_SESSION);
    if (ttl === -1) {
      checks.push(fail(`\`${ACTIVE_SESSION}\` was refreshed`, `\`${ACTIVE_SESSION}\` has no TTL (-1): PERSIST removes the timeout. A sliding timeout sets it again: EXPIRE ${ACTIVE_SESSION} 1800.`));
    } else if (ttl <= ACTIVE_TTL_AT_SETUP) {
      checks.push(fail(`\`${ACTIVE_SESSION}\` was refreshed`, `\`${ACTIVE_SESSION}\` expires in ${ttl} s: it was not refreshed. EXPIRE ${ACTIVE_SESSION} 1800 pushes the idle timeout forward.`));
    } else if (ttl > IDLE_TIMEOUT) {
      checks.push(fail(`\`${ACTIVE_SESSION}\` was refreshed`, `\`${ACTIVE_SESSION}\` expires in ${ttl} s; the idle timeout is 1800 s, not longer.`));
    } else {
      checks.push(pass(`\`${ACTIVE_SESSION}\` was refreshed`, `\`${ACTIVE_SESSION}\` now expires in ${ttl} s.`));
    }
    return checks;
  },

  examples: {
    correct: [
      ['HSET session:9b1c user_id 42 locale fr-FR cart_items 0', 'EXPIRE session:9b1c 1800', 'HINCRBY session:9b1c cart_items 2', 'EXPIRE session:4d2e 1800'],
      [
        'HSET session:9b1c user_id 42 locale fr-FR',
        'HSET session:9b1c cart_items 2',
        'EXPIRE session:9b1c 1800',
        'EXPIRE session:4d2e 1800 GT',
        'HGETALL session:9b1c',
      ],
    ],
    mistakes: [
      {
        lines: [`SET session:9b1c '{"user_id":42,"locale":"fr-FR","cart_items":2}' EX 1800`, 'EXPIRE session:4d2e 1800'],
        expect: /expected `session:9b1c` to be a hash; it is a string/,
      },
      {
        lines: ['EXPIRE session:9b1c 1800', 'HSET session:9b1c user_id 42 locale fr-FR cart_items 0', 'HINCRBY session:9b1c cart_items 2', 'EXPIRE session:4d2e 1800'],
        expect: /`session:9b1c` has no TTL \(-1\)/,
      },
      {
        lines: ['HSET session:9b1c user_id 42 locale fr-FR cart_items 0', 'EXPIRE session:9b1c 1800', 'HINCRBY session:9b1c cart_items 2', 'HSET session:4d2e last_seen now'],
        expect: /`session:4d2e` expires in \d+ s: it was not refreshed/,
      },
      {
        lines: ['HSET session:9b1c user_id 42 locale fr-FR cart_items 0', 'EXPIRE session:9b1c 1800', 'HINCRBY session:9b1c cart_items 2', 'PERSIST session:4d2e'],
        expect: /PERSIST removes the timeout/,
      },
    ],
  },
});
