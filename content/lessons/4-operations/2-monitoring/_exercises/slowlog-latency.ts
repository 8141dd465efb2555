/**
 * @module Exercise slowlog-latency: the platform replays a workload as two named clients (orders-api and a reporting
 * job); the learner finds the orders-api's slow command in SLOWLOG and records it. The check reads the same slow log.
 */
import type { Redis } from 'ioredis';
import { expectType, fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const ANSWER = 'answer:slow-command';
const APP_CLIENT = 'orders-api';
const JOB_CLIENT = 'reporting-job';
const LIST = 'catalog:ids';
const LIST_LENGTH = 100_000;
/** A report that loops for a few tens of milliseconds: slow, and often the slowest entry, but not the application's. */
const JOB_SCRIPT = 'local x = 0 for i = 1, 10000000 do x = x + i end return x';

interface SlowEntry {
  id: number;
  micros: number;
  args: string[];
  client: string;
}

async function slowEntries(admin: Redis): Promise<SlowEntry[]> {
  const raw = (await admin.call('SLOWLOG', 'GET', '128')) as Array<[number, number, number, string[], string, string]>;
  return raw.map(([id, , micros, args, , client]) => ({ id, micros, args: args.map(String), client: String(client) }));
}

async function runAs(admin: Redis, name: string, run: (client: Redis) => Promise<void>): Promise<void> {
  const client = admin.duplicate({ connectionName: name });
  client.on('error', () => {});
  try {
    await run(client);
  } finally {
    client.disconnect();
  }
}

/** The orders-api's slowest command still in the slow log, as "COMMAND key". */
async function plantedAnswer(admin: Redis): Promise<SlowEntry | undefined> {
  const mine = (await slowEntries(admin)).filter((e) => e.client === APP_CLIENT);
  return mine.sort((a, b) => b.micros - a.micros)[0];
}

export default defineExercise({
  id: 'slowlog-latency',
  title: 'SLOWLOG: find the command that blocks the orders API',
  lesson: '4-operations/2-monitoring',
  spec: { topology: 'single' },
  points: 15,
  hints: [
    '`SLOWLOG LEN` says how many slow entries there are; `SLOWLOG GET 10` shows the newest ten.',
    'Each entry holds an id, a Unix time, the execution time in microseconds, the command with its arguments, the client address and the client name (set with CLIENT SETNAME).',
    'Two clients produced slow entries. Only the ones named orders-api matter here, however slow the other client was.',
    'Record the command name and its key, e.g. `SET answer:slow-command "HGETALL some:key"`. Do not reset the slow log before the check: it reads the same entries.',
  ],
  solution: `\`\`\`text
SLOWLOG LEN
SLOWLOG GET 10
SET answer:slow-command "SORT catalog:ids"
\`\`\`

The orders API sorts a 100,000-element list on every request: \`SORT catalog:ids\` runs for tens of milliseconds, and because the
engine runs one command at a time, every other client waits that long. The EVAL entry came from the reporting job, whatever its
duration, so it is not the answer. Fixes: keep the list sorted as it is written (a sorted set), cache the sorted result, or page through it instead of sorting all of it.
\`INFO commandstats\` (usec_per_call) and \`LATENCY HISTOGRAM sort\` show the same cost from other angles.`,

  async setup({ admin }) {
    const client = admin();
    await client.call('CONFIG', 'SET', 'slowlog-log-slower-than', '10000');
    await client.del(ANSWER, LIST, 'order:5001', 'session:orders-api');
    let seed = 42;
    for (let start = 0; start < LIST_LENGTH; start += 10_000) {
      const values: string[] = [];
      for (let i = 0; i < 10_000; i += 1) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        values.push(String(seed % 1_000_000));
      }
      await client.rpush(LIST, ...values);
    }
    await client.hset('order:5001', { sku: 'sku-42', qty: '2', status: 'paid' });
    await client.set('session:orders-api', 'warm');
    await client.call('SLOWLOG', 'RESET');
    await runAs(client, JOB_CLIENT, async (job) => {
      await job.call('EVAL', JOB_SCRIPT, '0');
    });
    await runAs(client, APP_CLIENT, async (app) => {
      // A machine can be fast enough that one SORT stays under 10 ms; repeat until the slow log has it (bounded).
      for (let attempt = 0; attempt < 5 && !(await plantedAnswer(client)); attempt += 1) {
        await app.hgetall('order:5001');
        await app.get('session:orders-api');
        await app.call('SORT', LIST);
        await app.lrange(LIST, 0, 9);
      }
    });
    if (!(await plantedAnswer(client))) throw new Error('slowlog-latency setup: the workload did not reach the slow log; check slowlog-log-slower-than.');
  },

  async check({ admin }) {
    const client = admin();
    const checks: Condition[] = [];
    const planted = await plantedAnswer(client);
    if (!planted) {
      return [
        fail(
          'the workload is still in the slow log',
          `The slow log no longer holds the ${APP_CLIENT} entries (SLOWLOG RESET, or more than 128 newer slow commands). Run \`lab reset\` to replay the workload, then look again before resetting anything.`,
        ),
      ];
    }
    checks.push(pass('the workload is still in the slow log', `The slow log still holds the ${APP_CLIENT} entries.`));
    const isString = await expectType(client, ANSWER, 'string', `Record your finding: SET ${ANSWER} "<COMMAND> <key>".`);
    if (!isString.passed) return [...checks, isString];

    const answer = ((await client.get(ANSWER)) ?? '').trim().split(/\s+/);
    const [command = '', key] = answer;
    const expectedCommand = planted.args[0]!.toUpperCase();
    const expectedKey = planted.args[1];
    const job = (await slowEntries(client)).find((e) => e.client === JOB_CLIENT && e.args[0]?.toUpperCase() === command.toUpperCase());
    if (command.toUpperCase() !== expectedCommand) {
      checks.push(
        fail(
          'the slow command is identified',
          job
            ? `${command.toUpperCase()} came from the ${JOB_CLIENT} client, not ${APP_CLIENT}: the last field of each SLOWLOG entry names the client.`
            : `\`${ANSWER}\` names ${command.toUpperCase() || 'nothing'}, but that is not the ${APP_CLIENT}'s slowest command. In SLOWLOG GET the third field is the duration in microseconds and the last one the client name.`,
        ),
      );
    } else if (key !== undefined && key !== expectedKey) {
      checks.push(fail('the slow command is identified', `${expectedCommand} is right, but it did not run on \`${key}\`; copy the key from the slow log entry.`));
    } else {
      checks.push(
        pass('the slow command is identified', `${expectedCommand} ${expectedKey} took ${(planted.micros / 1000).toFixed(1)} ms and blocked every other client meanwhile.`),
      );
    }
    return checks;
  },

  examples: {
    correct: [
      ['SLOWLOG LEN', 'SLOWLOG GET 10', 'SET answer:slow-command "SORT catalog:ids"'],
      ['SLOWLOG GET', 'INFO commandstats', 'LATENCY HISTOGRAM sort eval', 'SET answer:slow-command sort'],
    ],
    mistakes: [
      { lines: ['SLOWLOG GET 1', 'SET answer:slow-command EVAL'], expect: /EVAL came from the reporting-job client, not orders-api/ },
      { lines: ['SLOWLOG GET 10', 'SLOWLOG RESET', 'SET answer:slow-command "SORT catalog:ids"'], expect: /The slow log no longer holds the orders-api entries/ },
      { lines: ['SLOWLOG GET 10', 'SET answer:slow-command "SORT orders"'], expect: /SORT is right, but it did not run on `orders`/ },
      { lines: ['INFO commandstats', 'SET answer:slow-command HGETALL'], expect: /names HGETALL, but that is not the orders-api's slowest command/ },
    ],
  },
});
