/** @module Unit tests: redis-cli flag parsing and bounds. */
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../../src/shell/redis-cli/cli-options.ts';

describe('redis-cli flags', () => {
  it('parses options up to the first command word', () => {
    const parsed = parseCliOptions(['-h', 'node-1', '-p', '7000', '-c', '--user', 'u', '--pass', 'p', '-n', '2', '--raw', 'GET', '-h']);
    expect(parsed.ok && parsed.options).toMatchObject({
      host: 'node-1',
      port: 7000,
      cluster: true,
      user: 'u',
      password: 'p',
      db: 2,
      raw: true,
      command: ['GET', '-h'],
    });
  });

  it('bounds -r and -i', () => {
    expect(parseCliOptions(['-r', '1000', 'PING']).ok).toBe(true);
    expect(parseCliOptions(['-r', '1001', 'PING'])).toMatchObject({ ok: false, message: expect.stringMatching(/-r must be between 1 and 1000/) });
    expect(parseCliOptions(['-r', '-1', 'PING']).ok).toBe(false);
    expect(parseCliOptions(['-r', '3', '-i', '0.05', 'PING'])).toMatchObject({ ok: false, message: expect.stringMatching(/-i must be/) });
    const parsed = parseCliOptions(['-r', '3', '-i', '0.25', 'PING']);
    expect(parsed.ok && parsed.options.intervalMs).toBe(250);
  });

  it('accepts --tls with a note that the sandbox is plaintext', () => {
    const parsed = parseCliOptions(['--tls', 'PING']);
    expect(parsed.ok && parsed.notices.join(' ')).toMatch(/plaintext/);
  });

  it("answers unknown options with redis-cli's message and unavailable ones with a clear refusal", () => {
    expect(parseCliOptions(['--bogus'])).toMatchObject({ ok: false, message: "Unrecognized option or bad number of args for: '--bogus'" });
    expect(parseCliOptions(['--pipe'])).toMatchObject({ ok: false, message: expect.stringMatching(/not available in the lab shell/) });
    expect(parseCliOptions(['-3'])).toMatchObject({ ok: false, message: expect.stringMatching(/RESP3/) });
    expect(parseCliOptions(['-h'])).toMatchObject({ ok: false, message: expect.stringMatching(/needs a value/) });
  });

  it('prints the version like redis-cli', () => {
    expect(parseCliOptions(['-v'])).toMatchObject({ ok: false, exit: 'redis-cli 7.0.15\n' });
  });
});
