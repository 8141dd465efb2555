/**
 * @module Port ranges for test sandboxes: every test file running at the same time gets a disjoint range, so two
 * engines never race for one port between the allocator's bind check and redis-server's own bind.
 *
 * Layout (node ports; each node's cluster bus port is +10000):
 *   40000-49999 node ports, 50000-59999 their bus ports: disjoint from each other, from the platform's default
 *   range (20000-29999, bus 30000-39999), from 6379, and every bus port stays <= 65535.
 *   The region is cut into 4 lanes of 2500 ports, one per concurrent `vitest` run on the machine (developers and
 *   helpers run tests side by side): the run's global setup holds the lane's first port as a lock (see
 *   claim-port-lane.ts, global-setup.ts) and passes the lane number to its workers in CACHELAB_TEST_PORT_LANE.
 *   A lane is cut into 4 slots of 600 ports, picked by VITEST_POOL_ID (1..maxWorkers, unique among the workers
 *   running at that moment; slot 0 is for code outside vitest, e.g. the benchmarks).
 *   A slot is cut into 2 ranges of 300, handed out in turn to the engines one file (one worker process) starts,
 *   so an engine still shutting down never shares its range with the next one.
 */

export type PortRange = [number, number];

export const REGION_LOW = 40_000;
export const LANES = 4;
export const LANE_SIZE = 2_500;
/** The first ports of a lane: the lock port and a gap, never handed to an engine. */
const LANE_RESERVED = 100;
const SLOTS = 4;
const SLOT_SIZE = (LANE_SIZE - LANE_RESERVED) / SLOTS;
const RANGES_PER_SLOT = 2;
const RANGE_SIZE = SLOT_SIZE / RANGES_PER_SLOT;

let handedOut = 0;

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}=${raw} is not a non-negative integer; unset it or fix it.`);
  return value;
}

/** The lock port of a lane: held by the vitest run that uses the lane. */
export function laneLockPort(lane: number): number {
  return REGION_LOW + lane * LANE_SIZE;
}

/** Every node port a lane can hand out (its lock port excluded). */
export function laneRange(lane: number): PortRange {
  return [laneLockPort(lane) + 1, laneLockPort(lane) + LANE_SIZE - 1];
}

/** The range for this test file's next engine: [low, high], inclusive, 300 ports. */
export function testPortRange(): PortRange {
  const lane = integerFromEnv('CACHELAB_TEST_PORT_LANE', 0);
  if (lane >= LANES) throw new Error(`CACHELAB_TEST_PORT_LANE=${lane} is out of range: use 0..${LANES - 1}.`);
  // Outside vitest there is no pool id: slot 0. Pool ids above 3 (maxWorkers > 3) would share a slot: keep maxWorkers <= 3.
  const slot = integerFromEnv('VITEST_POOL_ID', 0) % SLOTS;
  const turn = handedOut % RANGES_PER_SLOT;
  handedOut += 1;
  const low = laneLockPort(lane) + LANE_RESERVED + slot * SLOT_SIZE + turn * RANGE_SIZE;
  return [low, low + RANGE_SIZE - 1];
}

/** `low-high`, the form CACHELAB_PORT_RANGE takes, for tests that start the real server as a child process. */
export function formatPortRange([low, high]: PortRange): string {
  return `${low}-${high}`;
}
