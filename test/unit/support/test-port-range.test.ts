/** Test port ranges: disjoint for every lane, worker and turn, bus ports included, and always a valid engine range. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortAllocator } from '../../../sandbox/port-allocator.ts';
import { LANES, laneRange, laneLockPort, type PortRange } from '../../support/test-port-range.ts';

const BUS = 10_000;

/** A fresh copy of the module: its turn counter starts at zero, as in a new worker process. */
async function freshRanges(env: Record<string, string | undefined>, calls: number): Promise<PortRange[]> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  const { testPortRange } = await import('../../support/test-port-range.ts');
  return Array.from({ length: calls }, () => testPortRange());
}

function overlaps([a, b]: PortRange, [c, d]: PortRange): boolean {
  return a <= d && c <= b;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('testPortRange', () => {
  it('gives every lane, pool slot and turn its own ports, and no node port is another range bus port', async () => {
    const ranges: PortRange[] = [];
    for (let lane = 0; lane < LANES; lane += 1) {
      for (const pool of [undefined, '1', '2', '3']) {
        ranges.push(...(await freshRanges({ CACHELAB_TEST_PORT_LANE: String(lane), VITEST_POOL_ID: pool }, 2)));
      }
    }
    expect(new Set(ranges.map((r) => r.join('-'))).size).toBe(LANES * 4 * 2);
    const withBus = ranges.flatMap(([low, high]): PortRange[] => [[low, high], [low + BUS, high + BUS]]);
    for (const [i, a] of withBus.entries()) {
      for (const b of withBus.slice(i + 1)) expect(overlaps(a, b), `${a} vs ${b}`).toBe(false);
    }
    for (const [low, high] of ranges) {
      expect(() => new PortAllocator([low, high])).not.toThrow();
      expect(high + BUS).toBeLessThanOrEqual(65_535);
      expect(low > 6379 || high < 6379).toBe(true);
      for (let lane = 0; lane < LANES; lane += 1) expect(low <= laneLockPort(lane) && laneLockPort(lane) <= high).toBe(false);
    }
  });

  it('alternates between two ranges within one worker, and stays inside its lane', async () => {
    const [first, second, third] = await freshRanges({ CACHELAB_TEST_PORT_LANE: '2', VITEST_POOL_ID: '1' }, 3);
    expect(first).not.toEqual(second);
    expect(third).toEqual(first);
    const [low, high] = laneRange(2);
    expect(first![0] >= low && second![1] <= high).toBe(true);
  });

  it('refuses a lane that does not exist, saying which ones do', async () => {
    await expect(freshRanges({ CACHELAB_TEST_PORT_LANE: String(LANES), VITEST_POOL_ID: '1' }, 1)).rejects.toThrow(/0\.\.3/);
  });
});
