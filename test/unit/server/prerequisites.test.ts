import { describe, expect, it } from 'vitest';
import { checkPrerequisites, parseRedisVersion } from '../../../src/server/prerequisites.ts';

describe('start-up prerequisite checks', () => {
  it('reads the version from redis-server --version output', () => {
    expect(parseRedisVersion('Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64')).toBe('7.0.15');
  });

  it('accepts the redis-server on PATH and this Node.js', () => {
    const report = checkPrerequisites('redis-server');
    expect(report.problems).toEqual([]);
    expect(Number(report.redisVersion?.split('.')[0])).toBeGreaterThanOrEqual(7);
  });

  it('explains in one line how to install a missing redis-server', () => {
    const report = checkPrerequisites('/nonexistent/redis-server');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/apt-get install redis-server/);
    expect(report.problems[0]).not.toContain('\n');
  });

  it('explains how to get Node 22 when Node is too old', () => {
    const report = checkPrerequisites('redis-server', '20.11.0');
    expect(report.problems.join('\n')).toMatch(/Node\.js >= 22\.12.*nvm install 22/);
  });
});
