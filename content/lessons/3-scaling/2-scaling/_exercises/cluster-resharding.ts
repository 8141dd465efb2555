/** @module Exercise cluster-resharding: add a shard online, keep every key reachable, and count what moved to the new shard. */
import { fail, parseInfo, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { primaryForSlot, scanCluster, slotOf } from '../../../../../src/exercises/support/cluster-routing.ts';
import { healSandbox } from '../../../../../src/exercises/support/heal-sandbox.ts';
import { withAdmin } from '../../../../../src/exercises/support/with-admin.ts';

const PRODUCTS = 300;
const SHARDS_AT_START = 3;
const keyOf = (i: number) => `product:${i}`;
const valueOf = (i: number) => `{"sku":${i},"stock":${(i * 7) % 50}}`;

export default defineExercise({
  id: 'cluster-resharding',
  title: 'Add a shard online without losing a key',
  lesson: '3-scaling/2-scaling',
  spec: { topology: 'cluster', shards: 3, replicasPerShard: 1 },
  points: 25,
  hints: [
    'Your cluster holds 300 products spread over three shards. Scaling out means adding a fourth shard and moving about a quarter of the 16,384 slots to it: `lab add-shard` does that online, like modify-replication-group-shard-configuration.',
    'While and after slots move, a cluster-aware client keeps working: it follows MOVED (and, mid-move, ASK) redirects. `redis-cli -c -h $CONFIG ...` then `GET product:1` proves it.',
    '`lab status` (or `CLUSTER SHARDS`) shows the new node group 0004 and its primary. Connect straight to that primary with `redis-cli -h <its name> --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning` and count its keys with `DBSIZE`.',
    'Store the count with `SET answer:new-shard-keys <count>` before writing anything else to the new shard (the answer key itself may land on any shard; the check leaves it out).',
  ],
  solution: `\`\`\`text
lab add-shard
redis-cli -c -h $CONFIG --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET product:1
lab status
redis-cli -h cl-xxxx-0004-001 --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning DBSIZE
SET answer:new-shard-keys 73
\`\`\`

\`lab add-shard\` starts node group 0004, then migrates slots one by one (IMPORTING/MIGRATING, MIGRATE of the keys, SETSLOT NODE) until
each shard owns about 4,096 slots. Keys move with their slots, so about a quarter of the products now live on the new shard; the exact
number depends on which slots moved (\`INFO keyspace\` on the new primary shows it too). Clients never lost access: before a slot moved
they were served by the old owner, during the move ASK sent them to the new one for keys already moved, afterwards MOVED did.`,

  async setup({ sandbox }) {
    const shards = sandbox.describe().nodeGroups.length;
    if (shards !== SHARDS_AT_START) {
      throw new Error(`This sandbox already has ${shards} shards and shards cannot be removed here. Start the exercise again for a fresh 3-shard cluster.`);
    }
    await healSandbox(sandbox);
    const byNode = new Map<string, [string, string][]>();
    for (let i = 1; i <= PRODUCTS; i += 1) {
      const node = primaryForSlot(sandbox, slotOf(keyOf(i)))!;
      byNode.set(node, [...(byNode.get(node) ?? []), [keyOf(i), valueOf(i)]]);
    }
    for (const [node, pairs] of byNode) {
      await withAdmin(sandbox, node, async (c) => {
        for (const [key, value] of pairs) await c.set(key, value);
      });
    }
    const answer = primaryForSlot(sandbox, slotOf('answer:new-shard-keys'));
    if (answer) await withAdmin(sandbox, answer, (c) => c.del('answer:new-shard-keys'));
  },

  async check({ sandbox }) {
    const checks: Condition[] = [];
    const d = sandbox.describe();
    const groups = d.nodeGroups;
    const withSlots = groups.filter((g) => g.slots);
    if (groups.length <= SHARDS_AT_START) {
      checks.push(fail('a fourth shard owns slots', `Your cluster still has ${groups.length} shards. Add one online with \`lab add-shard\`.`));
    } else if (withSlots.length < groups.length) {
      checks.push(fail('a fourth shard owns slots', `Node group(s) ${groups.filter((g) => !g.slots).map((g) => g.id).join(', ')} own no slots yet: no data can live there.`));
    } else {
      checks.push(pass('a fourth shard owns slots', groups.map((g) => `${g.id}: ${g.slots}`).join('; ')));
    }

    const primaries = groups.flatMap((g) => (g.primary ? [g.primary] : []));
    const problems: string[] = [];
    for (const node of primaries) {
      await withAdmin(sandbox, node, async (c) => {
        const info = parseInfo((await c.call('CLUSTER', 'INFO')) as string);
        if (info.get('cluster_state') !== 'ok') problems.push(`${node} reports cluster_state:${info.get('cluster_state')}`);
        if (info.get('cluster_slots_assigned') !== '16384') problems.push(`${node} sees ${info.get('cluster_slots_assigned')} of 16384 slots assigned`);
        const moving = ((await c.call('CLUSTER', 'NODES')) as string).split('\n').filter((l) => l.includes('myself')).flatMap((l) => l.match(/\[\d+-[<>]-[0-9a-f]+\]/g) ?? []);
        if (moving.length > 0) problems.push(`${node} still has slots in migration ${moving.slice(0, 3).join(' ')}`);
      });
    }
    checks.push(
      problems.length === 0
        ? pass('all 16,384 slots are served, none mid-migration', `All ${primaries.length} primaries report cluster_state:ok with 16384 slots assigned and no IMPORTING/MIGRATING slot.`)
        : fail('all 16,384 slots are served, none mid-migration', `${problems.join('; ')}. Wait for \`lab add-shard\` to finish, then check again.`),
    );

    const byNode = new Map<string, number[]>();
    for (let i = 1; i <= PRODUCTS; i += 1) {
      const node = primaryForSlot(sandbox, slotOf(keyOf(i))) ?? '';
      byNode.set(node, [...(byNode.get(node) ?? []), i]);
    }
    const missing: string[] = [];
    for (const [node, ids] of byNode) {
      const values = node ? await withAdmin(sandbox, node, (c) => Promise.all(ids.map((i) => c.get(keyOf(i))))) : ids.map(() => null);
      ids.forEach((i, n) => {
        if (values[n] !== valueOf(i)) missing.push(keyOf(i));
      });
    }
    checks.push(
      missing.length === 0
        ? pass('every product is still reachable', `All ${PRODUCTS} products answer from the shard that owns their slot now.`)
        : fail(
            'every product is still reachable',
            `${missing.length} of ${PRODUCTS} products are missing or changed (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}). Resharding moves keys with their slots; do not delete or overwrite them. \`lab reset\` restores them.`,
          ),
    );

    const newest = groups.at(-1)!;
    const recorded = await withAdmin(sandbox, primaryForSlot(sandbox, slotOf('answer:new-shard-keys'))!, (c) => c.get('answer:new-shard-keys'));
    const name = '`answer:new-shard-keys` counts the keys on the new shard';
    if (groups.length <= SHARDS_AT_START) {
      checks.push(fail(name, 'There is no new shard to count yet: run `lab add-shard` first.'));
    } else {
      const onNew = (await scanCluster(sandbox, '*')).filter((k) => k.node === newest.primary && !k.key.startsWith('answer:')).length;
      if (recorded === null) {
        checks.push(fail(name, `answer:new-shard-keys does not exist. Count the keys on node group ${newest.id}'s primary (${newest.primary}) with DBSIZE and store the number.`));
      } else if (recorded.trim() === String(onNew)) {
        checks.push(pass(name, `${onNew} keys moved to ${newest.primary} with their slots, as you counted.`));
      } else if (recorded.trim() === String(PRODUCTS)) {
        checks.push(fail(name, `answer:new-shard-keys is ${PRODUCTS}: that is the whole cluster. Count only node group ${newest.id}: DBSIZE on ${newest.primary}.`));
      } else {
        checks.push(fail(name, `answer:new-shard-keys is ${JSON.stringify(recorded)}, but ${newest.primary} (node group ${newest.id}) holds ${onNew} keys. Run DBSIZE connected to that node (redis-cli -h ${newest.primary} ...), not through the configuration endpoint.`));
      }
    }
    return checks;
  },

  examples: {
    correct: [
      [
        'lab add-shard',
        'redis-cli -c -h $CONFIG --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET product:1',
        'lab status',
        'redis-cli -h {{node:0004-001}} --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning DBSIZE',
        'SET answer:new-shard-keys {{re:\\(integer\\) (\\d+)\\s*$}}',
      ],
      [
        'CLUSTER SHARDS',
        'lab add-shard',
        'redis-cli -h {{node:0004-001}} --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning INFO keyspace',
        'GET product:300',
        'SET answer:new-shard-keys {{re:db0:keys=(\\d+)}}',
        'CLUSTER SHARDS',
      ],
    ],
    mistakes: [
      {
        lines: ['CLUSTER SHARDS', 'GET product:1', 'DBSIZE', 'SET answer:new-shard-keys 0'],
        expect: /Your cluster still has 3 shards\. Add one online with `lab add-shard`/,
      },
      {
        lines: ['lab add-shard', 'redis-cli -c -h $CONFIG --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET product:7', 'SET answer:new-shard-keys 300'],
        expect: /that is the whole cluster/,
      },
      {
        lines: ['lab add-shard', 'DEL product:1', 'DEL product:2', 'DEL product:3', 'SET answer:new-shard-keys 1'],
        expect: /3 of 300 products are missing or changed/,
      },
    ],
  },
});
