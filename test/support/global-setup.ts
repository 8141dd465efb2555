/**
 * @module Vitest global setup: claims a port lane for the run and tells the workers (CACHELAB_TEST_PORT_LANE); at the
 * end reaps every redis-server still running on the lane, naming each, so a leak shows in the log but never outlives
 * the run (a CI machine keeps no stray servers, the next run finds its ports free).
 */
import { claimPortLane } from './claim-port-lane.ts';
import { type LeftoverRedis, reapLeftoverRedis } from './reap-leftover-redis.ts';
import { laneRange } from './test-port-range.ts';

function report(leftovers: LeftoverRedis[]): void {
  if (leftovers.length === 0) return;
  const lines = leftovers.map((p) => `  pid ${p.pid} ${p.title} in ${p.cwd}`).join('\n');
  console.warn(`[test ports] after the run: killed ${leftovers.length} redis-server process(es) a test did not stop; find the test whose sandbox dir this is and dispose its engine:\n${lines}`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // A lane set by hand may be shared with another run: then nothing is claimed and nothing reaped.
  if (process.env.CACHELAB_TEST_PORT_LANE) return async () => {};
  const claimed = await claimPortLane();
  process.env.CACHELAB_TEST_PORT_LANE = String(claimed.lane);
  const range = laneRange(claimed.lane);
  return async () => {
    report(reapLeftoverRedis(range));
    await claimed.release();
  };
}
