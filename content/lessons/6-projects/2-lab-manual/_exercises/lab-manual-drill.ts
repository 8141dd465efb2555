/** @module Guided exercise lab-manual-drill: the operator's routine from the lab manual, verified from the sandbox's events and data. */
import { fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { clock, completedFailovers, eventsSince, snapshotsTaken } from '../../../../../src/exercises/support/event-timeline.ts';
import { healSandbox } from '../../../../../src/exercises/support/heal-sandbox.ts';
import { markStart, startOf } from '../../../../../src/exercises/support/start-marks.ts';

/** redis-benchmark's SET test writes this key (without -r) with a random value of -d bytes (3 by default). */
const BENCHMARK_KEY = 'key:__rand_int__';

export default defineExercise({
  id: 'lab-manual-drill',
  title: 'Lab manual drill: back up, load-test, fail over',
  lesson: '6-projects/2-lab-manual',
  spec: { topology: 'replication', replicas: 2 },
  points: 10,
  hints: [
    'Three operator tasks, each with its own command: `lab snapshot` (a manual backup), `redis-benchmark -h $PRIMARY -q -n 10000 -c 10 -t set,get` (a short load test) and `lab failover` (ElastiCache\'s TestFailover).',
    'The check reads the sandbox\'s events (`lab events` shows them) for the snapshot and the completed failover, and looks for the key redis-benchmark\'s SET test writes. A failover takes a few seconds: run `lab events` until it has completed.',
  ],
  solution: `\`\`\`text
lab snapshot
redis-benchmark -h $PRIMARY -q -n 10000 -c 10 -t set,get
lab failover
lab events
\`\`\`

The events show "Snapshot succeeded ...", then "Test Failover API called ...", "Failover to replica node ... completed" and the recovery
of the old primary. The benchmark's key \`key:__rand_int__\` survived the failover because it had reached the replicas.`,

  async setup({ sandbox, admin }) {
    await healSandbox(sandbox);
    await admin().del(BENCHMARK_KEY);
    markStart(sandbox.id, 'lab-manual-drill');
  },

  async check({ sandbox, admin }) {
    const checks: Condition[] = [];
    const events = eventsSince(sandbox.events(), startOf(sandbox.id, 'lab-manual-drill') ?? 0);
    const snapshot = snapshotsTaken(events).at(-1);
    checks.push(
      snapshot
        ? pass('a snapshot was taken', `Snapshot ${snapshot.id} succeeded at ${clock(snapshot.time)}.`)
        : fail('a snapshot was taken', 'No snapshot since the drill started. Take one with `lab snapshot`.'),
    );
    const value = await admin().get(BENCHMARK_KEY).catch(() => null);
    checks.push(
      value !== null && value.length > 0
        ? pass('a benchmark ran', `redis-benchmark's SET test wrote ${BENCHMARK_KEY} (${value.length}-byte values).`)
        : fail('a benchmark ran', `No sign of redis-benchmark's SET test (${BENCHMARK_KEY} is missing). Run redis-benchmark -h $PRIMARY -q -n 10000 -c 10 -t set,get.`),
    );
    const failover = completedFailovers(events).at(-1);
    checks.push(
      failover
        ? pass('a failover completed', `Failover to ${failover.node} completed at ${clock(failover.time)}.`)
        : fail('a failover completed', 'No completed failover since the drill started. Run `lab failover`, then `lab events` until "Failover to replica node ... completed" appears.'),
    );
    return checks;
  },

  examples: {
    correct: [
      ['lab snapshot', 'redis-benchmark -h $PRIMARY -q -n 10000 -c 10 -t set,get', 'lab failover', 'lab events'],
      ['redis-benchmark -h $PRIMARY -q -n 2000 -c 5 -d 64 -t set', 'lab kill {{primary}}', '#wait-event Failover to replica node .* completed', 'lab snapshot', 'lab events'],
    ],
    mistakes: [
      { lines: ['redis-benchmark -h $PRIMARY -q -n 10000 -c 10 -t set,get', 'lab failover'], expect: /No snapshot since the drill started/ },
      { lines: ['lab snapshot', 'redis-benchmark -h $PRIMARY -q -n 10000 -c 10 -t get', 'lab failover'], expect: /No sign of redis-benchmark's SET test/ },
      { lines: ['lab snapshot', 'redis-benchmark -h $PRIMARY -q -n 10000 -c 10 -t set,get', 'lab events'], expect: /No completed failover since the drill started/ },
    ],
  },
});
