/** @module Unit tests: which lines the platform answers as CONFIG GET, the reply it builds, and the CONFIG SET hint. */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { formatRaw, formatTty } from '../../../src/shell/format/format-reply.ts';
import { isConfigGet, platformConfigGet } from '../../../src/shell/redis-cli/platform-config-get.ts';
import { refusalHint } from '../../../src/shell/redis-cli/refusal-hint.ts';
import type { RespReply } from '../../../src/shell/resp/resp-reply.ts';

/** A sandbox whose configGet records its arguments and answers from a fixed table (the engine does the filtering). */
function fakeSandbox(table: [string, string][]) {
  const calls: { patterns: string[]; node?: string }[] = [];
  const sandbox = {
    configGet: async (patterns: string[], node?: string) => {
      calls.push({ patterns, node });
      return table;
    },
  } as unknown as Sandbox;
  return { sandbox, calls };
}

const error = (text: string): RespReply => ({ type: 'error', value: Buffer.from(text) });

describe('which commands the platform answers as CONFIG GET', () => {
  it('takes CONFIG GET with at least one pattern, in any case', () => {
    expect(isConfigGet(['CONFIG', 'GET', 'maxmemory'])).toBe(true);
    expect(isConfigGet(['config', 'get', 'maxmemory', 'save'])).toBe(true);
    expect(isConfigGet(['Config', 'Get', '*'])).toBe(true);
  });

  it('leaves a bare CONFIG GET (the server answers its arity error) and every other subcommand to the server', () => {
    expect(isConfigGet(['CONFIG', 'GET'])).toBe(false);
    expect(isConfigGet(['CONFIG', 'SET', 'maxmemory', '1'])).toBe(false);
    expect(isConfigGet(['CONFIG', 'RESETSTAT'])).toBe(false);
    expect(isConfigGet(['GET', 'config'])).toBe(false);
  });
});

describe('the reply built from the sandbox answer', () => {
  it('asks the connected node for the patterns as typed and prints field/value pairs like redis-cli', async () => {
    const { sandbox, calls } = fakeSandbox([
      ['maxmemory', '67108864'],
      ['maxmemory-policy', 'volatile-lru'],
    ]);
    const reply = await platformConfigGet(sandbox, 'cl-1-0001-002', ['MAXMEMORY*']);
    expect(calls).toEqual([{ patterns: ['MAXMEMORY*'], node: 'cl-1-0001-002' }]);
    expect(formatTty(reply)).toBe('1) "maxmemory"\n2) "67108864"\n3) "maxmemory-policy"\n4) "volatile-lru"\n');
    expect(formatRaw(reply)).toBe('maxmemory\n67108864\nmaxmemory-policy\nvolatile-lru\n');
  });

  it('is an empty array when nothing allow-listed matched', async () => {
    const reply = await platformConfigGet(fakeSandbox([]).sandbox, 'n', ['masterauth']);
    expect(formatTty(reply)).toBe('(empty array)\n');
    expect(formatRaw(reply)).toBe('\n');
  });

  it('quotes values with spaces or empty values as bulk strings', async () => {
    const reply = await platformConfigGet(fakeSandbox([['save', ''], ['client-output-buffer-limit', 'normal 0 0 0']]).sandbox, 'n', ['*']);
    expect(formatTty(reply)).toBe('1) "save"\n2) ""\n3) "client-output-buffer-limit"\n4) "normal 0 0 0"\n');
  });

  it('says what to do when the sandbox cannot answer CONFIG GET at all', async () => {
    await expect(platformConfigGet({} as Sandbox, 'n', ['maxmemory'])).rejects.toThrow(/lab param/);
  });
});

describe('the hint after a refused CONFIG SET', () => {
  const noperm = error("NOPERM this user has no permissions to run the 'config|set' command");

  it('points at `lab param` when the shell offers it', () => {
    expect(refusalHint(['config', 'set', 'maxmemory', '1'], noperm, new Set(['status', 'param']))).toMatch(/^Hint: .*`lab param <name> <value>`/);
  });

  it('explains the parameter group without naming a command the shell does not have', () => {
    const hint = refusalHint(['CONFIG', 'SET', 'maxmemory', '1'], noperm, new Set(['status']));
    expect(hint).toMatch(/parameter group/);
    expect(hint).not.toContain('lab param');
  });

  it('is silent for other errors and other commands', () => {
    const labCommands = new Set(['param']);
    expect(refusalHint(['CONFIG', 'SET'], error("ERR wrong number of arguments for 'config|set' command"), labCommands)).toBeUndefined();
    expect(refusalHint(['CONFIG', 'RESETSTAT'], error('NOPERM no'), labCommands)).toBeUndefined();
    expect(refusalHint(['CONFIG', 'SET', 'a', 'b'], { type: 'status', value: Buffer.from('OK') }, labCommands)).toBeUndefined();
  });
});
