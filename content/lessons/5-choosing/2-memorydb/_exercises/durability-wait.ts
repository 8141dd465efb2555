/** @module Guided exercise durability-wait: confirm with WAIT how many replicas hold a write, the guarantee MemoryDB gives by default. */
import { fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { commandCalls, healSandbox, resetStats } from '../../../../../src/exercises/support/heal-sandbox.ts';
import { withAdmin } from '../../../../../src/exercises/support/with-admin.ts';

export default defineExercise({
  id: 'durability-wait',
  title: 'How durable is an acknowledged write?',
  lesson: '5-choosing/2-memorydb',
  spec: { topology: 'replication', replicas: 2 },
  points: 10,
  hints: [
    'ElastiCache acknowledges a write as soon as the primary has it in memory. `WAIT <replicas> <timeout-ms>` blocks until that many replicas confirm the writes made so far on this connection, or the timeout passes, and returns how many did.',
    'Write `SET order:1001 paid`, then `WAIT 2 1000` on the same connection (the `$` prompt or one redis-cli session), and store the number WAIT returned: `SET answer:replicas-acked <number>`.',
  ],
  solution: `\`\`\`text
SET order:1001 paid
WAIT 2 1000
SET answer:replicas-acked 2
\`\`\`

WAIT answered 2: both replicas hold the order, so losing the primary now would not lose it. It is still not MemoryDB's guarantee:
MemoryDB acknowledges a write only after its Multi-AZ transaction log has stored it, so no acknowledged write is lost in a failover.
With ElastiCache you bound the risk per write with WAIT, which costs a round trip to the replicas and tells you when to retry.`,

  async setup({ sandbox, admin }) {
    await healSandbox(sandbox);
    const primary = admin();
    await primary.del('order:1001', 'answer:replicas-acked');
    await primary.call('WAIT', '2', '2000');
    await resetStats(sandbox);
  },

  async check({ sandbox, admin }) {
    const checks: Condition[] = [];
    const d = sandbox.describe();
    const primaryName = d.nodeGroups[0]!.primary!;
    const replicas = d.nodes.filter((n) => n.role === 'replica' && n.status === 'available');
    const order = await admin().get('order:1001');
    const copies = (await Promise.all(replicas.map((r) => withAdmin(sandbox, r.name, (c) => c.get('order:1001'))))).filter((v) => v === 'paid').length;
    if (order !== 'paid') {
      checks.push(fail('`order:1001` is paid on the primary and every replica', `order:1001 is ${JSON.stringify(order)} on the primary; write it with SET order:1001 paid.`));
    } else {
      checks.push(
        copies === replicas.length
          ? pass('`order:1001` is paid on the primary and every replica', `The primary and all ${replicas.length} replicas hold order:1001 = paid.`)
          : fail('`order:1001` is paid on the primary and every replica', `Only ${copies} of ${replicas.length} replicas hold order:1001 yet; wait a moment and check again.`),
      );
    }
    const waits = await commandCalls(sandbox, primaryName, 'wait');
    const answer = await admin().get('answer:replicas-acked');
    const name = '`answer:replicas-acked` is what WAIT returned';
    if (waits === 0) {
      checks.push(fail(name, 'You have not run WAIT on the primary. After SET order:1001 paid, run WAIT 2 1000 on the same connection.'));
    } else if (answer === null) {
      checks.push(fail(name, 'answer:replicas-acked does not exist. Store the number WAIT returned: SET answer:replicas-acked <number>.'));
    } else if (answer.trim() === String(replicas.length)) {
      checks.push(pass(name, `WAIT confirmed ${replicas.length} replicas: the write would survive the loss of the primary.`));
    } else if (Number(answer) > replicas.length) {
      checks.push(fail(name, `answer:replicas-acked is ${answer}, but this group has only ${replicas.length} replicas: WAIT returns how many replicas acknowledged, not how many you asked for.`));
    } else {
      checks.push(fail(name, `answer:replicas-acked is ${JSON.stringify(answer)}; with both replicas healthy WAIT 2 1000 returns ${replicas.length}. Run it again right after the write and copy its reply.`));
    }
    return checks;
  },

  examples: {
    correct: [
      ['SET order:1001 paid', 'WAIT 2 1000', 'SET answer:replicas-acked {{re:\\(integer\\) (\\d+)\\s*$}}'],
      ['SET order:1001 paid', 'WAIT 3 300', 'SET answer:replicas-acked {{re:\\(integer\\) (\\d+)\\s*$}}', 'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET order:1001'],
    ],
    mistakes: [
      { lines: ['SET order:1001 paid', 'SET answer:replicas-acked 2'], expect: /You have not run WAIT on the primary/ },
      { lines: ['SET order:1001 paid', 'WAIT 3 300', 'SET answer:replicas-acked 3'], expect: /not how many you asked for/ },
      { lines: ['SET order:1001 pending', 'WAIT 2 1000', 'SET answer:replicas-acked 2'], expect: /order:1001 is "pending" on the primary/ },
    ],
  },
});
