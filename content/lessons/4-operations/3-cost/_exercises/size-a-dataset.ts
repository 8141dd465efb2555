/** @module Guided exercise size-a-dataset: estimate the memory a dataset needs from MEMORY USAGE or INFO memory. */
import { fail, infoField, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const PRODUCTS = 2000;
const TOLERANCE = 0.25;

/** What the platform measures: MEMORY USAGE (exact, SAMPLES 0) of every product, summed. */
async function measured(client: import('ioredis').Redis): Promise<number> {
  const pipeline = client.pipeline();
  for (let i = 1; i <= PRODUCTS; i += 1) pipeline.call('MEMORY', 'USAGE', `product:${i}`, 'SAMPLES', '0');
  const replies = (await pipeline.exec()) ?? [];
  return replies.reduce((sum, [, bytes]) => sum + (Number(bytes) || 0), 0);
}

export default defineExercise({
  id: 'size-a-dataset',
  title: 'Size a dataset before you pick a node type',
  lesson: '4-operations/3-cost',
  spec: { topology: 'single' },
  points: 10,
  hints: [
    'Your sandbox holds 2,000 product hashes (`product:1` ... `product:2000`) of similar size. `MEMORY USAGE product:1` gives the bytes one of them takes, including its per-key overhead; `DBSIZE` counts the keys.',
    'Multiply, or read `used_memory_dataset` from `INFO memory`. Do not use `used_memory`: it includes the engine\'s own overhead (buffers, replication backlog, Lua), which is not your data. Store a whole number of bytes: `SET answer:dataset-bytes <bytes>`.',
  ],
  solution: `\`\`\`text
DBSIZE
MEMORY USAGE product:1
MEMORY USAGE product:2000
SET answer:dataset-bytes 224000
\`\`\`

(2,000 keys times about 112 bytes each: use your own numbers.) \`INFO memory\`'s \`used_memory_dataset\` is a second estimate. To size a
node, add headroom on top of the dataset: for growth, fragmentation and the memory ElastiCache reserves for background work such as
backups and replication (the reserved-memory-percent parameter).`,

  async setup({ admin }) {
    const client = admin();
    const pipeline = client.pipeline();
    for (let i = 1; i <= PRODUCTS; i += 1) {
      pipeline.del(`product:${i}`).hset(`product:${i}`, { name: `Product ${i}`, price: String((i % 90) + 9.5), stock: String(i % 50), color: ['blue', 'red', 'green'][i % 3]! });
    }
    pipeline.del('answer:dataset-bytes');
    await pipeline.exec();
  },

  async check({ admin }) {
    const client = admin();
    const checks: Condition[] = [];
    const count = (await client.keys('product:*')).length;
    checks.push(
      count === PRODUCTS
        ? pass('the 2,000 products are intact', `${PRODUCTS} product hashes are in place.`)
        : fail('the 2,000 products are intact', `${count} of ${PRODUCTS} products are left; an estimate of a changed dataset means nothing. \`lab reset\` brings them back.`),
    );
    const truth = await measured(client);
    const answer = await client.get('answer:dataset-bytes');
    const name = '`answer:dataset-bytes` is within 25% of a measurement';
    if (answer === null) {
      checks.push(fail(name, 'answer:dataset-bytes does not exist. Estimate the bytes the 2,000 products use and store a whole number: SET answer:dataset-bytes <bytes>.'));
    } else if (!/^\d+$/.test(answer.trim())) {
      checks.push(fail(name, `answer:dataset-bytes is ${JSON.stringify(answer)}; store a plain number of bytes (no units), e.g. 224000.`));
    } else {
      const estimate = Number(answer.trim());
      // Two honest measurements disagree (allocator rounding, dict overhead): an estimate close to either passes.
      const dataset = Number(await infoField(client, 'memory', 'used_memory_dataset'));
      const references = [
        { what: 'the sum of MEMORY USAGE over every product', bytes: truth },
        { what: "INFO memory's used_memory_dataset", bytes: dataset },
      ].map((r) => ({ ...r, off: (estimate - r.bytes) / r.bytes }));
      const close = references.find((r) => Math.abs(r.off) <= TOLERANCE);
      const low = Math.min(truth, dataset);
      const high = Math.max(truth, dataset);
      if (close) {
        checks.push(pass(name, `Your estimate ${estimate} B is within ${Math.round(Math.abs(close.off) * 100)}% of ${close.what} (${close.bytes} B).`));
      } else if (estimate > high) {
        checks.push(
          fail(
            name,
            `${estimate} B is ${Math.round(((estimate - high) / high) * 100)}% above what the products use (${truth} B by MEMORY USAGE, ${dataset} B used_memory_dataset): did you take used_memory? It includes the engine's own overhead. Use MEMORY USAGE x DBSIZE or used_memory_dataset.`,
          ),
        );
      } else if (estimate < low) {
        checks.push(fail(name, `${estimate} B is ${Math.round(((low - estimate) / low) * 100)}% below what the products use (${truth} B by MEMORY USAGE): one key's MEMORY USAGE is not the dataset; multiply by the number of keys (DBSIZE).`));
      } else {
        checks.push(fail(name, `${estimate} B lies between the two measurements (${truth} B by MEMORY USAGE, ${dataset} B used_memory_dataset) but within 25% of neither; measure again.`));
      }
    }
    return checks;
  },

  examples: {
    correct: [
      ['DBSIZE', 'MEMORY USAGE product:1', 'EVAL "return tonumber(ARGV[1]) * 2000" 0 {{re:\\(integer\\) (\\d+)\\s*$}}', 'SET answer:dataset-bytes {{re:\\(integer\\) (\\d+)\\s*$}}'],
      ['INFO memory', 'SET answer:dataset-bytes {{re:used_memory_dataset:(\\d+)}}'],
    ],
    mistakes: [
      { lines: ['INFO memory', 'SET answer:dataset-bytes {{re:used_memory:(\\d+)}}'], expect: /did you take used_memory\?/ },
      { lines: ['MEMORY USAGE product:1', 'SET answer:dataset-bytes {{re:\\(integer\\) (\\d+)\\s*$}}'], expect: /one key's MEMORY USAGE is not the dataset/ },
      { lines: ['INFO memory', 'SET answer:dataset-bytes {{re:used_memory_dataset_perc:([\\d.]+%)}}'], expect: /store a plain number of bytes/ },
    ],
  },
});
