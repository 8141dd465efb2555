/** @module Unit tests: Host/port argument policy, HELLO and platform-user refusals, token bucket, output cap. */
import { describe, expect, it } from 'vitest';
import { checkHostArguments } from '../../../src/shell/policy/host-arguments.ts';
import { OutputLimiter } from '../../../src/shell/policy/output-limiter.ts';
import { TokenBucket } from '../../../src/shell/policy/token-bucket.ts';
import { commandRefusal } from '../../../src/shell/redis-cli/command-refusal.ts';

const owns = (host: string, port: number) => host === '127.0.0.1' && port >= 20000 && port <= 20005;

describe('host and port arguments', () => {
  it('allow MIGRATE, REPLICAOF, CLUSTER MEET and FAILOVER TO inside the sandbox', () => {
    expect(checkHostArguments(['MIGRATE', '127.0.0.1', '20001', 'k', '0', '1000'], owns)).toBeUndefined();
    expect(checkHostArguments(['replicaof', '127.0.0.1', '20002'], owns)).toBeUndefined();
    expect(checkHostArguments(['CLUSTER', 'MEET', '127.0.0.1', '20003'], owns)).toBeUndefined();
    expect(checkHostArguments(['FAILOVER', 'TO', '127.0.0.1', '20004'], owns)).toBeUndefined();
  });

  it('refuse them with one line when they point anywhere else', () => {
    const cases = [
      ['MIGRATE', '10.0.0.8', '6379', 'k', '0', '1000'],
      ['SLAVEOF', '127.0.0.1', '6379'],
      ['REPLICAOF', 'evil.example.com', '20001'],
      ['cluster', 'meet', '127.0.0.1', '22'],
      ['FAILOVER', 'TO', '169.254.169.254', '80'],
      ['SENTINEL', 'MONITOR', 'm', '10.0.0.1', '6379', '2'],
    ];
    for (const args of cases) {
      const message = checkHostArguments(args, owns);
      expect(message, args.join(' ')).toMatch(/refused: .* is not a node of your sandbox/);
      expect(message).not.toContain('\n');
    }
  });

  it('leave REPLICAOF NO ONE and ordinary commands to the server', () => {
    expect(checkHostArguments(['REPLICAOF', 'NO', 'ONE'], owns)).toBeUndefined();
    expect(checkHostArguments(['SET', '10.0.0.1', '6379'], owns)).toBeUndefined();
  });
});

describe('HELLO', () => {
  it('allows HELLO, HELLO 2 and HELLO 2 AUTH, refuses HELLO 3', () => {
    expect(commandRefusal(['HELLO'])).toBeUndefined();
    expect(commandRefusal(['hello', '2', 'AUTH', 'u', 'p'])).toBeUndefined();
    expect(commandRefusal(['HELLO', '3'])).toMatch(/RESP2 only/);
  });

  it("refuses logins as the platform's own users, with AUTH or HELLO", () => {
    expect(commandRefusal(['AUTH', 'cachelab-admin', 'guess'])).toMatch(/platform's own users/);
    expect(commandRefusal(['HELLO', '2', 'AUTH', 'CACHELAB-sentinel', 'guess'])).toMatch(/platform's own users/);
    expect(commandRefusal(['AUTH', 'learner', 'pw'])).toBeUndefined();
    expect(commandRefusal(['AUTH', 'just-a-password'])).toBeUndefined();
  });
});

describe('the rate limit (token bucket)', () => {
  it('accepts a burst, then refills at the configured rate', () => {
    let now = 0;
    const bucket = new TokenBucket(20, 40, () => now);
    for (let i = 0; i < 40; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntilNext()).toBe(50);
    now += 50;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000;
    for (let i = 0; i < 40; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });
});

describe('the output cap', () => {
  function sink() {
    const s = { text: '', errors: [] as string[], output: (d: string) => (s.text += d), error: (m: string) => s.errors.push(m) };
    return s;
  }

  it('passes output through with CRLF line ends while under the cap', () => {
    const target = sink();
    const limiter = new OutputLimiter(target, { maxLines: 10, maxBytes: 1000 }, () => {});
    limiter.output('a\nb\n');
    expect(target.text).toBe('a\r\nb\r\n');
    expect(limiter.truncated).toBe(false);
  });

  it('stops at the line cap with one truncation notice and tells the command to stop', () => {
    const target = sink();
    let stopped = 0;
    const limiter = new OutputLimiter(target, { maxLines: 3, maxBytes: 1000 }, () => stopped++);
    limiter.output('1\n2\n');
    limiter.output('3\n4\n5\n');
    limiter.output('6\n');
    expect(target.text).toBe('1\r\n2\r\n3\r\n(output truncated: more than 3 lines; narrow the command, e.g. SCAN with COUNT or LRANGE with a range)\r\n');
    expect(stopped).toBe(1);
  });

  it('stops at the byte cap, ending the partial line first', () => {
    const target = sink();
    const limiter = new OutputLimiter(target, { maxLines: 100, maxBytes: 2048 }, () => {});
    limiter.output('x'.repeat(1500));
    limiter.output('y'.repeat(1500));
    expect(target.text).toBe(`${'x'.repeat(1500)}\r\n(output truncated: more than 2 KB; narrow the command, e.g. SCAN with COUNT or LRANGE with a range)\r\n`);
  });
});
