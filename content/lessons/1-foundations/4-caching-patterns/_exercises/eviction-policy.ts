/**
 * @module Exercise eviction-policy: on a full node, see noeviction refuse a write, switch to allkeys-lru through the
 * parameter group (`lab param`), watch evicted_keys grow and record it. The policy history comes from node-parameters.
 */
import { fail, infoField, parseInfo, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { fillToTheLimit } from '../../../../../src/exercises/fill-to-the-limit.ts';
import { parameterHistory, readParameter } from '../../../../../src/exercises/node-parameters.ts';

const ANSWER = 'answer:evicted-keys';
const NEW_KEY = 'page:new';

export default defineExercise({
  id: 'eviction-policy',
  title: 'Eviction policies: noeviction versus allkeys-lru',
  lesson: '1-foundations/4-caching-patterns',
  spec: { topology: 'single' },
  points: 20,
  hints: [
    'Policies are parameters of the parameter group: `lab param maxmemory-policy noeviction` (CONFIG SET is restricted, as on ElastiCache).',
    'Under noeviction a write on a full node fails: `SET page:new hello` answers "OOM command not allowed". Reads still work.',
    'Switch with `lab param maxmemory-policy allkeys-lru` and repeat the write: it succeeds because the least recently used keys were evicted to make room.',
    '`INFO stats` shows evicted_keys (CloudWatch calls it Evictions). Store the number you read: `SET answer:evicted-keys <number>`.',
  ],
  solution: `\`\`\`text
INFO memory
lab param maxmemory-policy noeviction
SET page:new hello
INFO stats
lab param maxmemory-policy allkeys-lru
SET page:new hello
INFO stats
SET answer:evicted-keys <the evicted_keys value you read>
\`\`\`

With noeviction the node refuses writes with an OOM error once used memory passes maxmemory: nothing is lost, but the application
sees errors. With allkeys-lru the same write succeeds and the least recently used keys are removed to make room; evicted_keys
(the Evictions metric) counts them. Alarm on Evictions together with the hit rate: evictions and a falling hit rate mean the
working set no longer fits.`,

  async setup({ admin, sandbox }) {
    const client = admin();
    await client.call('CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru');
    await client.del(ANSWER, NEW_KEY);
    await fillToTheLimit(sandbox, client, { prefix: 'page:cached:', keys: 2000, valueBytes: 1000 });
    await client.call('CONFIG', 'RESETSTAT');
  },

  async check({ admin, sandbox }) {
    const client = admin();
    const checks: Condition[] = [];
    const stats = parseInfo(await client.info('stats'));
    const evicted = Number(stats.get('evicted_keys') ?? 0);
    const oomErrors = Number(/count=(\d+)/.exec((await infoField(client, 'errorstats', 'errorstat_OOM')) ?? '')?.[1] ?? 0);
    const history = parameterHistory(sandbox.id).filter((c) => c.name === 'maxmemory-policy');

    if (!history.some((c) => c.value === 'noeviction')) {
      checks.push(fail('noeviction was tried', 'You never switched to noeviction. Try it first: lab param maxmemory-policy noeviction, then write a key.'));
    } else if (oomErrors === 0) {
      checks.push(fail('noeviction was tried', 'No write was refused with OOM yet: under noeviction, write a key (SET page:new hello) and read the error.'));
    } else {
      checks.push(pass('noeviction was tried', `Under noeviction the node refused ${oomErrors} write(s) with OOM.`));
    }

    const policy = await readParameter(sandbox, 'maxmemory-policy');
    checks.push(
      policy === 'allkeys-lru'
        ? pass('the policy is now allkeys-lru', 'maxmemory-policy is allkeys-lru.')
        : fail('the policy is now allkeys-lru', `maxmemory-policy is ${policy}; finish with lab param maxmemory-policy allkeys-lru, so writes succeed again.`),
    );
    checks.push(
      (await client.exists(NEW_KEY)) === 1
        ? pass('the write was accepted', `\`${NEW_KEY}\` was written.`)
        : fail('the write was accepted', `\`${NEW_KEY}\` does not exist; after switching to allkeys-lru, SET ${NEW_KEY} hello again.`),
    );
    checks.push(
      evicted > 0
        ? pass('keys were evicted', `evicted_keys is ${evicted}.`)
        : fail('keys were evicted', 'evicted_keys is 0: no key has been evicted yet. Write under allkeys-lru to make the node evict.'),
    );

    const answer = await client.get(ANSWER).catch(() => null);
    if (answer === null) {
      checks.push(fail(`\`${ANSWER}\` records the evictions`, `\`${ANSWER}\` does not exist; SET it to the evicted_keys value from INFO stats (set it again if it was evicted).`));
    } else if (!/^\d+$/.test(answer.trim())) {
      checks.push(fail(`\`${ANSWER}\` records the evictions`, `\`${ANSWER}\` is ${JSON.stringify(answer)}; store just the number of evicted_keys.`));
    } else if (Number(answer) === 0) {
      checks.push(fail(`\`${ANSWER}\` records the evictions`, `\`${ANSWER}\` is 0: that was read before anything was evicted. Read evicted_keys again after the write under allkeys-lru.`));
    } else if (Number(answer) > evicted) {
      checks.push(fail(`\`${ANSWER}\` records the evictions`, `\`${ANSWER}\` is ${answer}, but only ${evicted} keys have been evicted; copy evicted_keys from INFO stats.`));
    } else {
      checks.push(pass(`\`${ANSWER}\` records the evictions`, `\`${ANSWER}\` is ${answer} (evicted_keys is now ${evicted}).`));
    }
    return checks;
  },

  examples: {
    correct: [
      [
        'INFO memory',
        'lab param maxmemory-policy noeviction',
        'SET page:new hello',
        'INFO stats',
        'lab param maxmemory-policy allkeys-lru',
        'SET page:new hello',
        'INFO stats',
        'SET answer:evicted-keys 1',
      ],
      [
        'lab param maxmemory-policy noeviction',
        'redis-benchmark -h $PRIMARY -q -n 200 -c 2 -d 1000 -t set',
        'lab param maxmemory-policy allkeys-lru',
        'redis-benchmark -h $PRIMARY -q -n 2000 -c 2 -d 1000 -r 100000 -t set',
        'SET page:new hello',
        'SET answer:evicted-keys 100',
        'INFO stats',
      ],
    ],
    mistakes: [
      {
        lines: ['lab param maxmemory-policy allkeys-lru', 'SET page:new hello', 'SET answer:evicted-keys 1'],
        expect: /You never switched to noeviction/,
      },
      {
        lines: ['lab param maxmemory-policy noeviction', 'SET page:new hello', 'INFO stats', 'SET answer:evicted-keys 0'],
        expect: /maxmemory-policy is noeviction; finish with lab param maxmemory-policy allkeys-lru/,
      },
      {
        lines: [
          'lab param maxmemory-policy noeviction',
          'SET page:new hello',
          'INFO stats',
          'lab param maxmemory-policy allkeys-lru',
          'SET answer:evicted-keys 0',
          'SET page:new hello',
        ],
        expect: /`answer:evicted-keys` is 0: that was read before anything was evicted/,
      },
    ],
  },
});
