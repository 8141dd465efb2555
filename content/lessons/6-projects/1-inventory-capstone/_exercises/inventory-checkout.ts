/**
 * @module Exercise inventory-checkout: an atomic check-and-decrement that never oversells. The learner registers
 * their checkout in `checkout:impl` (a loaded Lua script, a function, or a WATCH/MULTI transaction template); the
 * check fires orders at it as the learner's application would (a boundary case, then 200 orders from 24 connections
 * at once) on probe keys of its own, and proves the stock never goes below zero and every sale is recorded.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import {
  type Checkout,
  fireConcurrentOrders,
  IMPL_KEY,
  placeOrder,
  probeKeys,
  readCheckout,
  recordedOrders,
  TX_KEY,
} from '../../../../../src/exercises/checkout-probe.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const STOCK = 60;
const ORDERS = 200;
/** Connections firing orders at once; the node allows 64 clients in all, and the learner's terminal needs some. */
const CONNECTIONS = 24;

const SCRIPT =
  "local stock = tonumber(redis.call('GET', KEYS[1]) or '0') local qty = tonumber(ARGV[1]) if stock < qty then return -1 end local left = redis.call('DECRBY', KEYS[1], qty) redis.call('XADD', KEYS[2], '*', 'sku', ARGV[2], 'qty', ARGV[1], 'order', ARGV[3]) return left";
const SCRIPT_CHECKS_ZERO = SCRIPT.replace('if stock < qty then', 'if stock <= 0 then');
const SCRIPT_NO_EVENT =
  "local stock = tonumber(redis.call('GET', KEYS[1]) or '0') local qty = tonumber(ARGV[1]) if stock < qty then return -1 end return redis.call('DECRBY', KEYS[1], qty)";
const FUNCTION_LIBRARY =
  "#!lua name=shop\\nredis.register_function('checkout', function(keys, args) local stock = tonumber(redis.call('GET', keys[1]) or '0') local qty = tonumber(args[1]) if stock < qty then return -1 end local left = redis.call('DECRBY', keys[1], qty) redis.call('XADD', keys[2], '*', 'sku', args[2], 'qty', args[1], 'order', args[3]) return left end)";
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function describeError(error: string, checkout: Checkout): string {
  if (error.startsWith('NOSCRIPT')) return `the script ${checkout.kind === 'script' ? checkout.sha : ''} is not loaded (SCRIPT FLUSH and node restarts empty the script cache); SCRIPT LOAD it again`;
  if (/function not found/i.test(error)) return `there is no function ${checkout.kind === 'function' ? checkout.name : ''}; register it with FUNCTION LOAD`;
  return error;
}

async function cleanup(admin: Redis, keys: Array<{ stock: string; events: string }>): Promise<void> {
  const names = keys.flatMap((k) => [k.stock, k.events]);
  if (names.length > 0) await admin.del(...names);
}

export default defineExercise({
  id: 'inventory-checkout',
  title: 'Capstone: a checkout that never oversells',
  lesson: '6-projects/1-inventory-capstone',
  spec: { topology: 'single' },
  points: 30,
  hints: [
    'Reading the stock with GET and writing it back with SET or DECRBY from the application is a race: two checkouts can read the same stock before either one writes.',
    "A Lua script runs atomically: `SCRIPT LOAD \"<script>\"` returns a SHA1 digest; register it with `HSET checkout:impl kind script sha <digest>`. The lesson's EVAL script has the right contract. (A function works too: type FUNCTION LOAD inside `redis-cli`, where \"\\n\" becomes the newline its #!lua line needs.)",
    'Refuse an order when the stock is smaller than the quantity (`stock < qty`), not only when the stock is 0, and XADD the order event in the same script.',
    'Prefer WATCH/MULTI? Register `HSET checkout:impl kind transaction watch {stock}` and list the commands to queue in `checkout:tx`, e.g. `RPUSH checkout:tx "DECRBY {stock} {qty}" "XADD {events} * sku {sku} qty {qty} order {order}"`. Without a WATCH the probe will oversell.',
  ],
  solution: `Load the lesson's script and register its digest:

\`\`\`text
SCRIPT LOAD "${SCRIPT}"
HSET checkout:impl kind script sha ${sha1(SCRIPT)}
\`\`\`

The script reads the stock, refuses the order with -1 when the stock is smaller than the quantity, and otherwise decrements and
XADDs the order event in the same atomic step, so the stock cannot go below zero however many checkouts run at once.

Alternatives that pass too:

- A function: \`FUNCTION LOAD "#!lua name=shop\\nredis.register_function('checkout', function(keys, args) ... end)"\`, then
  \`HSET checkout:impl kind function name checkout\`. Type FUNCTION LOAD inside an interactive \`redis-cli\` session: there a
  \`\\n\` inside double quotes becomes the newline a library needs after its \`#!lua\` line.
- WATCH/MULTI: \`HSET checkout:impl kind transaction watch {stock}\` and
  \`RPUSH checkout:tx "DECRBY {stock} {qty}" "XADD {events} * sku {sku} qty {qty} order {order}"\`. The probe WATCHes the stock
  key, reads it, refuses when it is short, queues your commands and retries whenever EXEC returns nil. It is correct, but under
  contention most transactions abort and retry, which is why the script is preferred for hot keys.`,

  async setup({ admin }) {
    const client = admin();
    await client.del(IMPL_KEY, TX_KEY, 'inventory:events');
    await client.call('SCRIPT', 'FLUSH');
    await client.call('FUNCTION', 'FLUSH');
    await client.set('stock:sku-42', '5');
  },

  async check({ admin, learner }) {
    const client = admin();
    const checkout = await readCheckout(client);
    if (typeof checkout === 'string') return [fail('the checkout is registered', checkout)];
    const checks: Condition[] = [pass('the checkout is registered', `\`${IMPL_KEY}\` registers a ${checkout.kind} checkout.`)];
    const used: Array<{ stock: string; events: string }> = [];
    const app = learner();
    try {
      // Boundary: 2 in stock, an order of 3 must be refused, then an order of 2 must take exactly the last units.
      const edge = probeKeys();
      used.push(edge);
      await client.set(edge.stock, '2');
      const tooMany = await placeOrder(app, checkout, edge, 3, 'edge-1');
      if ('error' in tooMany) return [...checks, fail('the checkout runs', `Your checkout failed when the probe called it: ${describeError(tooMany.error, checkout)}.`)];
      const afterRefusal = Number(await client.get(edge.stock));
      checks.push(
        !tooMany.accepted && afterRefusal === 2
          ? pass('an order larger than the stock is refused', 'With 2 in stock, an order of 3 was refused and the stock stayed at 2.')
          : fail(
              'an order larger than the stock is refused',
              `With 2 in stock, an order of 3 was accepted and the stock went to ${afterRefusal}: compare the stock with the quantity ordered (stock < qty), not with 0.`,
            ),
      );
      await client.set(edge.stock, '2');
      const lastUnits = await placeOrder(app, checkout, edge, 2, 'edge-2');
      const afterSale = Number(await client.get(edge.stock));
      checks.push(
        'accepted' in lastUnits && lastUnits.accepted && afterSale === 0
          ? pass('the last units can be sold', 'With 2 in stock, an order of 2 was accepted and the stock reached 0.')
          : fail(
              'the last units can be sold',
              'error' in lastUnits
                ? `With 2 in stock, an order of 2 failed: ${describeError(lastUnits.error, checkout)}.`
                : `With 2 in stock, an order of 2 was refused (stock now ${afterSale}): refuse only when the stock is smaller than the quantity.`,
            ),
      );

      // Concurrency: 200 orders of 1 unit for 60 units, from 24 connections at once.
      const rush = probeKeys();
      used.push(rush);
      await client.set(rush.stock, String(STOCK));
      const connections = Array.from({ length: CONNECTIONS }, () => app.duplicate({ commandTimeout: 10_000 }));
      let outcome;
      try {
        outcome = await fireConcurrentOrders(connections, checkout, rush, ORDERS);
      } finally {
        for (const connection of connections) connection.disconnect();
      }
      const finalStock = Number(await client.get(rush.stock));
      const sold = outcome.accepted.length;
      if (outcome.errors.length > 0) {
        checks.push(fail('no order fails', `${outcome.errors.length} of ${ORDERS} concurrent orders failed, e.g. ${describeError(outcome.errors[0]!, checkout)}.`));
      }
      checks.push(
        sold <= STOCK && finalStock >= 0 && outcome.lowestRemaining >= 0
          ? pass('concurrent orders never oversell', `${ORDERS} concurrent orders for ${STOCK} units: ${sold} accepted, the stock ended at ${finalStock}.`)
          : fail(
              'concurrent orders never oversell',
              `${ORDERS} concurrent orders for ${STOCK} units: ${sold} were accepted and the stock ended at ${finalStock}. Checking and decrementing are not one atomic step: use a Lua script, or WATCH the stock key.`,
            ),
      );
      if (sold <= STOCK) {
        checks.push(
          sold === STOCK && finalStock === 0
            ? pass('all the stock is sold', `All ${STOCK} units were sold; the other ${outcome.refused} orders were refused.`)
            : fail('all the stock is sold', `Only ${sold} of ${STOCK} units were sold although ${ORDERS} orders came in; the stock ended at ${finalStock}. An order may only be refused when the stock is short.`),
        );
      }
      const recorded = await recordedOrders(client, rush.events);
      const missing = outcome.accepted.filter((order) => !recorded.includes(order));
      checks.push(
        missing.length === 0 && recorded.length === sold
          ? pass('every sale is recorded', `Each of the ${sold} accepted orders appended exactly one event with its order id to the events stream.`)
          : fail(
              'every sale is recorded',
              `${sold} orders were accepted but the events stream (KEYS[2]) holds ${recorded.length} order events. XADD each accepted order (field order = ARGV[3]) in the same atomic step, and nothing for refused ones.`,
            ),
      );
    } finally {
      await cleanup(client, used);
    }
    return checks;
  },

  examples: {
    correct: [
      [`SCRIPT LOAD "${SCRIPT}"`, `HSET checkout:impl kind script sha ${sha1(SCRIPT)}`, 'EVALSHA ' + sha1(SCRIPT) + ' 2 stock:sku-42 inventory:events 2 sku-42 o-1001'],
      [
        // A library needs a newline after its #!lua line: redis-cli turns "\n" inside double quotes into one.
        'redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning',
        `FUNCTION LOAD "${FUNCTION_LIBRARY}"`,
        'FCALL checkout 2 stock:sku-42 inventory:events 1 sku-42 o-1002',
        'HSET checkout:impl kind function name checkout',
      ],
      [
        'HSET checkout:impl kind transaction watch {stock}',
        'RPUSH checkout:tx "DECRBY {stock} {qty}" "XADD {events} * sku {sku} qty {qty} order {order}"',
      ],
    ],
    mistakes: [
      {
        lines: ['HSET checkout:impl kind transaction', 'RPUSH checkout:tx "DECRBY {stock} {qty}" "XADD {events} * sku {sku} qty {qty} order {order}"'],
        expect: /200 concurrent orders for 60 units: \d+ were accepted and the stock ended at -\d+/,
      },
      {
        lines: [`SCRIPT LOAD "${SCRIPT_CHECKS_ZERO}"`, `HSET checkout:impl kind script sha ${sha1(SCRIPT_CHECKS_ZERO)}`],
        expect: /an order of 3 was accepted and the stock went to -1: compare the stock with the quantity/,
      },
      {
        lines: [`SCRIPT LOAD "${SCRIPT_NO_EVENT}"`, `HSET checkout:impl kind script sha ${sha1(SCRIPT_NO_EVENT)}`],
        expect: /60 orders were accepted but the events stream \(KEYS\[2\]\) holds 0 order events/,
      },
      {
        lines: [`SCRIPT LOAD "${SCRIPT}"`, `SET checkout:impl ${sha1(SCRIPT)}`],
        expect: /expected `checkout:impl` to be a hash .*; it is a string/,
      },
      {
        lines: [`EVAL "${SCRIPT}" 2 stock:sku-42 inventory:events 1 sku-42 o-1001`, 'SCRIPT FLUSH', `HSET checkout:impl kind script sha ${sha1(SCRIPT)}`],
        expect: /is not loaded .*SCRIPT LOAD it again/,
      },
    ],
  },
});
