/** @module Unit tests: Shell-line words and redis-cli's own argument splitting. */
import { describe, expect, it } from 'vitest';
import { shellWords } from '../../../src/shell/parse/shell-words.ts';
import { splitArgs } from '../../../src/shell/parse/split-args.ts';

const words = (line: string) => {
  const parsed = shellWords(line);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.words;
};
const refusal = (line: string) => {
  const parsed = shellWords(line);
  return parsed.ok ? undefined : parsed.message;
};

describe('the shell line parser', () => {
  it('splits on spaces and honours quotes and backslash escapes', () => {
    expect(words('redis-cli -h x SET k "a b"')).toEqual(['redis-cli', '-h', 'x', 'SET', 'k', 'a b']);
    expect(words("SET k 'it''s' a\\ b")).toEqual(['SET', 'k', 'its', 'a b']);
    expect(words('SET k "say \\"hi\\""')).toEqual(['SET', 'k', 'say "hi"']);
  });

  it('keeps $VARS, globs and braces literal: there is no environment or filesystem', () => {
    expect(words('SET price $5 $HOME')).toEqual(['SET', 'price', '$5', '$HOME']);
    expect(words('KEYS user:* a?b')).toEqual(['KEYS', 'user:*', 'a?b']);
    expect(words('SET {user:1}:name x')).toEqual(['SET', '{user:1}:name', 'x']);
  });

  it('ignores comments', () => {
    expect(words('lab status # show me')).toEqual(['lab', 'status']);
  });

  it('refuses pipes, redirections, command lists and substitutions with one line', () => {
    for (const line of ['redis-cli KEYS * | wc -l', 'redis-cli GET k > out.txt', 'lab status; lab events', 'a && b', 'sleep 1 &']) {
      const message = refusal(line);
      expect(message, line).toMatch(/not supported: there is no OS shell here/);
      expect(message).not.toContain('\n');
    }
    expect(refusal('redis-cli GET $(whoami)')).toMatch(/command substitution/);
    expect(refusal('redis-cli GET `whoami`')).toMatch(/command substitution/);
  });

  it('accepts operators inside quotes as text', () => {
    expect(words('redis-cli SET k "a | b; c > d"')).toEqual(['redis-cli', 'SET', 'k', 'a | b; c > d']);
  });

  it('refuses unterminated quotes instead of guessing', () => {
    expect(refusal('SET k "abc')).toMatch(/unterminated double quote/);
    expect(refusal("SET k 'abc")).toMatch(/unterminated single quote/);
  });
});

describe("redis-cli's own argument splitting (interactive mode)", () => {
  const split = (line: string) => splitArgs(line)?.map((b) => b.toString('latin1'));

  it('decodes \\xHH and named escapes inside double quotes', () => {
    expect(split('SET k "a\\x41\\n\\t\\"q\\""')).toEqual(['SET', 'k', 'aA\n\t"q"']);
  });

  it('allows only \\\' inside single quotes', () => {
    expect(split("SET k 'it\\'s \\n'")).toEqual(['SET', 'k', "it's \\n"]);
  });

  it('returns undefined (Invalid argument(s)) for an open quote or a quote glued to text', () => {
    expect(split('SET k "abc')).toBeUndefined();
    expect(split('SET k "abc"def')).toBeUndefined();
  });

  it('returns no arguments for a blank line', () => {
    expect(split('   ')).toEqual([]);
  });
});
