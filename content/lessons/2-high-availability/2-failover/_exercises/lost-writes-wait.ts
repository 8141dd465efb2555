/**
 * @module Exercise lost-writes-wait: make an acknowledged write disappear in a failover (replicas frozen, primary
 * killed), then bound the risk with WAIT after the failover.
 */
import { fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { CommandWatcher, type SeenCommand } from '../../../../../src/exercises/support/command-watcher.ts';
import { clock, completedFailovers, eventsSince, failures, wasStoppedAt } from '../../../../../src/exercises/support/event-timeline.ts';
import { commandCalls, healSandbox, resetStats } from '../../../../../src/exercises/support/heal-sandbox.ts';
import { withAdmin } from '../../../../../src/exercises/support/with-admin.ts';

const LOST = 'order:lost';
const SAFE = 'order:safe';
const WRITES = new Set(['SET', 'SETNX', 'SETEX', 'PSETEX', 'MSET', 'HSET', 'HMSET', 'INCR', 'INCRBY', 'APPEND']);

const isWriteOf = (c: SeenCommand, key: string) => WRITES.has(c.command) && c.args.includes(key);

export default defineExercise({
  id: 'lost-writes-wait',
  title: 'Lose an acknowledged write, then bound the loss with WAIT',
  lesson: '2-high-availability/2-failover',
  spec: { topology: 'replication', replicas: 2 },
  points: 25,
  hints: [
    'Replication is asynchronous: the primary answers OK before any replica has the write. To make that gap long enough to see, cut the replicas off: freeze both with `lab stop <replica>` (`lab status` names them).',
    'A frozen replica still receives the replication stream into its network buffer, and would apply it when resumed. Wait until the primary gives up on the frozen replicas (repl-timeout, about 5 s): `INFO replication` on the primary shows `connected_slaves:0`. That is what a network partition looks like to the primary.',
    'Now write `order:lost` (the primary still says OK) and run `WAIT 1 1000`: 0, no replica acknowledged it. `lab kill primary` while the replicas are still frozen, and only then `lab resume` both (resumed earlier, they would catch up and nothing would be lost). Run `lab events` until a failover has completed, then `GET order:lost`.',
    'On the new primary write `order:safe` and immediately `WAIT 1 1000`: a reply of 1 means a replica has it, so a failover can no longer lose it. If WAIT says 0, the surviving replica is still resyncing; check `INFO replication` and run WAIT again.',
  ],
  solution: `\`lab status\` gives the node names (say the primary is cl-xxxx-0001-001 and the replicas -002 and -003):

\`\`\`text
lab stop cl-xxxx-0001-002
lab stop cl-xxxx-0001-003
INFO replication
SET order:lost "paid order 1"
WAIT 1 1000
lab kill primary
lab resume cl-xxxx-0001-002
lab resume cl-xxxx-0001-003
lab events
\`\`\`

Repeat \`INFO replication\` until it shows \`connected_slaves:0\` (about 5 seconds: the primary drops replicas that stop acknowledging)
before the SET. SET answered OK and WAIT answered 0: the write was acknowledged by the primary only. After "Failover to replica node ... completed":

\`\`\`text
GET order:lost
INFO replication
SET order:safe "paid order 2"
WAIT 1 1000
\`\`\`

\`GET order:lost\` is (nil): an acknowledged write is gone. WAIT returning 1 for \`order:safe\` means at least one replica holds it,
so the next failover cannot lose it (WAIT does not make Redis strongly consistent, but it tells the application which writes are at risk:
retry, alert or fall back when it returns fewer replicas than you need).`,

  async setup({ sandbox, admin }) {
    await healSandbox(sandbox);
    const primary = admin();
    await primary.del(LOST, SAFE);
    await primary.call('WAIT', '2', '2000');
    await resetStats(sandbox);
  },

  async listen(sandbox) {
    return new CommandWatcher(sandbox, (command, args) => command === 'WAIT' || args.includes(LOST) || args.includes(SAFE)).ready();
  },

  async check({ sandbox, admin, listener }) {
    if (!(listener instanceof CommandWatcher) || !listener.primaryAtStart) {
      return [fail('the drill was watched from the start', 'The platform lost track of this drill (it was restarted). Run `lab reset` and do the drill again.')];
    }
    const checks: Condition[] = [];
    const oldPrimary = listener.primaryAtStart;
    const all = sandbox.events();
    const events = eventsSince(all, listener.startedAt);
    const kill = failures(events).find((f) => f.node === oldPrimary);
    const promoted = kill ? completedFailovers(events).find((f) => f.time >= kill.time) : undefined;
    const seen = listener.commands();
    const replicasAtStart = sandbox.describe().nodes.filter((n) => n.shard === '0001' && n.name !== oldPrimary).map((n) => n.name);

    const lostWrite = seen.find((c) => c.node === oldPrimary && isWriteOf(c, LOST) && (!kill || c.time <= kill.time));
    const ackName = '`order:lost` acknowledged by the old primary alone';
    if (!lostWrite) {
      checks.push(fail(ackName, `You did not write order:lost on the primary ${oldPrimary} before it failed. Freeze both replicas, then SET order:lost <value>.`));
    } else {
      const running = replicasAtStart.filter((r) => !wasStoppedAt(all, r, lostWrite.time));
      checks.push(
        running.length === 0
          ? pass(ackName, `You wrote order:lost at ${clock(lostWrite.time)} while every replica was frozen: the primary answered OK on its own.`)
          : fail(ackName, `Replica(s) ${running.join(', ')} were running when you wrote order:lost at ${clock(lostWrite.time)}, so they received it. Stop every replica with \`lab stop <replica>\` BEFORE writing.`),
      );
    }

    const waitBefore = lostWrite ? seen.find((c) => c.node === oldPrimary && c.command === 'WAIT' && c.time >= lostWrite.time && (!kill || c.time <= kill.time)) : undefined;
    checks.push(
      waitBefore
        ? pass('WAIT showed no replica had `order:lost`', `You ran WAIT ${waitBefore.args.join(' ')} after the write: with the replicas frozen it could only answer 0.`)
        : fail('WAIT showed no replica had `order:lost`', 'Run WAIT 1 1000 right after writing order:lost (before the kill): its reply, 0, is the number of replicas that acknowledged the write.'),
    );

    const failoverName = 'the primary failed and a replica took over';
    if (!kill) {
      checks.push(fail(failoverName, `The primary ${oldPrimary} has not failed. \`lab kill ${oldPrimary}\` while the replicas are still frozen.`));
    } else if (!promoted) {
      const frozen = sandbox.describe().nodes.filter((n) => n.status === 'stopped').map((n) => n.name);
      checks.push(
        fail(
          failoverName,
          frozen.length > 0
            ? `${oldPrimary} failed, but no replica can take over while frozen: \`lab resume\` ${frozen.join(' and ')}.`
            : 'The primary failed but no failover has completed yet: run `lab events` until "Failover to replica node ... completed" appears.',
        ),
      );
    } else {
      checks.push(pass(failoverName, `${oldPrimary} failed at ${clock(kill.time)}; ${promoted.node} was promoted at ${clock(promoted.time)}.`));
    }

    const d = sandbox.describe();
    const current = d.nodeGroups[0]?.primary;
    const onCurrent = current && current !== oldPrimary ? await admin(current).exists(LOST) : undefined;
    const lostName = '`order:lost` was lost in the failover';
    if (onCurrent === undefined) checks.push(fail(lostName, 'There is no new primary yet, so nothing can be compared.'));
    else if (onCurrent === 1) {
      checks.push(
        fail(
          lostName,
          `order:lost survived on ${current}: a replica received it before the primary died. Freeze both replicas, wait until INFO replication on the primary shows connected_slaves:0 (a frozen replica still buffers the stream until the primary drops it), write, kill the primary, and only then resume the replicas.`,
        ),
      );
    } else if (lostWrite) {
      checks.push(pass(lostName, `The new primary ${current} has no order:lost: a write the client saw acknowledged (OK) is gone.`));
    } else {
      checks.push(fail(lostName, 'order:lost is missing, but it was never written on the old primary, so nothing was lost.'));
    }

    const safeName = '`order:safe` confirmed on a replica with WAIT';
    const onNew = current && current !== oldPrimary ? current : undefined;
    // The watcher attaches to a new primary within a moment of the failover; commandstats cover that moment.
    const safeSeen = onNew ? seen.find((c) => c.node === onNew && isWriteOf(c, SAFE)) : undefined;
    const safeExists = onNew ? (await admin(onNew).exists(SAFE)) === 1 : false;
    const waitSeen = safeSeen ? seen.some((c) => c.node === onNew && c.command === 'WAIT' && c.time >= safeSeen.time) : false;
    const waitCalls = onNew ? await commandCalls(sandbox, onNew, 'wait') : 0;
    if (!onNew || (!safeSeen && !safeExists)) {
      checks.push(fail(safeName, 'After the failover, write order:safe on the new primary (the `$` prompt follows the primary endpoint), then run WAIT 1 1000.'));
    } else if (!waitSeen && waitCalls === 0) {
      checks.push(fail(safeName, 'You wrote order:safe but did not run WAIT after it on the new primary: without WAIT you cannot tell whether a replica has it. Run WAIT 1 1000.'));
    } else {
      const replicas = d.nodes.filter((n) => n.shard === '0001' && n.role === 'replica' && n.status === 'available');
      const holders = (await Promise.all(replicas.map((r) => withAdmin(sandbox, r.name, (c) => c.exists(SAFE))))).filter((x) => x === 1).length;
      checks.push(
        holders > 0
          ? pass(safeName, `WAIT ran after order:safe, and ${holders} replica(s) hold it: a failover now would keep it.`)
          : fail(safeName, 'No replica holds order:safe yet: the surviving replicas are still resyncing with the new primary. Check INFO replication (connected_slaves), then run WAIT 1 1000 again.'),
      );
    }
    return checks;
  },

  examples: {
    correct: [
      [
        'lab status',
        'lab stop {{replica:1}}',
        'lab stop {{replica:2}}',
        '#repeat-until /connected_slaves:0/ INFO replication',
        'SET order:lost "paid order 1"',
        'WAIT 1 1000',
        'lab kill {{primary}}',
        'lab resume {{replica:1}}',
        'lab resume {{replica:2}}',
        '#wait-event Failover to replica node .* completed',
        'GET order:lost',
        '#repeat-until /connected_slaves:[12]/ INFO replication',
        'SET order:safe "paid order 2"',
        'WAIT 1 1000',
      ],
      [
        'lab stop {{replica:2}}',
        'lab stop {{replica:1}}',
        '#repeat-until /connected_slaves:0/ INFO replication',
        'redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning',
        'HSET order:lost status paid total 4599',
        'WAIT 2 500',
        'exit',
        'lab kill {{primary}}',
        'lab resume {{replica:2}}',
        'lab resume {{replica:1}}',
        '#wait-event Failover to replica node .* completed',
        '#repeat-until /connected_slaves:1/ INFO replication',
        'redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning',
        'EXISTS order:lost',
        'HSET order:safe status paid total 1299',
        'WAIT 1 2000',
        'exit',
      ],
    ],
    mistakes: [
      {
        lines: [
          'lab stop {{replica:1}}',
          'SET order:lost "paid order 1"',
          'WAIT 1 1000',
          'lab kill {{primary}}',
          'lab resume {{replica:1}}',
          '#wait-event Failover to replica node .* completed',
          '#repeat-until /connected_slaves:[12]/ INFO replication',
          'SET order:safe "paid order 2"',
          'WAIT 1 1000',
        ],
        expect: /were running when you wrote order:lost/,
      },
      {
        lines: [
          'lab stop {{replica:1}}',
          'lab stop {{replica:2}}',
          'SET order:lost "paid order 1"',
          'WAIT 1 1000',
          'lab resume {{replica:1}}',
          'lab resume {{replica:2}}',
          'lab kill {{primary}}',
          '#wait-event Failover to replica node .* completed',
          '#repeat-until /connected_slaves:[12]/ INFO replication',
          'SET order:safe "paid order 2"',
          'WAIT 1 1000',
        ],
        expect: /order:lost survived on \S+: a replica received it/,
      },
      {
        lines: [
          'lab stop {{replica:1}}',
          'lab stop {{replica:2}}',
          '#repeat-until /connected_slaves:0/ INFO replication',
          'SET order:lost "paid order 1"',
          'WAIT 1 1000',
          'lab kill {{primary}}',
          'lab resume {{replica:1}}',
          'lab resume {{replica:2}}',
          '#wait-event Failover to replica node .* completed',
          'SET order:safe "paid order 2"',
        ],
        expect: /did not run WAIT after it on the new primary/,
      },
    ],
  },
});
