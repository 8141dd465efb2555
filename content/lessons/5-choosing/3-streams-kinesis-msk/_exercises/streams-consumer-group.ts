/**
 * @module Exercise streams-consumer-group: create a group, take over an entry stuck with a dead consumer, read and
 * acknowledge. After XACK the pending list no longer shows who claimed an entry, so the exercise's listener watches
 * the node's command feed (MONITOR, as admin) for the XCLAIM/XAUTOCLAIM the learner ran.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { expectType, fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition, ExerciseListener } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const STREAM = 'orders:events';
const GROUP = 'fulfillment';
const NEW_GROUP = 'audit';
const DEAD = 'worker-dead';
const LIVE = 'worker-2';
const STUCK_ID = '2-0';
const LAST_ID = '5-0';
const MIN_IDLE_MS = 60_000;
/** How long the dead worker has been silent when the exercise starts. */
const STUCK_IDLE_MS = 15 * 60_000;
const ORDERS = [
  ['1-0', 'o-1001', 'mug', '2'],
  ['2-0', 'o-1002', 'pen', '5'],
  ['3-0', 'o-1003', 'mug', '1'],
  ['4-0', 'o-1004', 'cup', '3'],
  ['5-0', 'o-1005', 'pen', '1'],
] as const;

/** The stream commands the learner ran, as the node's MONITOR feed showed them. */
export interface StreamCommandLog extends ExerciseListener {
  commands: string[][];
  connected(): boolean;
  /** Resolves when every command the node ran before the call has reached the log. */
  flush(admin: Redis): Promise<void>;
}

async function startCommandLog(base: Redis): Promise<StreamCommandLog> {
  const quiet = base.duplicate({ retryStrategy: (attempt: number) => (attempt > 5 ? null : attempt * 200) });
  base.disconnect();
  quiet.on('error', () => {});
  const monitor = await quiet.monitor();
  quiet.disconnect();
  monitor.on('error', () => {});
  const commands: string[][] = [];
  const waiting = new Map<string, () => void>();
  monitor.on('monitor', (_time: string, args: string[]) => {
    const name = String(args[0]).toUpperCase();
    if (name === 'ECHO' && waiting.has(String(args[1]))) {
      waiting.get(String(args[1]))!();
      return;
    }
    if (['XCLAIM', 'XAUTOCLAIM'].includes(name) && args[1] === STREAM && commands.length < 500) commands.push(args.map(String));
  });
  return {
    commands,
    // ioredis sets the status "monitoring" once MONITOR is on; its RedisStatus type does not list it.
    connected: () => (monitor.status as string) === 'monitoring',
    async flush(admin) {
      const token = `cachelab-barrier-${randomBytes(6).toString('hex')}`;
      const seen = new Promise<void>((resolve) => {
        waiting.set(token, resolve);
        setTimeout(resolve, 2000).unref();
      });
      await admin.echo(token);
      await seen;
      waiting.delete(token);
    },
    dispose: () => monitor.disconnect(),
  };
}

function compareIds(a: string, b: string): number {
  const [ams, aseq = '0'] = a.split('-');
  const [bms, bseq = '0'] = b.split('-');
  return Number(ams) - Number(bms) || Number(aseq) - Number(bseq);
}

/** Did this XCLAIM/XAUTOCLAIM take over the stuck entry, for whom, with which min-idle-time? */
function claimOf(args: string[]): { consumer: string; minIdle: number } | undefined {
  const [name, , group, consumer, minIdle, ...rest] = args;
  if (group !== GROUP || consumer === undefined) return undefined;
  if (name!.toUpperCase() === 'XCLAIM' && !rest.includes(STUCK_ID)) return undefined;
  if (name!.toUpperCase() === 'XAUTOCLAIM') {
    const start = rest[0] === '-' ? '0-0' : (rest[0] ?? '');
    if (!/^\d+(-\d+)?$/.test(start) || compareIds(start, STUCK_ID) > 0) return undefined;
  }
  return { consumer, minIdle: Number(minIdle) };
}

function field(reply: unknown[], name: string): unknown {
  const index = reply.indexOf(name);
  return index >= 0 ? reply[index + 1] : undefined;
}

export default defineExercise({
  id: 'streams-consumer-group',
  title: 'Streams: rescue an order stuck with a dead consumer',
  lesson: '5-choosing/3-streams-kinesis-msk',
  spec: { topology: 'single' },
  points: 20,
  hints: [
    '`XINFO GROUPS orders:events` lists the groups; `XPENDING orders:events fulfillment - + 10` lists each pending entry with its owner and idle time.',
    'A group that should deliver the whole history starts at ID 0: `XGROUP CREATE orders:events audit 0`. `$` would start after the last entry.',
    'Take over the stuck entry only if it has been idle long enough: `XCLAIM orders:events fulfillment worker-2 60000 2-0` (or `XAUTOCLAIM orders:events fulfillment worker-2 60000 0-0`).',
    'Then let worker-2 read the entries nobody has seen (`XREADGROUP GROUP fulfillment worker-2 COUNT 10 STREAMS orders:events ">"`) and `XACK` everything it processed.',
  ],
  solution: `\`\`\`text
XGROUP CREATE orders:events audit 0
XPENDING orders:events fulfillment - + 10
XCLAIM orders:events fulfillment worker-2 60000 2-0
XACK orders:events fulfillment 2-0
XREADGROUP GROUP fulfillment worker-2 COUNT 10 STREAMS orders:events ">"
XACK orders:events fulfillment 3-0 4-0 5-0
XPENDING orders:events fulfillment
\`\`\`

XPENDING shows 2-0 owned by worker-dead, idle for about 15 minutes. XCLAIM with a min-idle-time of 60000 ms takes it over only
because it has been idle that long, so an entry a healthy worker is still processing is never stolen. \`XAUTOCLAIM ... 60000 0-0\`
does the same scan for you. Acknowledge after processing, never before.`,

  async setup({ admin }) {
    const client = admin();
    await client.del(STREAM);
    for (const [id, order, sku, qty] of ORDERS) await client.xadd(STREAM, id, 'order', order, 'sku', sku, 'qty', qty);
    await client.xgroup('CREATE', STREAM, GROUP, '0');
    await client.call('XREADGROUP', 'GROUP', GROUP, DEAD, 'COUNT', '2', 'STREAMS', STREAM, '>');
    await client.xack(STREAM, GROUP, '1-0');
    // The dead worker's entry looks 15 minutes old, as if it crashed long ago; JUSTID keeps its delivery count at 1.
    await client.call('XCLAIM', STREAM, GROUP, DEAD, '0', STUCK_ID, 'IDLE', String(STUCK_IDLE_MS), 'JUSTID');
  },

  async listen(sandbox) {
    return startCommandLog(sandbox.adminClient('primary'));
  },

  async check({ admin, listener }) {
    const client = admin();
    const checks: Condition[] = [];
    const isStream = await expectType(client, STREAM, 'stream', 'Run `lab reset` to get the orders back.');
    if (!isStream.passed) return [isStream];

    const groups = (await client.call('XINFO', 'GROUPS', STREAM)) as unknown[][];
    const byName = new Map(groups.map((g) => [String(field(g, 'name')), g]));
    const audit = byName.get(NEW_GROUP);
    if (!audit) {
      checks.push(fail(`group \`${NEW_GROUP}\` starts at the beginning`, `There is no consumer group \`${NEW_GROUP}\` on \`${STREAM}\` (groups: ${[...byName.keys()].join(', ')}). Create it with XGROUP CREATE.`));
    } else {
      const lastDelivered = String(field(audit, 'last-delivered-id'));
      checks.push(
        lastDelivered === '0-0'
          ? pass(`group \`${NEW_GROUP}\` starts at the beginning`, `\`${NEW_GROUP}\` will deliver all ${ORDERS.length} orders from the first one.`)
          : lastDelivered === LAST_ID && Number(field(audit, 'pending')) === 0
            ? fail(
                `group \`${NEW_GROUP}\` starts at the beginning`,
                `\`${NEW_GROUP}\` starts after the last entry (created with $, or already read): it would only deliver future orders. Recreate it from the start: XGROUP DESTROY ${STREAM} ${NEW_GROUP}, then XGROUP CREATE ${STREAM} ${NEW_GROUP} 0.`,
              )
            : fail(`group \`${NEW_GROUP}\` starts at the beginning`, `\`${NEW_GROUP}\` has already delivered up to ${lastDelivered}; it should start at 0 and stay unread for the audit service.`),
      );
    }

    const fulfillment = byName.get(GROUP);
    if (!fulfillment) return [...checks, fail(`group \`${GROUP}\` exists`, `The \`${GROUP}\` group is gone; run \`lab reset\`.`)];
    const pending = (await client.call('XPENDING', STREAM, GROUP, '-', '+', '100')) as Array<[string, string, number, number]>;
    const stuck = pending.find(([id]) => id === STUCK_ID);

    const log = listener as StreamCommandLog | undefined;
    if (!log?.connected()) {
      checks.push(fail(`${STUCK_ID} was claimed by ${LIVE}`, 'The platform could not watch your commands (the platform or the node restarted). Run `lab reset` and do the exercise again.'));
    } else {
      await log.flush(client);
      const claims = log.commands.map(claimOf).filter((c) => c !== undefined);
      const good = claims.find((c) => c.consumer === LIVE && c.minIdle >= MIN_IDLE_MS);
      if (stuck && stuck[1] === DEAD) {
        checks.push(fail(`${STUCK_ID} was claimed by ${LIVE}`, `${STUCK_ID} is still pending for ${DEAD}, idle for ${Math.round(stuck[2] / 60_000)} minutes. Take it over for ${LIVE} with XCLAIM or XAUTOCLAIM.`));
      } else if (good) {
        checks.push(pass(`${STUCK_ID} was claimed by ${LIVE}`, `${LIVE} took over ${STUCK_ID} with a min-idle-time of ${good.minIdle} ms.`));
      } else if (claims.some((c) => c.consumer === LIVE)) {
        const used = claims.find((c) => c.consumer === LIVE)!;
        checks.push(
          fail(
            `${STUCK_ID} was claimed by ${LIVE}`,
            `You claimed ${STUCK_ID} with a min-idle-time of ${used.minIdle} ms. In production that steals entries healthy workers are still processing; use at least ${MIN_IDLE_MS} ms, so only entries idle that long move.`,
          ),
        );
      } else if (claims.length > 0) {
        checks.push(fail(`${STUCK_ID} was claimed by ${LIVE}`, `${STUCK_ID} was claimed for \`${claims[0]!.consumer}\`; the live worker in this exercise is \`${LIVE}\`.`));
      } else {
        checks.push(
          fail(
            `${STUCK_ID} was claimed by ${LIVE}`,
            `${STUCK_ID} was acknowledged without being claimed. A worker takes over a dead consumer's entry first (XCLAIM or XAUTOCLAIM), processes it, then acknowledges it.`,
          ),
        );
      }
    }

    const lastDelivered = String(field(fulfillment, 'last-delivered-id'));
    checks.push(
      compareIds(lastDelivered, LAST_ID) >= 0
        ? pass(`${LIVE} read the new orders`, `The \`${GROUP}\` group has delivered every order up to ${LAST_ID}.`)
        : fail(`${LIVE} read the new orders`, `The \`${GROUP}\` group has delivered only up to ${lastDelivered}; let ${LIVE} read the orders nobody has seen yet (XREADGROUP with ">").`),
    );
    const stillPending = pending.filter(([, owner]) => owner !== DEAD || !stuck).map(([id, owner]) => `${id} (${owner})`);
    checks.push(
      pending.length === 0
        ? pass(`nothing is pending in \`${GROUP}\``, `No entry is pending in \`${GROUP}\`: every delivered order was acknowledged.`)
        : fail(
            `nothing is pending in \`${GROUP}\``,
            `${pending.length} entries are still pending in \`${GROUP}\`: ${stillPending.join(', ') || pending.map(([id]) => id).join(', ')}. XACK each one after processing it.`,
          ),
    );
    return checks;
  },

  examples: {
    correct: [
      [
        'XGROUP CREATE orders:events audit 0',
        'XPENDING orders:events fulfillment - + 10',
        'XCLAIM orders:events fulfillment worker-2 60000 2-0',
        'XACK orders:events fulfillment 2-0',
        'XREADGROUP GROUP fulfillment worker-2 COUNT 10 STREAMS orders:events ">"',
        'XACK orders:events fulfillment 3-0 4-0 5-0',
        'XPENDING orders:events fulfillment',
      ],
      [
        'XINFO GROUPS orders:events',
        'XGROUP CREATE orders:events audit $',
        'XGROUP SETID orders:events audit 0',
        'XAUTOCLAIM orders:events fulfillment worker-2 600000 0-0 COUNT 10',
        'XREADGROUP GROUP fulfillment worker-2 COUNT 1 STREAMS orders:events ">"',
        'XREADGROUP GROUP fulfillment worker-2 COUNT 10 STREAMS orders:events ">"',
        'XACK orders:events fulfillment 2-0 3-0 4-0 5-0',
      ],
    ],
    mistakes: [
      {
        lines: [
          'XGROUP CREATE orders:events audit $',
          'XCLAIM orders:events fulfillment worker-2 60000 2-0',
          'XREADGROUP GROUP fulfillment worker-2 COUNT 10 STREAMS orders:events ">"',
          'XACK orders:events fulfillment 2-0 3-0 4-0 5-0',
        ],
        expect: /`audit` starts after the last entry \(created with \$/,
      },
      {
        lines: [
          'XGROUP CREATE orders:events audit 0',
          'XACK orders:events fulfillment 2-0',
          'XREADGROUP GROUP fulfillment worker-2 COUNT 10 STREAMS orders:events ">"',
          'XACK orders:events fulfillment 3-0 4-0 5-0',
        ],
        expect: /2-0 was acknowledged without being claimed/,
      },
      {
        lines: [
          'XGROUP CREATE orders:events audit 0',
          'XAUTOCLAIM orders:events fulfillment worker-2 0 0-0',
          'XREADGROUP GROUP fulfillment worker-2 COUNT 10 STREAMS orders:events ">"',
          'XACK orders:events fulfillment 2-0 3-0 4-0 5-0',
        ],
        expect: /min-idle-time of 0 ms/,
      },
      {
        lines: [
          'XGROUP CREATE orders:events audit 0',
          'XCLAIM orders:events fulfillment worker-2 60000 2-0',
          'XACK orders:events fulfillment 2-0',
          'XREADGROUP GROUP fulfillment worker-2 COUNT 10 STREAMS orders:events ">"',
        ],
        expect: /3 entries are still pending in `fulfillment`: 3-0 \(worker-2\)/,
      },
    ],
  },
});
