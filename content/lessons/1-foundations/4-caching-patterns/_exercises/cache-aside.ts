/**
 * @module Exercise cache-aside: a full cache whose default policy (volatile-lru) cannot evict anything, fixed with a
 * parameter-group change to allkeys-lru, then cache-aside by hand: read (miss), load, SET with a TTL, read again (hit).
 */
import { describeTtl, expectType, fail, infoField, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { fillToTheLimit } from '../../../../../src/exercises/fill-to-the-limit.ts';
import { readParameter } from '../../../../../src/exercises/node-parameters.ts';

/** What the pretend database returns for each product (shown in the instructions). */
const PRODUCTS: Record<string, object> = {
  'cache:product:42': { id: 42, name: 'Desk lamp', price_cents: 3499 },
  'cache:product:7': { id: 7, name: 'Notebook', price_cents: 499 },
  'cache:product:13': { id: 13, name: 'Travel mug', price_cents: 1299 },
};
const MIN_TTL = 60;
const MAX_TTL = 3600;

function sameJson(text: string, expected: object): boolean {
  try {
    const keys = Object.keys(expected).sort();
    return JSON.stringify(JSON.parse(text), keys) === JSON.stringify(expected, keys);
  } catch {
    return false;
  }
}

export default defineExercise({
  id: 'cache-aside',
  title: 'Cache-aside on a full cache: TTLs and allkeys-lru',
  lesson: '1-foundations/4-caching-patterns',
  spec: { topology: 'single' },
  points: 20,
  hints: [
    'Try a write first: `SET cache:product:42 x EX 300` fails with OOM. `INFO memory` shows maxmemory_policy: the old report keys have no TTL, so volatile-lru has nothing it may evict.',
    'CONFIG is restricted here, as on ElastiCache; change the parameter group instead: `lab param maxmemory-policy allkeys-lru`.',
    "Cache-aside, for each product: `GET cache:product:42` (nil: a miss), take the row from the database table, `SET cache:product:42 '<json>' EX 300`, then `GET` it again (a hit).",
    'The check counts keyspace_misses and keyspace_hits in `INFO stats`: at least one miss and one hit per product.',
  ],
  solution: `\`\`\`text
lab param maxmemory-policy allkeys-lru
GET cache:product:42
SET cache:product:42 '{"id":42,"name":"Desk lamp","price_cents":3499}' EX 300
GET cache:product:42
GET cache:product:7
SET cache:product:7 '{"id":7,"name":"Notebook","price_cents":499}' EX 300
GET cache:product:7
GET cache:product:13
SET cache:product:13 '{"id":13,"name":"Travel mug","price_cents":1299}' EX 300
GET cache:product:13
\`\`\`

The node was full of keys without a TTL. Under the default volatile-lru only keys with a TTL may be evicted, so every write
failed with OOM. A pure cache whose entries can all be reloaded from the database should use allkeys-lru: the least recently
used keys make room for new ones. Each entry gets a TTL (here 300 s, better with some jitter), so stale data ages out on its own.`,

  async setup({ admin, sandbox }) {
    const client = admin();
    await client.call('CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru');
    await client.del(...Object.keys(PRODUCTS));
    await fillToTheLimit(sandbox, client, { prefix: 'report:legacy:', keys: 2000, valueBytes: 1000 });
    await client.call('CONFIG', 'RESETSTAT');
  },

  async check({ admin, sandbox }) {
    const client = admin();
    // Counters first: the check's own reads below would count as hits and misses.
    const hits = Number(await infoField(client, 'stats', 'keyspace_hits'));
    const misses = Number(await infoField(client, 'stats', 'keyspace_misses'));
    const checks: Condition[] = [];
    const policy = await readParameter(sandbox, 'maxmemory-policy');
    if (policy === 'allkeys-lru') checks.push(pass('the eviction policy is allkeys-lru', 'maxmemory-policy is allkeys-lru: old keys make room for new ones.'));
    else if (policy === 'volatile-lru' || policy === 'noeviction') {
      checks.push(
        fail(
          'the eviction policy is allkeys-lru',
          `maxmemory-policy is still ${policy}: the node is full of keys without a TTL, so nothing can be evicted and writes fail with OOM. Change the parameter group: lab param maxmemory-policy allkeys-lru.`,
        ),
      );
    } else {
      checks.push(fail('the eviction policy is allkeys-lru', `maxmemory-policy is ${policy}; a pure cache that can reload everything from the database should use allkeys-lru.`));
    }

    const wrongTtl: string[] = [];
    for (const [key, row] of Object.entries(PRODUCTS)) {
      const isString = await expectType(client, key, 'string', `Cache it after the miss: SET ${key} '<json>' EX 300.`);
      if (!isString.passed) {
        checks.push(isString);
        continue;
      }
      const value = (await client.get(key)) ?? '';
      checks.push(
        sameJson(value, row)
          ? pass(`\`${key}\` holds the database row`, `\`${key}\` holds the row from the database.`)
          : fail(`\`${key}\` holds the database row`, `\`${key}\` holds ${JSON.stringify(value)}; expected the database row ${JSON.stringify(row)}.`),
      );
      const ttl = await client.ttl(key);
      if (ttl < MIN_TTL || ttl > MAX_TTL) wrongTtl.push(`\`${key}\` ${describeTtl(ttl)}`);
    }
    checks.push(
      wrongTtl.length === 0
        ? pass('every cache entry has a TTL', `Every cache entry expires within ${MIN_TTL}-${MAX_TTL} s.`)
        : fail('every cache entry has a TTL', `${wrongTtl.join('; ')}. Give each entry a TTL between ${MIN_TTL} and ${MAX_TTL} s (SET ... EX 300), so stale data ages out.`),
    );

    const products = Object.keys(PRODUCTS).length;
    checks.push(
      misses >= products
        ? pass('each product was a miss first', `The cache counted ${misses} misses: each product was read from the cache before it was loaded.`)
        : fail(
            'each product was a miss first',
            `The cache counted ${misses} cache misses; cache-aside starts every read with GET on the cache, so each of the ${products} products should miss once before you SET it.`,
          ),
    );
    checks.push(
      hits >= products
        ? pass('each product was a hit afterwards', `The cache counted ${hits} hits: the next reads were served from memory.`)
        : fail('each product was a hit afterwards', `The cache counted ${hits} hits; read each product again after caching it: that read should be a hit.`),
    );
    return checks;
  },

  examples: {
    correct: [
      [
        'lab param maxmemory-policy allkeys-lru',
        'GET cache:product:42',
        `SET cache:product:42 '{"id":42,"name":"Desk lamp","price_cents":3499}' EX 300`,
        'GET cache:product:42',
        'GET cache:product:7',
        `SET cache:product:7 '{"id":7,"name":"Notebook","price_cents":499}' EX 300`,
        'GET cache:product:7',
        'GET cache:product:13',
        `SET cache:product:13 '{"id":13,"name":"Travel mug","price_cents":1299}' EX 300`,
        'GET cache:product:13',
      ],
      [
        'lab param',
        'lab param maxmemory-policy allkeys-lru',
        'MGET cache:product:42 cache:product:7 cache:product:13',
        `SETEX cache:product:42 3412 '{"name":"Desk lamp","id":42,"price_cents":3499}'`,
        `SET cache:product:7 '{"id": 7, "name": "Notebook", "price_cents": 499}' EX 3533`,
        `SET cache:product:13 '{"id":13,"name":"Travel mug","price_cents":1299}' PX 3300000`,
        'MGET cache:product:42 cache:product:7 cache:product:13',
      ],
    ],
    mistakes: [
      {
        lines: [
          'GET cache:product:42',
          `SET cache:product:42 '{"id":42,"name":"Desk lamp","price_cents":3499}' EX 300`,
          'GET cache:product:7',
          `SET cache:product:7 '{"id":7,"name":"Notebook","price_cents":499}' EX 300`,
        ],
        expect: /maxmemory-policy is still volatile-lru/,
      },
      {
        lines: [
          'lab param maxmemory-policy allkeys-lru',
          'GET cache:product:42',
          `SET cache:product:42 '{"id":42,"name":"Desk lamp","price_cents":3499}'`,
          'GET cache:product:42',
          'GET cache:product:7',
          `SET cache:product:7 '{"id":7,"name":"Notebook","price_cents":499}'`,
          'GET cache:product:7',
          'GET cache:product:13',
          `SET cache:product:13 '{"id":13,"name":"Travel mug","price_cents":1299}'`,
          'GET cache:product:13',
        ],
        expect: /`cache:product:42` has no TTL \(-1\)/,
      },
      {
        lines: [
          'lab param maxmemory-policy allkeys-lru',
          `SET cache:product:42 '{"id":42,"name":"Desk lamp","price_cents":3499}' EX 300`,
          `SET cache:product:7 '{"id":7,"name":"Notebook","price_cents":499}' EX 300`,
          `SET cache:product:13 '{"id":13,"name":"Travel mug","price_cents":1299}' EX 300`,
          'GET cache:product:42',
          'GET cache:product:7',
          'GET cache:product:13',
        ],
        expect: /counted 0 cache misses; cache-aside starts every read with GET/,
      },
      {
        lines: [
          'lab param maxmemory-policy allkeys-random',
          'GET cache:product:42',
          `SET cache:product:42 '{"id":42,"name":"Desk lamp","price_cents":3499}' EX 300`,
          'GET cache:product:42',
          'GET cache:product:7',
          `SET cache:product:7 '{"id":7,"name":"Notebook","price_cents":499}' EX 300`,
          'GET cache:product:7',
          'GET cache:product:13',
          `SET cache:product:13 '{"id":13,"name":"Travel mug","price_cents":1299}' EX 300`,
          'GET cache:product:13',
        ],
        expect: /maxmemory-policy is allkeys-random; a pure cache/,
      },
    ],
  },
});
