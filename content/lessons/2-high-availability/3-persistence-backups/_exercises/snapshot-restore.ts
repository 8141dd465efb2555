/** @module Exercise snapshot-restore: take a snapshot, lose the data, restore the snapshot into a new replication group. */
import type { Sandbox } from '../../../../../sandbox/sandbox-engine.ts';
import { fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { healSandbox } from '../../../../../src/exercises/support/heal-sandbox.ts';
import { startOf, markStart } from '../../../../../src/exercises/support/start-marks.ts';
import { withAdmin } from '../../../../../src/exercises/support/with-admin.ts';

const ORDERS: Record<string, Record<string, string>> = {
  'order:9001': { status: 'paid', total_cents: '4599', customer: '42' },
  'order:9002': { status: 'shipped', total_cents: '1299', customer: '7' },
  'order:9003': { status: 'paid', total_cents: '999', customer: '13' },
  'order:9004': { status: 'refunded', total_cents: '2500', customer: '42' },
  'order:9005': { status: 'paid', total_cents: '15000', customer: '88' },
};
const KEYS = Object.keys(ORDERS);

/** The snapshot a sandbox was restored from (the engine logs "Restored replication group ... from snapshot <id>"). */
function restoredFrom(sandbox: Sandbox): string | undefined {
  for (const event of sandbox.events()) {
    const match = /^Restored replication group \S+ from snapshot (\S+)/.exec(event.message);
    if (match) return match[1];
  }
  return undefined;
}

async function ordersIn(sandbox: Sandbox): Promise<{ intact: string[]; wrong: string[] }> {
  const primary = sandbox.describe().nodeGroups[0]?.primary;
  if (!primary) return { intact: [], wrong: KEYS };
  const found = await withAdmin(sandbox, primary, (c) => Promise.all(KEYS.map((k) => c.hgetall(k))));
  const intact = KEYS.filter((k, i) => JSON.stringify(Object.entries(found[i]!).sort()) === JSON.stringify(Object.entries(ORDERS[k]!).sort()));
  return { intact, wrong: KEYS.filter((k) => !intact.includes(k)) };
}

export default defineExercise({
  id: 'snapshot-restore',
  title: 'Back up, lose everything, restore into a new group',
  lesson: '2-high-availability/3-persistence-backups',
  spec: { topology: 'replication', replicas: 2 },
  points: 20,
  hints: [
    'Three steps, in this order: back up (`lab snapshot`), lose the data (FLUSHALL, as an operator mistake would), restore (`lab restore <snapshot-id>`).',
    'A snapshot is a copy of the data at the moment it is taken. Take it while the five orders are still there: a snapshot taken after FLUSHALL faithfully backs up an empty cache.',
    'On ElastiCache a restore never overwrites a running cluster: it seeds a NEW replication group. `lab restore` does the same and switches this terminal to the new group; `lab status` shows its new name and endpoints.',
  ],
  solution: `\`\`\`text
DBSIZE
lab snapshot
FLUSHALL
DBSIZE
lab restore snap-xxxxxxxxxx
lab status
HGETALL order:9001
DBSIZE
\`\`\`

\`lab snapshot\` prints the snapshot id; \`lab restore\` without an id restores the newest snapshot of the current sandbox. The restored
group has a new replication group id and new endpoints, and holds exactly what the snapshot held: the five orders. Anything written
between the snapshot and the loss would be missing, which is why the recovery point of a backup is the time of the snapshot.
On AWS the restore is \`create-replication-group --snapshot-name ...\`; afterwards you point the application at the new endpoint.`,

  async setup({ sandbox, admin }) {
    await healSandbox(sandbox);
    const primary = admin();
    const pipeline = primary.multi();
    for (const key of KEYS) pipeline.del(key).hset(key, ORDERS[key]!);
    await pipeline.exec();
    await primary.call('WAIT', '2', '2000');
    markStart(sandbox.id, 'snapshot-restore');
  },

  async check({ sandbox, engine }) {
    if (!engine) return [fail('sandboxes can be listed', 'This check needs the platform engine; run it through `lab check` or the Check button.')];
    const checks: Condition[] = [];
    // The exercise's own sandbox is where setup ran; a group restored from it (the terminal follows `lab restore`) leads back to it.
    const ownSnapshot = startOf(sandbox.id, 'snapshot-restore') === undefined ? restoredFrom(sandbox) : undefined;
    const originId = ownSnapshot ? (engine.getSnapshot(ownSnapshot)?.sandboxId ?? sandbox.id) : sandbox.id;
    const origin = engine.get(originId);
    // Restores from an earlier attempt (before `lab reset`) do not count.
    const since = startOf(originId, 'snapshot-restore') ?? 0;
    const restored = engine
      .list(sandbox.ownerId)
      .filter((s) => s.id !== originId)
      .map((s) => ({ sandbox: s, snapshot: restoredFrom(s) }))
      .filter((r) => r.snapshot && engine.getSnapshot(r.snapshot)?.sandboxId === originId)
      .filter((r) => Date.parse(r.sandbox.describe().createdAt) >= since);

    const lossName = 'the original group lost its data';
    if (!origin) {
      checks.push(pass(lossName, `The original group (${originId}) is gone altogether.`));
    } else {
      const left = (await ordersIn(origin)).intact;
      checks.push(
        left.length === 0
          ? pass(lossName, `${origin.describe().replicationGroupId} (${originId}) no longer holds the orders.`)
          : fail(lossName, `The original group ${origin.describe().replicationGroupId} still holds ${left.length} of the 5 orders. Part of the drill is losing them: after the snapshot, run FLUSHALL there.`),
      );
    }

    const restoreName = 'a new replication group was restored from a snapshot of the original';
    if (restored.length === 0) {
      checks.push(
        fail(
          restoreName,
          `No sandbox of yours was restored from a snapshot of ${originId}. Take one with \`lab snapshot\` (before losing the data), then \`lab restore <snapshot-id>\`.`,
        ),
      );
      return checks;
    }
    const originGroup = origin?.describe().replicationGroupId;
    const names = restored.map((r) => `${r.sandbox.describe().replicationGroupId} (from ${r.snapshot})`).join(', ');
    checks.push(pass(restoreName, `Restored: ${names}${originGroup ? `, separate from the original ${originGroup}` : ''}.`));

    const results = await Promise.all(restored.map(async (r) => ({ ...r, orders: await ordersIn(r.sandbox) })));
    const best = results.sort((a, b) => b.orders.intact.length - a.orders.intact.length)[0]!;
    const group = best.sandbox.describe().replicationGroupId;
    checks.push(
      best.orders.intact.length === KEYS.length
        ? pass('the restored group holds the orders', `${group} holds all 5 orders exactly as they were before the loss.`)
        : fail(
            'the restored group holds the orders',
            `${group} holds ${best.orders.intact.length} of the 5 orders (missing or changed: ${best.orders.wrong.join(', ')}): snapshot ${best.snapshot} was taken after the data was lost. Take the snapshot while the orders are there, lose them, then restore.`,
          ),
    );
    return checks;
  },

  examples: {
    correct: [
      ['DBSIZE', 'lab snapshot', 'FLUSHALL', 'DBSIZE', 'lab restore {{re:Snapshot (snap-\\w+) created}}', 'lab status', 'HGETALL order:9001', 'DBSIZE'],
      ['lab snapshot', 'DEL order:9001 order:9002 order:9003 order:9004 order:9005', 'lab restore', 'HGETALL order:9005'],
    ],
    mistakes: [
      {
        lines: ['lab snapshot', 'lab restore', 'DBSIZE'],
        expect: /still holds 5 of the 5 orders/,
      },
      {
        lines: ['FLUSHALL', 'lab snapshot', 'lab restore', 'DBSIZE'],
        expect: /holds 0 of the 5 orders .*taken after the data was lost/,
      },
      {
        lines: ['lab snapshot', 'FLUSHALL', 'DBSIZE'],
        expect: /No sandbox of yours was restored from a snapshot/,
      },
    ],
  },
});
