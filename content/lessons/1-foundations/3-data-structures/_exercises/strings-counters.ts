/** @module Exercise strings-counters: a cache entry with a TTL, an atomic page-view counter and a rate-limit window. */
import { describeTtl, expectType, fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const PRODUCT = { name: 'Travel mug', price_cents: 1299 };
const STARTING_VIEWS = 41;
const NEW_VIEWS = 11;

function sameJson(text: string, expected: object): boolean {
  try {
    return JSON.stringify(JSON.parse(text), Object.keys(expected).sort()) === JSON.stringify(expected, Object.keys(expected).sort());
  } catch {
    return false;
  }
}

export default defineExercise({
  id: 'strings-counters',
  title: 'Strings and counters: a cache entry, page views and a rate limit',
  lesson: '1-foundations/3-data-structures',
  spec: { topology: 'single' },
  points: 10,
  hints: [
    'Three keys, three jobs: `product:1001` is a cache entry (a string with an expiry), `page:home:views` already counts 41 views, and `ratelimit:user:42` is a counter that lives for one window.',
    'Set the value and the expiry in one command with `SET key value EX seconds`. Wrap the JSON in single quotes so its double quotes survive.',
    'Never overwrite a counter someone else is incrementing: `INCR` adds 1 and `INCRBY key 10` adds 10, both atomically, on top of what is there.',
    'For the rate limit, create the window first with `SET ratelimit:user:42 0 EX 60 NX`, then `INCR` it once per request. INCR keeps the TTL that SET gave the key.',
  ],
  solution: `Cache the product for 5 minutes, count the views on top of the existing 41, and open a 60-second rate-limit window:

\`\`\`text
SET product:1001 '{"name":"Travel mug","price_cents":1299}' EX 300
INCR page:home:views
INCRBY page:home:views 10
SET ratelimit:user:42 0 EX 60 NX
INCR ratelimit:user:42
INCR ratelimit:user:42
INCR ratelimit:user:42
\`\`\`

\`GET page:home:views\` now answers 52, and \`TTL ratelimit:user:42\` counts down from 60. Setting a TTL in the same command as the value
leaves no moment where the key exists without one; \`INCR\`/\`INCRBY\` never lose an update, however many clients count at once.`,

  async setup({ admin }) {
    const client = admin();
    await client.del('product:1001', 'ratelimit:user:42');
    await client.set('page:home:views', String(STARTING_VIEWS));
  },

  async check({ admin }) {
    const client = admin();
    const checks: Condition[] = [];

    const productType = await expectType(client, 'product:1001', 'string', "Create it with SET product:1001 '<json>' EX 300.");
    checks.push(productType);
    if (productType.passed) {
      const value = (await client.get('product:1001')) ?? '';
      checks.push(
        sameJson(value, PRODUCT)
          ? pass('`product:1001` holds the product', '`product:1001` holds the Travel mug JSON.')
          : fail('`product:1001` holds the product', `\`product:1001\` holds ${JSON.stringify(value)}; expected the JSON ${JSON.stringify(PRODUCT)}.`),
      );
      const ttl = await client.ttl('product:1001');
      checks.push(
        ttl > 0 && ttl <= 300
          ? pass('`product:1001` has a TTL of at most 300 s', `\`product:1001\` expires in ${ttl} s.`)
          : fail(
              '`product:1001` has a TTL of at most 300 s',
              `\`product:1001\` ${describeTtl(ttl)}; a cache entry needs an expiry of at most 300 s (SET ... EX 300, or EXPIRE product:1001 300).`,
            ),
      );
    }

    const expectedViews = STARTING_VIEWS + NEW_VIEWS;
    const viewsType = await expectType(client, 'page:home:views', 'string', 'It held 41 views; run `lab reset` to get them back.');
    if (!viewsType.passed) checks.push(viewsType);
    else {
      const views = await client.get('page:home:views');
      if (views === String(expectedViews)) {
        checks.push(pass('`page:home:views` counts 52', `\`page:home:views\` is ${expectedViews}: 41 earlier views plus your 11.`));
      } else if (views === String(NEW_VIEWS) || views === String(NEW_VIEWS - 1) || views === '1' || views === '10') {
        checks.push(
          fail('`page:home:views` counts 52', `\`page:home:views\` is ${views}: SET replaced the 41 views already counted. Use INCR and INCRBY, which add to the current value.`),
        );
      } else {
        checks.push(fail('`page:home:views` counts 52', `\`page:home:views\` is ${views}; expected ${expectedViews} (the 41 views it had plus 1 with INCR and 10 with INCRBY).`));
      }
    }

    const limitType = await expectType(client, 'ratelimit:user:42', 'string', 'Create it with SET ratelimit:user:42 0 EX 60 NX, then INCR it.');
    checks.push(limitType);
    if (limitType.passed) {
      const count = await client.get('ratelimit:user:42');
      checks.push(
        count === '3'
          ? pass('`ratelimit:user:42` counted 3 requests', '`ratelimit:user:42` counted 3 requests.')
          : fail('`ratelimit:user:42` counted 3 requests', `\`ratelimit:user:42\` is ${JSON.stringify(count)}; expected 3 after three requests (INCR it once per request).`),
      );
      const ttl = await client.ttl('ratelimit:user:42');
      checks.push(
        ttl > 0 && ttl <= 60
          ? pass('`ratelimit:user:42` expires within 60 s', `\`ratelimit:user:42\` resets in ${ttl} s.`)
          : fail(
              '`ratelimit:user:42` expires within 60 s',
              ttl === -1
                ? '`ratelimit:user:42` has no TTL (-1), so the window never resets and user 42 stays blocked forever. Create it with SET ratelimit:user:42 0 EX 60 NX before the INCRs (or EXPIRE it).'
                : `\`ratelimit:user:42\` ${describeTtl(ttl)}; the window should be 60 s at most.`,
            ),
      );
    }
    return checks;
  },

  examples: {
    correct: [
      [
        `SET product:1001 '{"name":"Travel mug","price_cents":1299}' EX 300`,
        'INCR page:home:views',
        'INCRBY page:home:views 10',
        'SET ratelimit:user:42 0 EX 60 NX',
        'INCR ratelimit:user:42',
        'INCR ratelimit:user:42',
        'INCR ratelimit:user:42',
      ],
      [
        `SET product:1001 '{"price_cents": 1299, "name": "Travel mug"}'`,
        'EXPIRE product:1001 240',
        'INCRBY page:home:views 11',
        'INCR ratelimit:user:42',
        'EXPIRE ratelimit:user:42 60 NX',
        'INCR ratelimit:user:42',
        'INCR ratelimit:user:42',
      ],
    ],
    mistakes: [
      {
        lines: [
          `SET product:1001 '{"name":"Travel mug","price_cents":1299}'`,
          'INCRBY page:home:views 11',
          'SET ratelimit:user:42 0 EX 60 NX',
          'INCR ratelimit:user:42',
          'INCR ratelimit:user:42',
          'INCR ratelimit:user:42',
        ],
        expect: /`product:1001` has no TTL \(-1\)/,
      },
      {
        lines: [
          `SET product:1001 '{"name":"Travel mug","price_cents":1299}' EX 300`,
          'SET page:home:views 11',
          'SET ratelimit:user:42 0 EX 60 NX',
          'INCR ratelimit:user:42',
          'INCR ratelimit:user:42',
          'INCR ratelimit:user:42',
        ],
        expect: /is 11: SET replaced the 41 views/,
      },
      {
        lines: [
          `SET product:1001 '{"name":"Travel mug","price_cents":1299}' EX 300`,
          'INCRBY page:home:views 11',
          'INCR ratelimit:user:42',
          'INCR ratelimit:user:42',
          'INCR ratelimit:user:42',
        ],
        expect: /`ratelimit:user:42` has no TTL \(-1\), so the window never resets/,
      },
      {
        lines: [
          'HSET product:1001 name "Travel mug" price_cents 1299',
          'EXPIRE product:1001 300',
          'INCRBY page:home:views 11',
          'SET ratelimit:user:42 0 EX 60 NX',
          'INCR ratelimit:user:42',
          'INCR ratelimit:user:42',
          'INCR ratelimit:user:42',
        ],
        expect: /expected `product:1001` to be a string; it is a hash/,
      },
    ],
  },
});
