/**
 * @module The inventory-checkout probe: reads how the learner registered their checkout (`checkout:impl`: a loaded
 * script, a function, or a WATCH/MULTI transaction template), then fires orders at it as the learner's application
 * would, on keys of its own, and reports what happened: accepted and refused orders, the stock seen, the events.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export const IMPL_KEY = 'checkout:impl';
export const TX_KEY = 'checkout:tx';
const MAX_TX_RETRIES = 500;
/** Real checkout code does work between reading the stock and writing (pricing, fraud checks): a pause of 1 ms. */
const APPLICATION_WORK_MS = 1;

export type Checkout =
  | { kind: 'script'; sha: string }
  | { kind: 'function'; name: string }
  | { kind: 'transaction'; watch: string[]; commands: string[][] };

export interface ProbeKeys {
  stock: string;
  events: string;
  sku: string;
}

export type OrderOutcome = { accepted: true; remaining: number } | { accepted: false } | { error: string };

/** Reads `checkout:impl` (and `checkout:tx`); returns a message saying what is wrong when it is not usable. */
export async function readCheckout(admin: Redis): Promise<Checkout | string> {
  const type = await admin.type(IMPL_KEY);
  if (type === 'none') return `\`${IMPL_KEY}\` does not exist. Register your checkout there, e.g. HSET ${IMPL_KEY} kind script sha <sha from SCRIPT LOAD>.`;
  if (type !== 'hash') return `expected \`${IMPL_KEY}\` to be a hash (fields kind, sha / name / watch); it is a ${type === 'zset' ? 'sorted set' : type}.`;
  const impl = await admin.hgetall(IMPL_KEY);
  switch (impl.kind) {
    case 'script':
      if (!/^[0-9a-f]{40}$/i.test(impl.sha ?? '')) return `\`${IMPL_KEY}\` field sha must be the 40-character SHA1 digest that SCRIPT LOAD returned; it is ${JSON.stringify(impl.sha ?? null)}.`;
      return { kind: 'script', sha: impl.sha!.toLowerCase() };
    case 'function':
      if (!impl.name) return `\`${IMPL_KEY}\` field name must name the function you registered with FUNCTION LOAD.`;
      return { kind: 'function', name: impl.name };
    case 'transaction': {
      const lines = await admin.lrange(TX_KEY, 0, -1).catch(() => [] as string[]);
      if (lines.length === 0) return `\`${TX_KEY}\` must be a list of the commands to queue between MULTI and EXEC, e.g. RPUSH ${TX_KEY} "DECRBY {stock} {qty}".`;
      return { kind: 'transaction', watch: (impl.watch ?? '').split(/\s+/).filter(Boolean), commands: lines.map((l) => l.split(/\s+/).filter(Boolean)) };
    }
    default:
      return `\`${IMPL_KEY}\` field kind is ${JSON.stringify(impl.kind ?? null)}; use script, function or transaction.`;
  }
}

/** Fresh keys for one probe run, so the learner's own stock keys are never touched. */
export function probeKeys(): ProbeKeys {
  const tag = randomBytes(4).toString('hex');
  return { stock: `stock:probe-${tag}`, events: `inventory:probe-${tag}`, sku: `probe-${tag}` };
}

function fill(word: string, keys: ProbeKeys, qty: number, order: string): string {
  return word
    .replaceAll('{stock}', keys.stock)
    .replaceAll('{events}', keys.events)
    .replaceAll('{qty}', String(qty))
    .replaceAll('{sku}', keys.sku)
    .replaceAll('{order}', order);
}

/** Places one order through the learner's checkout on `client` (a learner connection). */
export async function placeOrder(client: Redis, checkout: Checkout, keys: ProbeKeys, qty: number, order: string): Promise<OrderOutcome> {
  try {
    if (checkout.kind === 'transaction') return await transactionOrder(client, checkout, keys, qty, order);
    const args = ['2', keys.stock, keys.events, String(qty), keys.sku, order];
    const reply = checkout.kind === 'script' ? await client.call('EVALSHA', checkout.sha, ...args) : await client.call('FCALL', checkout.name, ...args);
    const value = Number(reply);
    if (!Number.isInteger(value)) return { error: `it returned ${JSON.stringify(reply)}; return the remaining stock, or -1 for a refused order` };
    return value < 0 ? { accepted: false } : { accepted: true, remaining: value };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The application side of an optimistic transaction: WATCH, read, check, queue the learner's commands, EXEC, retry. */
async function transactionOrder(
  client: Redis,
  checkout: Extract<Checkout, { kind: 'transaction' }>,
  keys: ProbeKeys,
  qty: number,
  order: string,
): Promise<OrderOutcome> {
  for (let attempt = 0; attempt < MAX_TX_RETRIES; attempt += 1) {
    if (checkout.watch.length > 0) await client.watch(...checkout.watch.map((w) => fill(w, keys, qty, order)));
    const stock = Number((await client.get(keys.stock)) ?? '0');
    if (stock < qty) {
      await client.unwatch();
      return { accepted: false };
    }
    await new Promise((resolve) => setTimeout(resolve, APPLICATION_WORK_MS));
    const multi = client.multi();
    for (const words of checkout.commands) {
      const [name, ...args] = words.map((w) => fill(w, keys, qty, order));
      multi.call(name!, ...args);
    }
    const results = await multi.exec();
    if (results === null) continue;
    const failed = results.find(([error]) => error);
    if (failed) return { error: (failed[0] as Error).message };
    return { accepted: true, remaining: Number((await client.get(keys.stock)) ?? '0') };
  }
  return { error: `EXEC kept failing after ${MAX_TX_RETRIES} retries` };
}

export interface ConcurrencyResult {
  accepted: string[];
  refused: number;
  errors: string[];
  lowestRemaining: number;
}

/** Places `orders` orders of 1 unit from `clients` connections at once; each connection sends its share in turn. */
export async function fireConcurrentOrders(clients: Redis[], checkout: Checkout, keys: ProbeKeys, orders: number): Promise<ConcurrencyResult> {
  const result: ConcurrencyResult = { accepted: [], refused: 0, errors: [], lowestRemaining: Number.POSITIVE_INFINITY };
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      for (let n = next++; n < orders; n = next++) {
        const order = `p-${String(n).padStart(4, '0')}`;
        const outcome = await placeOrder(client, checkout, keys, 1, order);
        if ('error' in outcome) result.errors.push(outcome.error);
        else if (outcome.accepted) {
          result.accepted.push(order);
          result.lowestRemaining = Math.min(result.lowestRemaining, outcome.remaining);
        } else result.refused += 1;
      }
    }),
  );
  return result;
}

/** Order ids recorded in the events stream (field `order`). */
export async function recordedOrders(admin: Redis, events: string): Promise<string[]> {
  if ((await admin.type(events)) !== 'stream') return [];
  const entries = await admin.xrange(events, '-', '+');
  return entries.map(([, fields]) => (fields.indexOf('order') >= 0 ? (fields[fields.indexOf('order') + 1] ?? '') : '')).filter(Boolean);
}
