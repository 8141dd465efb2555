/** Admission: 429 per learner, 503 machine-wide by count and by memory. */
import { describe, expect, it } from 'vitest';
import { admit, processCount } from '../../../sandbox/governance.ts';
import type { EngineOptions } from '../../../sandbox/engine-options.ts';

const options = { sandboxesPerLearner: 2, maxSandboxes: 3, memoryBudgetMb: 1000 } as EngineOptions;
const single = { topology: 'single' } as const;
const occupant = (ownerId: string, rssMb = 0) => ({ ownerId, spec: single, rssBytes: () => rssMb * 1024 * 1024 });

describe('admit', () => {
  it('counts processes per shape, Sentinels included', () => {
    expect(processCount(single)).toBe(1);
    expect(processCount({ topology: 'replication', replicas: 2 })).toBe(6);
    expect(processCount({ topology: 'replication', replicas: 0 })).toBe(1);
    expect(processCount({ topology: 'cluster', shards: 3, replicasPerShard: 1 })).toBe(6);
  });

  it('applies the per-learner cap first (429), then the machine caps (503)', () => {
    const two = [occupant('a'), occupant('a')];
    expect(() => admit(options, 'a', single, two, two)).toThrow(expect.objectContaining({ status: 429 }));
    const three = [...two, occupant('b')];
    expect(() => admit(options, 'c', single, three, three)).toThrow(expect.objectContaining({ status: 503 }));
    const heavy = [occupant('b', 995)];
    expect(() => admit(options, 'c', single, heavy, heavy)).toThrow(/memory budget/);
    expect(() => admit(options, 'c', single, [occupant('b')], [occupant('b')])).not.toThrow();
  });
});
