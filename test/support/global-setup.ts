/**
 * @module Vitest global setup: claims a port lane for the run and tells the workers (CACHELAB_TEST_PORT_LANE); gives
 * the run its own TMPDIR, and at the end kills each redis-server still working inside it (naming them, so a leak
 * shows in the log but never outlives the run) and removes the directory with whatever temp files tests left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimPortLane } from './claim-port-lane.ts';
import { type LeftoverRedis, reapLeftoverRedis } from './reap-leftover-redis.ts';

function report(leftovers: LeftoverRedis[]): void {
  if (leftovers.length === 0) return;
  const lines = leftovers.map((p) => `  pid ${p.pid} ${p.title} in ${p.cwd}`).join('\n');
  console.warn(
    `[test teardown] killed ${leftovers.length} redis-server process(es) that a test left running; the directory names the sandbox, dispose its engine in that test:\n${lines}`,
  );
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Workers and everything they spawn inherit the environment as it is after this setup.
  const runDir = mkdtempSync(join(tmpdir(), 'cachelab-test-run-'));
  process.env.TMPDIR = runDir;
  // A lane set by hand (perhaps shared with another run on purpose) is kept as it is.
  const claimed = process.env.CACHELAB_TEST_PORT_LANE ? undefined : await claimPortLane();
  if (claimed) process.env.CACHELAB_TEST_PORT_LANE = String(claimed.lane);
  return async () => {
    report(reapLeftoverRedis(runDir));
    rmSync(runDir, { recursive: true, force: true });
    await claimed?.release();
  };
}
