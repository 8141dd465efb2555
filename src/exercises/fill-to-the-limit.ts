/**
 * @module Platform setup for the caching exercises: a node that is already full. Fills the primary with keys that
 * have no TTL, then lowers maxmemory just below the memory in use (as if the cache ran on a small node type), so the
 * very next write meets the eviction policy. restoreParameterDefaults puts maxmemory back when the exercise ends.
 */
import type { Redis } from 'ioredis';
import type { Sandbox } from '../../sandbox/sandbox-engine.ts';
import { infoField } from './check-helpers.ts';
import { setMaxmemory } from './node-parameters.ts';

const DAY_SECONDS = 86_400;

export interface FullCacheOptions {
  /** Filler keys are `${prefix}${n}`, without TTL. */
  prefix: string;
  keys: number;
  valueBytes: number;
  /** How far above maxmemory used memory ends up: the amount the first write under an evicting policy frees. */
  overBytes?: number;
}

export async function fillToTheLimit(sandbox: Sandbox, admin: Redis, options: FullCacheOptions): Promise<void> {
  // Room to write first (a previous setup may have left the node full), then the same filler every time.
  await setMaxmemory(sandbox, 0);
  // RESTORE ... IDLETIME makes the filler a day old in LRU terms, as leftovers of an old job would be; written now,
  // it would tie with the learner's fresh keys (the LRU clock ticks once a second) and LRU could pick theirs.
  const template = `${options.prefix}template`;
  await admin.set(template, 'x'.repeat(options.valueBytes));
  const dump = await admin.dumpBuffer(template);
  await admin.del(template);
  for (let start = 0; start < options.keys; start += 500) {
    const pipeline = admin.pipeline();
    for (let n = start; n < Math.min(start + 500, options.keys); n += 1) {
      pipeline.call('RESTORE', `${options.prefix}${n}`, '0', dump, 'REPLACE', 'IDLETIME', String(DAY_SECONDS));
    }
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0]!;
  }
  const used = Number(await infoField(admin, 'memory', 'used_memory'));
  await setMaxmemory(sandbox, used - (options.overBytes ?? 256 * 1024));
}
