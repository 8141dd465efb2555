/** @module Exercise failover-drill: write a key, kill the primary, watch the primary endpoint move, prove the key survived. */
import { fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { CommandWatcher } from '../../../../../src/exercises/support/command-watcher.ts';
import { clock, completedFailovers, eventsSince, failures } from '../../../../../src/exercises/support/event-timeline.ts';
import { healSandbox } from '../../../../../src/exercises/support/heal-sandbox.ts';

const KEY = 'drill:before';
const WRITES = new Set(['SET', 'SETNX', 'SETEX', 'PSETEX', 'MSET', 'MSETNX', 'GETSET', 'APPEND', 'INCR', 'INCRBY', 'HSET', 'HMSET', 'LPUSH', 'RPUSH', 'SADD', 'ZADD', 'XADD']);

export default defineExercise({
  id: 'failover-drill',
  title: 'Failover drill: kill the primary and prove nothing was lost',
  lesson: '2-high-availability/2-failover',
  spec: { topology: 'replication', replicas: 2 },
  points: 20,
  hints: [
    'Order matters: first write `drill:before` on the primary (the `$` prompt), then make the primary fail. A key written after the failover proves nothing about the failover.',
    '`lab status` names the current primary. `lab kill primary` (or `lab kill <its name>`) kills it with SIGKILL, like a host failure; `lab failover` (ElastiCache\'s TestFailover) does the same and then brings the old node back as a replica.',
    'A failover takes a few seconds: run `lab events` until you see "Failover to replica node ... completed", then `lab status` shows the primary endpoint on a different node.',
    '`WAIT 2 1000` right after the write tells you both replicas had the key before you pulled the plug.',
  ],
  solution: `Write, confirm it reached the replicas, then fail the primary:

\`\`\`text
lab status
SET drill:before "written before the failover"
WAIT 2 1000
lab kill primary
lab events
\`\`\`

(\`lab kill primary\` kills the node that is primary now; its name from \`lab status\` works too, and so does \`lab failover\`.) Run \`lab events\` until
"Failover to replica node ... completed" appears. Then:

\`\`\`text
lab status
GET drill:before
\`\`\`

The primary endpoint now resolves to the promoted replica, and \`drill:before\` is still there because WAIT showed that both replicas had
it before the old primary died. Writes acknowledged only by the primary in the last moment before a crash could have been lost:
that is the next exercise, lost-writes-wait.`,

  async setup({ sandbox, admin }) {
    await healSandbox(sandbox);
    await admin().del(KEY, 'drill:after');
  },

  async listen(sandbox) {
    return new CommandWatcher(sandbox, (command, args) => WRITES.has(command) && args.includes(KEY)).ready();
  },

  async check({ sandbox, learner, listener }) {
    const checks: Condition[] = [];
    if (!(listener instanceof CommandWatcher) || !listener.primaryAtStart) {
      return [fail('the drill was watched from the start', 'The platform lost track of this drill (it was restarted). Run `lab reset` and do the drill again.')];
    }
    const startPrimary = listener.primaryAtStart;
    const events = eventsSince(sandbox.events(), listener.startedAt);
    const failed = failures(events);
    const primaryFailure = failed.find((f) => f.node === startPrimary);
    const promoted = completedFailovers(events).find((f) => primaryFailure && f.time >= primaryFailure.time);

    // The watcher is on the starting primary from setup on, so every write there is seen; it may join a new primary a moment late.
    const before = listener.commands().find((c) => c.node === startPrimary && (!primaryFailure || c.time <= primaryFailure.time));
    const later = listener.commands().find((c) => c !== before);
    const existsNow = (await learner().exists(KEY).catch(() => 0)) === 1;
    const writeName = '`drill:before` written on the primary before it failed';
    if (before) {
      checks.push(pass(writeName, `You wrote drill:before on ${startPrimary} at ${clock(before.time)}, before it failed.`));
    } else if (later || existsNow) {
      const when = later ? ` at ${clock(later.time)} on ${later.node}` : '';
      checks.push(
        fail(
          writeName,
          `drill:before was written${when} after ${startPrimary} had failed. Write it BEFORE killing the primary, or it proves nothing; \`lab reset\` to start over.`,
        ),
      );
    } else {
      checks.push(fail(writeName, `You have not written drill:before since the exercise started. Write it on the primary first: SET drill:before "written before the failover".`));
    }

    if (primaryFailure) {
      checks.push(pass('the primary failed', `${startPrimary} (the primary when you started) failed at ${clock(primaryFailure.time)}.`));
    } else if (failed.length > 0) {
      checks.push(
        fail(
          'the primary failed',
          `You killed ${failed.map((f) => f.node).join(', ')}, but the primary was ${startPrimary}: a dead replica triggers no failover. \`lab kill ${startPrimary}\` (or \`lab failover\`).`,
        ),
      );
    } else {
      checks.push(fail('the primary failed', `The primary ${startPrimary} has not failed. Kill it with \`lab kill ${startPrimary}\` (or run \`lab failover\`).`));
    }

    if (promoted) {
      checks.push(pass('a replica was promoted', `Failover to replica node ${promoted.node} completed at ${clock(promoted.time)}.`));
    } else {
      checks.push(
        fail(
          'a replica was promoted',
          primaryFailure
            ? 'No failover has completed yet. It takes a few seconds: run `lab events` until "Failover to replica node ... completed" appears, then check again.'
            : 'No failover has happened since the exercise started; it follows the primary\'s failure.',
        ),
      );
    }

    const d = sandbox.describe();
    const current = d.nodes.find((n) => n.name === d.nodeGroups[0]?.primary);
    const endpointName = 'the primary endpoint moved';
    if (current && d.endpoints.primary?.port === current.port && current.name !== startPrimary) {
      checks.push(pass(endpointName, `${d.endpoints.primary.name} now resolves to ${current.name} (it was ${startPrimary}); clients reconnect to the same name.`));
    } else {
      checks.push(fail(endpointName, `The primary endpoint still resolves to ${current?.name ?? 'no node'}, the node it pointed at when you started. It moves once a replica is promoted.`));
    }

    const value = current ? await learner().get(KEY).catch(() => null) : null;
    checks.push(
      value !== null
        ? pass('`drill:before` survived', `GET drill:before on the new primary returns ${JSON.stringify(value)}.`)
        : fail('`drill:before` survived', 'drill:before cannot be read from the current primary. If you wrote it just before the kill without WAIT, it may not have reached a replica; `lab reset` and try again with WAIT 2 1000 after the write.'),
    );
    return checks;
  },

  examples: {
    correct: [
      ['lab status', 'SET drill:before "written before the failover"', 'WAIT 2 1000', 'lab kill primary', '#wait-event Failover to replica node .* completed', 'GET drill:before', 'lab status'],
      ['redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning SET drill:before v1', 'lab failover', 'lab events', 'GET drill:before'],
    ],
    mistakes: [
      {
        lines: ['SET drill:before v1', 'lab kill {{replica:1}}', 'lab events'],
        expect: /a dead replica triggers no failover/,
      },
      {
        lines: ['lab kill {{primary}}', '#wait-event Failover to replica node .* completed', 'SET drill:before "written after"', 'GET drill:before'],
        expect: /after .* had failed\. Write it BEFORE killing the primary/,
      },
      {
        lines: ['SET drill:before v1', 'WAIT 2 1000', 'GET drill:before'],
        expect: /The primary \S+ has not failed/,
      },
    ],
  },
});
