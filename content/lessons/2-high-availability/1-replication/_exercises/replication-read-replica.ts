/** @module Exercise replication-read-replica: write on the primary, read through the reader endpoint, record ROLE and the replica's offset. */
import { fail, infoField, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { commandCalls, healSandbox, resetStats } from '../../../../../src/exercises/support/heal-sandbox.ts';
import { withAdmin } from '../../../../../src/exercises/support/with-admin.ts';

/** The primary's replication offset when setup finished: a recorded replica offset cannot be older. */
const offsetAtSetup = new Map<string, number>();

const ROLE_WORDS = new Set(['slave', 'replica']);
/** Reads of a string; never replicated from the primary, so every call on a replica is a client's read. */
const READS = ['get', 'mget', 'getrange'];

export default defineExercise({
  id: 'replication-read-replica',
  title: 'Read from a replica and measure how far behind it is',
  lesson: '2-high-availability/1-replication',
  spec: { topology: 'replication', replicas: 2 },
  points: 15,
  hints: [
    'Commands at the `$` prompt go to the primary endpoint. To reach a replica, connect through the reader endpoint: `redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning <command>`.',
    '`ROLE` on a replica answers with five items: the word for its role, its primary\'s host and port, the link state and the replication offset it has processed. `INFO replication` shows the same as `role:` and `slave_repl_offset:`.',
    'Record what you saw on the primary (the `$` prompt is fine): `SET answer:role <the first word ROLE printed>` and `SET answer:replica-offset <the offset number>`. Writes go to the primary; replicas refuse them with READONLY.',
  ],
  solution: `Write on the primary, then read through the reader endpoint, which hands out a replica:

\`\`\`text
SET greeting "hello from the primary"
redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET greeting
redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning ROLE
\`\`\`

ROLE on the replica prints \`slave\`, the primary's address, \`connected\` and the offset the replica has applied, e.g. \`(integer) 5320\`.
Record both (at the \`$\` prompt, i.e. on the primary):

\`\`\`text
SET answer:role slave
SET answer:replica-offset 5320
\`\`\`

Compare it with \`INFO replication\` on the primary: \`master_repl_offset\` minus the replica's offset is the lag in bytes, usually 0 or a
few bytes because replication is asynchronous but fast. \`redis-cli -h $READER ... INFO replication\` (\`role:slave\`, \`slave_repl_offset\`) works just as well.`,

  async setup({ sandbox, admin }) {
    await healSandbox(sandbox);
    const primary = admin();
    await primary.del('greeting', 'answer:role', 'answer:replica-offset');
    await primary.call('WAIT', '2', '2000');
    await resetStats(sandbox);
    offsetAtSetup.set(sandbox.id, Number(await infoField(primary, 'replication', 'master_repl_offset')));
  },

  async check({ sandbox, admin }) {
    const checks: Condition[] = [];
    const primary = admin();
    const d = sandbox.describe();
    const replicas = d.nodes.filter((n) => n.role === 'replica' && n.status === 'available');

    const type = await primary.type('greeting');
    const greeting = type === 'string' ? await primary.get('greeting') : null;
    if (type === 'none') {
      checks.push(fail('`greeting` written on the primary', '`greeting` does not exist on the primary. Write it at the `$` prompt (the primary endpoint): SET greeting "hello from the primary".'));
    } else if (type !== 'string') {
      checks.push(fail('`greeting` written on the primary', `\`greeting\` is a ${type}; store a plain string with SET greeting <text> (DEL greeting first).`));
    } else {
      checks.push(pass('`greeting` written on the primary', `The primary holds greeting = ${JSON.stringify(greeting)}.`));
      const copies = await Promise.all(replicas.map((r) => withAdmin(sandbox, r.name, (c) => c.get('greeting'))));
      const behind = replicas.filter((_, i) => copies[i] !== greeting).map((r) => r.name);
      checks.push(
        behind.length === 0
          ? pass('`greeting` replicated', `Both replicas (${replicas.map((r) => r.name).join(', ')}) hold the same greeting.`)
          : fail('`greeting` replicated', `Replica(s) ${behind.join(', ')} do not hold the primary's greeting yet; wait a second and check again.`),
      );
    }

    const gets = await Promise.all(
      replicas.map(async (r) => ({
        node: r.name,
        calls: (await Promise.all(READS.map((command) => commandCalls(sandbox, r.name, command)))).reduce((a, b) => a + b, 0),
      })),
    );
    const reads = gets.filter((g) => g.calls > 0);
    checks.push(
      reads.length > 0
        ? pass('a read reached a replica', `Reads ran on ${reads.map((g) => `${g.node} (${g.calls}x)`).join(', ')}: a replica served your read.`)
        : fail(
            'a read reached a replica',
            'No GET has reached a replica since the exercise started: the `$` prompt talks to the primary endpoint. Read through the reader endpoint: redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET greeting',
          ),
    );

    const role = await primary.get('answer:role');
    if (role === null) {
      checks.push(fail('`answer:role` records ROLE on the reader endpoint', '`answer:role` does not exist. Run ROLE through the reader endpoint and store the first word it prints: SET answer:role <word>.'));
    } else if (ROLE_WORDS.has(role.trim().toLowerCase())) {
      checks.push(pass('`answer:role` records ROLE on the reader endpoint', `answer:role = ${JSON.stringify(role)}: the reader endpoint led you to a replica.`));
    } else if (role.trim().toLowerCase() === 'master') {
      checks.push(
        fail(
          '`answer:role` records ROLE on the reader endpoint',
          '`answer:role` is "master": that is what the primary says. Ask the reader endpoint instead: redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning ROLE',
        ),
      );
    } else {
      checks.push(fail('`answer:role` records ROLE on the reader endpoint', `\`answer:role\` is ${JSON.stringify(role)}; store the first word of ROLE's reply on a replica.`));
    }

    const recorded = await primary.get('answer:replica-offset');
    const now = Number(await infoField(primary, 'replication', 'master_repl_offset'));
    const floor = offsetAtSetup.get(sandbox.id) ?? 0;
    const name = '`answer:replica-offset` is a replica offset you observed';
    if (recorded === null) {
      checks.push(fail(name, '`answer:replica-offset` does not exist. Store the offset ROLE (5th item) or INFO replication (slave_repl_offset) printed on a replica.'));
    } else if (!/^\d+$/.test(recorded.trim())) {
      checks.push(fail(name, `\`answer:replica-offset\` is ${JSON.stringify(recorded)}; store just the number, e.g. SET answer:replica-offset 5320.`));
    } else {
      const offset = Number(recorded.trim());
      if (offset < floor) {
        checks.push(fail(name, `${offset} is older than the primary's offset when the exercise started (${floor}); read ROLE on a replica after writing greeting.`));
      } else if (offset > now) {
        checks.push(fail(name, `${offset} is ahead of the primary (master_repl_offset is ${now}); no replica can be ahead of its primary. Copy the offset from ROLE on a replica.`));
      } else {
        checks.push(pass(name, `Offset ${offset}: the primary is now at ${now}, so ${now - offset} bytes of writes (including your answers) came after you looked.`));
      }
    }
    return checks;
  },

  examples: {
    correct: [
      [
        'SET greeting "hello from the primary"',
        'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET greeting',
        'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning ROLE',
        'SET answer:role {{re:1\\) "(slave)"}}',
        'SET answer:replica-offset {{re:5\\) \\(integer\\) (\\d+)}}',
      ],
      [
        'redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning SET greeting hi',
        'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning',
        'GET greeting',
        'INFO replication',
        'exit',
        'SET answer:role {{re:role:(\\w+)}}',
        'SET answer:replica-offset {{re:slave_repl_offset:(\\d+)}}',
      ],
    ],
    mistakes: [
      {
        lines: ['SET greeting hello', 'GET greeting', 'ROLE', 'SET answer:role master', 'SET answer:replica-offset {{re:2\\) \\(integer\\) (\\d+)}}'],
        expect: /`answer:role` is "master": that is what the primary says/,
      },
      {
        lines: [
          'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning SET greeting hello',
          'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET greeting',
          'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning ROLE',
          'SET answer:role slave',
          'SET answer:replica-offset {{re:5\\) \\(integer\\) (\\d+)}}',
        ],
        expect: /`greeting` does not exist on the primary/,
      },
      {
        lines: [
          'SET greeting hello',
          'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET greeting',
          'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning ROLE',
          'SET answer:role slave',
          'SET answer:replica-offset connected',
        ],
        expect: /store just the number/,
      },
    ],
  },
});
