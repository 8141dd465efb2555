/** @module Exercise cluster-keyslot: co-locate one user's keys with a hash tag so a transaction over them works, and name their slot. */
import type { Sandbox } from '../../../../../sandbox/sandbox-engine.ts';
import { fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { primaryForSlot, scanCluster, slotOf } from '../../../../../src/exercises/support/cluster-routing.ts';
import { commandCalls, resetStats } from '../../../../../src/exercises/support/heal-sandbox.ts';
import { withAdmin } from '../../../../../src/exercises/support/with-admin.ts';

const ROLES = ['profile', 'cart', 'orders'] as const;
type Role = (typeof ROLES)[number];
const ATOMIC = ['exec', 'eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall'];

function roleOf(key: string): Role | undefined {
  if (!/(^|[^0-9])42([^0-9]|$)/.test(key)) return undefined;
  return ROLES.find((role) => key.endsWith(`:${role}`) || key.endsWith(`:${role}}`));
}

async function holdsSku(sandbox: Sandbox, node: string, key: string): Promise<boolean> {
  return withAdmin(sandbox, node, async (c) => {
    const type = await c.type(key);
    if (type === 'hash') return (await c.hexists(key, 'sku-1001')) === 1;
    if (type === 'set') return (await c.sismember(key, 'sku-1001')) === 1;
    if (type === 'zset') return (await c.zscore(key, 'sku-1001')) !== null;
    if (type === 'list') return (await c.lrange(key, 0, -1)).includes('sku-1001');
    if (type === 'string') return ((await c.get(key)) ?? '').includes('sku-1001');
    return false;
  });
}

export default defineExercise({
  id: 'cluster-keyslot',
  title: 'Hash tags: keep one user\'s keys on one shard',
  lesson: '3-scaling/1-cluster-mode',
  spec: { topology: 'cluster', shards: 3, replicasPerShard: 1 },
  points: 20,
  hints: [
    'A multi-key command or a MULTI/EXEC transaction only works when all its keys hash to one slot; otherwise the cluster answers CROSSSLOT. Try `CLUSTER KEYSLOT user:42:profile` and `CLUSTER KEYSLOT user:42:cart`: different slots.',
    'Only the part of a key inside `{...}` is hashed. `user:{42}:profile`, `user:{42}:cart` and `user:{42}:orders` all hash just `42`, so they share a slot (and a shard).',
    'A transaction runs on one node. Use `redis-cli -c -h $CONFIG ...`, touch one of the user\'s keys first so the client is redirected to the owning shard, then `MULTI`, your commands, `EXEC`. A single `EVAL` with all three keys works as well.',
    '`CLUSTER KEYSLOT <one of your keys>` prints the slot to store: `SET answer:slot <number>`.',
  ],
  solution: `Put the same hash tag in every key, write cart and order count in one transaction, and record the slot:

\`\`\`text
redis-cli -c -h $CONFIG --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning
CLUSTER KEYSLOT user:{42}:profile
SET answer:slot 8000
HSET user:{42}:profile name Ada plan pro
MULTI
HSET user:{42}:cart sku-1001 2
INCR user:{42}:orders
EXEC
exit
\`\`\`

\`{42}\` makes the cluster hash only "42" (slot 8000), so all three keys live on the shard that owns slot 8000 and the transaction
runs there atomically. Without the tag the keys land on different shards and MULTI/EXEC or a multi-key command fails with CROSSSLOT.
An \`EVAL\` that receives the three keys in KEYS[] is an atomic alternative. Tag with the entity (user id), not with a constant:
a tag shared by everything would put every key on one shard.`,

  async setup({ sandbox }) {
    const stale = (await scanCluster(sandbox, '*42*')).filter((k) => roleOf(k.key));
    for (const { key, node } of stale) await withAdmin(sandbox, node, (c) => c.del(key));
    const answer = primaryForSlot(sandbox, slotOf('answer:slot'));
    if (answer) await withAdmin(sandbox, answer, (c) => c.del('answer:slot'));
    await resetStats(sandbox);
  },

  async check({ sandbox }) {
    const checks: Condition[] = [];
    const keys = (await scanCluster(sandbox, '*42*')).flatMap((k) => {
      const role = roleOf(k.key);
      return role ? [{ ...k, role, slot: slotOf(k.key) }] : [];
    });
    const missing = ROLES.filter((role) => !keys.some((k) => k.role === role));
    if (missing.length > 0) {
      checks.push(
        fail(
          "user 42's profile, cart and orders keys exist",
          `No key for user 42's ${missing.join(', ')} (expected names like user:{42}:${missing[0]}). If a transaction failed with CROSSSLOT or EXECABORT, nothing in it was written.`,
        ),
      );
      return checks;
    }
    checks.push(pass("user 42's profile, cart and orders keys exist", `Found ${keys.map((k) => k.key).join(', ')}.`));

    const slots = [...new Set(keys.map((k) => k.slot))];
    const shared = slots.find((slot) => ROLES.every((role) => keys.some((k) => k.role === role && k.slot === slot)));
    if (shared === undefined) {
      checks.push(
        fail(
          'the keys share one hash slot',
          `The keys do not share a hash slot: ${keys.map((k) => `${k.key} is in slot ${k.slot}`).join(', ')}. Put the same {hash tag} in every key, e.g. user:{42}:profile, user:{42}:cart, user:{42}:orders.`,
        ),
      );
      return checks;
    }
    const node = primaryForSlot(sandbox, shared)!;
    const mine = Object.fromEntries(ROLES.map((role) => [role, keys.find((k) => k.role === role && k.slot === shared)!.key])) as Record<Role, string>;
    checks.push(pass('the keys share one hash slot', `${Object.values(mine).join(', ')} are all in slot ${shared}, on ${node}.`));

    const contents: string[] = [];
    const profileType = await withAdmin(sandbox, node, (c) => c.type(mine.profile));
    if (profileType !== 'hash' || !(await withAdmin(sandbox, node, (c) => c.hexists(mine.profile, 'name')))) {
      contents.push(`${mine.profile} should be a hash with a name field (it is ${profileType === 'hash' ? 'a hash without name' : `a ${profileType}`})`);
    }
    if (!(await holdsSku(sandbox, node, mine.cart))) contents.push(`${mine.cart} should contain sku-1001`);
    const orders = await withAdmin(sandbox, node, (c) => c.get(mine.orders).catch(() => null));
    if (!/^\d+$/.test(orders ?? '') || Number(orders) < 1) contents.push(`${mine.orders} should be a counter of at least 1 (INCR it); it is ${JSON.stringify(orders)}`);
    checks.push(
      contents.length === 0
        ? pass('the keys hold the profile, cart and order count', `${mine.profile} has a name, ${mine.cart} holds sku-1001, ${mine.orders} = ${orders}.`)
        : fail('the keys hold the profile, cart and order count', `${contents.join('; ')}.`),
    );

    const atomic = (await Promise.all(ATOMIC.map((c) => commandCalls(sandbox, node, c)))).reduce((a, b) => a + b, 0);
    checks.push(
      atomic > 0
        ? pass('cart and orders were written atomically', `${node} ran a transaction or script over your keys (${atomic} EXEC/EVAL call(s)).`)
        : fail(
            'cart and orders were written atomically',
            `Your keys were written one command at a time: ${node} has run no MULTI/EXEC or EVAL. Add sku-1001 to the cart and INCR the orders in one transaction (MULTI ... EXEC) or one EVAL.`,
          ),
    );

    const answer = await withAdmin(sandbox, primaryForSlot(sandbox, slotOf('answer:slot'))!, (c) => c.get('answer:slot'));
    if (answer === null) {
      checks.push(fail('`answer:slot` names the slot', `answer:slot does not exist. Run CLUSTER KEYSLOT ${mine.profile} and store the number: SET answer:slot <number>.`));
    } else if (answer.trim() === String(shared)) {
      checks.push(pass('`answer:slot` names the slot', `answer:slot = ${shared}: the slot that decides which shard holds user 42.`));
    } else {
      checks.push(fail('`answer:slot` names the slot', `answer:slot is ${JSON.stringify(answer)}, but your keys are in slot ${shared}. CLUSTER KEYSLOT ${mine.profile} tells you.`));
    }
    return checks;
  },

  examples: {
    correct: [
      [
        'redis-cli -c -h $CONFIG --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning',
        'CLUSTER KEYSLOT user:{42}:profile',
        'SET answer:slot {{re:\\(integer\\) (\\d+)}}',
        'HSET user:{42}:profile name Ada plan pro',
        'MULTI',
        'HSET user:{42}:cart sku-1001 2',
        'INCR user:{42}:orders',
        'EXEC',
        'exit',
      ],
      [
        `EVAL "redis.call('HSET', KEYS[1], 'name', 'Ada'); redis.call('SADD', KEYS[2], 'sku-1001'); return redis.call('INCR', KEYS[3])" 3 {user:42}:profile {user:42}:cart {user:42}:orders`,
        'CLUSTER KEYSLOT {user:42}:cart',
        'SET answer:slot {{re:\\(integer\\) (\\d+)\\s*$}}',
      ],
    ],
    mistakes: [
      {
        lines: ['HSET user:42:profile name Ada', 'HSET user:42:cart sku-1001 2', 'INCR user:42:orders', 'CLUSTER KEYSLOT user:42:profile', 'SET answer:slot {{re:\\(integer\\) (\\d+)\\s*$}}'],
        expect: /The keys do not share a hash slot: .*Put the same \{hash tag\}/,
      },
      {
        lines: ['HSET user:{42}:profile name Ada', 'HSET user:{42}:cart sku-1001 2', 'INCR user:{42}:orders', 'SET answer:slot 8000'],
        expect: /written one command at a time/,
      },
      {
        lines: [
          'redis-cli -c -h $CONFIG --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning',
          'HSET user:{42}:profile name Ada',
          'MULTI',
          'HSET user:{42}:cart sku-1001 2',
          'INCR user:{42}:orders',
          'EXEC',
          'exit',
          'CLUSTER KEYSLOT user:42:profile',
          'SET answer:slot {{re:\\(integer\\) (\\d+)\\s*$}}',
        ],
        expect: /answer:slot is "\d+", but your keys are in slot 8000/,
      },
    ],
  },
});
