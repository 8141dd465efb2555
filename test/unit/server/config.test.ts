import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config.ts';
import { parseWarmPool } from '../../../src/server/engine-options.ts';

describe('platform configuration', () => {
  it('uses the documented defaults when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4321);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.CACHELAB_SANDBOXES_PER_LEARNER).toBe(2);
    expect(config.CACHELAB_NODE_MAXMEMORY_MB).toBe(64);
  });

  it('coerces numbers from strings and ignores unrelated variables', () => {
    const config = loadConfig({ PORT: '8080', HOME: '/root', CACHELAB_IDLE_TIMEOUT_MIN: '5' });
    expect(config.PORT).toBe(8080);
    expect(config.CACHELAB_IDLE_TIMEOUT_MIN).toBe(5);
  });

  it('names the variable and the problem when a value is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ CACHELAB_PORT_RANGE: '20000' })).toThrow(/CACHELAB_PORT_RANGE.*e\.g\. 20000-29999/s);
    expect(() => loadConfig({ CACHELAB_SECRET: 'short' })).toThrow(/openssl rand -hex 32/);
  });

  it('parses the warm pool setting and rejects a malformed one with an example', () => {
    expect(parseWarmPool('single:2, cluster:1')).toEqual({ single: 2, cluster: 1 });
    expect(parseWarmPool('none')).toEqual({});
    expect(() => parseWarmPool('single=2')).toThrow(/single:2,replication:1,cluster:1/);
  });
});
