/** @module Guided exercise memcached-vs-redis-structures: replace a Memcached-style blob with a hash and update one field in place. */
import { expectType, fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { commandCalls, resetStats } from '../../../../../src/exercises/support/heal-sandbox.ts';

const BLOB = '{"name":"Ada","plan":"free","logins":0}';

export default defineExercise({
  id: 'memcached-vs-redis-structures',
  title: 'One field, not the whole blob: a hash Memcached cannot give you',
  lesson: '5-choosing/1-memcached',
  spec: { topology: 'single' },
  points: 10,
  hints: [
    'Memcached stores opaque strings: `profile:42` holds the whole user as JSON, so counting one login means GET, parse, change, SET it all back (and racing other writers). Store the user as a hash instead: `HSET user:42 name Ada plan free logins 0`.',
    'A hash field can change on its own, atomically, on the server: `HINCRBY user:42 logins 1`. Rewriting the field with HSET would repeat the read-modify-write problem.',
  ],
  solution: `\`\`\`text
GET profile:42
HSET user:42 name Ada plan free logins 0
HINCRBY user:42 logins 1
HGETALL user:42
\`\`\`

The hash keeps each attribute addressable: HINCRBY changes \`logins\` on the server in one atomic step, and HGET reads one field without
transferring the rest. Memcached values are opaque (incr/decr work only on a value that is a number by itself), so the same
update there is a read-modify-write of the whole blob, protected with CAS tokens if several clients write.`,

  async setup({ sandbox, admin }) {
    const client = admin();
    await client.del('user:42');
    await client.set('profile:42', BLOB);
    await resetStats(sandbox);
  },

  async check({ sandbox, admin }) {
    const client = admin();
    const checks: Condition[] = [];
    const type = await expectType(client, 'user:42', 'hash', 'Create it with HSET user:42 name Ada plan free logins 0.');
    if (!type.passed) return [type];
    const user = await client.hgetall('user:42');
    checks.push(
      user.name === 'Ada' && user.plan === 'free'
        ? pass('`user:42` is a hash with the profile', 'user:42 is a hash with name Ada and plan free.')
        : fail('`user:42` is a hash with the profile', `user:42 has name=${JSON.stringify(user.name ?? null)} and plan=${JSON.stringify(user.plan ?? null)}; copy them from profile:42 (name Ada, plan free).`),
    );
    const logins = Number(user.logins);
    const incremented = (await commandCalls(sandbox, sandbox.describe().nodes[0]!.name, 'hincrby')) > 0;
    const name = 'logins counted in place with HINCRBY';
    if (!Number.isInteger(logins) || logins < 1) {
      checks.push(fail(name, `user:42's logins field is ${JSON.stringify(user.logins ?? null)}; count one login with HINCRBY user:42 logins 1.`));
    } else if (!incremented) {
      checks.push(fail(name, `logins is ${logins}, but it was rewritten with HSET rather than incremented. HINCRBY user:42 logins 1 changes it atomically on the server.`));
    } else {
      checks.push(pass(name, `logins = ${logins}, incremented on the server without rewriting the rest of the user.`));
    }
    return checks;
  },

  examples: {
    correct: [
      ['GET profile:42', 'HSET user:42 name Ada plan free logins 0', 'HINCRBY user:42 logins 1', 'HGETALL user:42'],
      ['HSET user:42 name Ada', 'HSET user:42 plan free', 'HINCRBY user:42 logins 1', 'HINCRBY user:42 logins 2'],
    ],
    mistakes: [
      { lines: [`SET user:42 '{"name":"Ada","plan":"free","logins":1}'`], expect: /expected `user:42` to be a hash; it is a string/ },
      { lines: ['HSET user:42 name Ada plan free logins 0', 'HSET user:42 logins 1'], expect: /rewritten with HSET rather than incremented/ },
      { lines: ['HSET user:42 name Ada plan free logins 0'], expect: /logins field is "0"; count one login with HINCRBY/ },
    ],
  },
});
