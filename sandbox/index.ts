/** @module The sandbox engine's entry point: reaps orphans of a previous run, then starts the engine and its warm pool. */
import { RedisSandboxEngine, redisVersionOf } from './engine.ts';
import type { EngineOptions } from './engine-options.ts';
import { detectMemoryCap } from './lockdown/memory-cap.ts';
import { reapOrphans } from './reaper.ts';

export type { EngineOptions } from './engine-options.ts';
export type { Sandbox, SandboxEngine, EngineHealth, ResolvedAddress } from './sandbox-engine.ts';
export { RedisSandboxEngine } from './engine.ts';

export async function createSandboxEngine(options: EngineOptions): Promise<RedisSandboxEngine> {
  const reaped = await reapOrphans(options.workDir);
  if (reaped.removedDirs.length > 0) {
    console.log(`[cachelab] reaped ${reaped.removedDirs.length} orphaned sandbox dirs, killed pids ${reaped.killedPids.join(', ') || 'none'}`);
  }
  const engine = new RedisSandboxEngine(options, detectMemoryCap(), redisVersionOf(options.redisServer));
  engine.start();
  return engine;
}
