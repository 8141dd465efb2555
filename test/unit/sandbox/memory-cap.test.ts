/** The OS memory cap: which mechanism this machine offers, and the command line that applies it. */
import { describe, expect, it } from 'vitest';
import { detectMemoryCap, nodeMemoryLimitMb } from '../../../sandbox/lockdown/memory-cap.ts';

describe('memory cap', () => {
  it('detects a mechanism and wraps redis-server so it starts under the limit', () => {
    const cap = detectMemoryCap();
    expect(['cgroup v2', 'rlimit (RLIMIT_AS)', 'none']).toContain(cap.mechanism);
    const launch = cap.wrap('redis-server', ['/tmp/x/redis.conf'], 448);
    expect(launch.args.at(-1)).toBe('/tmp/x/redis.conf');
    if (cap.mechanism !== 'none') expect(launch.args.join(' ')).toMatch(new RegExp(`--as=${448 * 1024 * 1024}|ulimit -v ${448 * 1024}`));
  });

  it('leaves a node room for its dataset, a fork and buffers, but far less than a Lua or SETRANGE bomb needs', () => {
    expect(nodeMemoryLimitMb(64)).toBe(448);
    expect(nodeMemoryLimitMb(64)).toBeLessThan(1024);
  });
});
