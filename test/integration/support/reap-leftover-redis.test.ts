/** The end-of-run reaper: it kills a redis-server working inside the run's directory and leaves any other one alone. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLeftoverRedis, reapLeftoverRedis } from '../../support/reap-leftover-redis.ts';
import { testPortRange } from '../../support/test-port-range.ts';
import { processExists } from '../sandbox/engine-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'cachelab-reap-test-'));
const started: number[] = [];

function startRedis(cwd: string, port: number): number {
  mkdirSync(cwd, { recursive: true });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    cwd,
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  started.push(child.pid!);
  return child.pid!;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 50));
}

afterAll(() => {
  for (const pid of started) if (processExists(pid)) process.kill(pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('reapLeftoverRedis', () => {
  it('kills the redis-server inside the run directory and not the one beside it', async () => {
    const [low] = testPortRange();
    const runDir = join(root, 'run');
    const inside = startRedis(join(runDir, 'sandboxes', 'sb-1', 'nodes', 'n1'), low);
    const beside = startRedis(join(root, 'run-other', 'n1'), low + 1);
    // Found only once redis-server has set its title (and so is recognisably redis-server).
    await until(() => findLeftoverRedis(runDir).length === 1 && findLeftoverRedis(join(root, 'run-other')).length === 1);

    const reaped = reapLeftoverRedis(runDir);

    expect(reaped.map((p) => p.pid)).toEqual([inside]);
    expect(reaped[0]!.title).toContain(`127.0.0.1:${low}`);
    await until(() => !processExists(inside));
    expect(processExists(inside)).toBe(false);
    expect(processExists(beside)).toBe(true);
  });
});
