/** @module Unit tests: the lab shell's variables, expanded by the line parser like a POSIX shell would. */
import { describe, expect, it } from 'vitest';
import { shellWords, type ShellWordsOptions } from '../../../src/shell/parse/shell-words.ts';

const variables = {
  PRIMARY: 'master.cl-ab12.sb.cache.local',
  READER: 'replica.cl-ab12.sb.cache.local',
  CONFIG: undefined,
  REDIS_USER: 'learner-1',
  REDIS_PASS: 'p@ss word',
};
const options: ShellWordsOptions = { variables, explainUnset: (name) => `no ${name} endpoint here` };

const words = (line: string, extra: Partial<ShellWordsOptions> = {}) => {
  const parsed = shellWords(line, { ...options, ...extra });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.words;
};
const refusal = (line: string, extra: Partial<ShellWordsOptions> = {}) => {
  const parsed = shellWords(line, { ...options, ...extra });
  return parsed.ok ? undefined : parsed.message;
};

describe('shell variables', () => {
  it('expands $NAME and ${NAME} outside quotes and inside double quotes, as one word even with spaces', () => {
    expect(words('redis-cli -h $PRIMARY --user ${REDIS_USER} --pass "$REDIS_PASS" PING')).toEqual([
      'redis-cli', '-h', 'master.cl-ab12.sb.cache.local', '--user', 'learner-1', '--pass', 'p@ss word', 'PING',
    ]);
    expect(words('SET who user=$REDIS_USER')).toEqual(['SET', 'who', 'user=learner-1']);
  });

  it('keeps single-quoted and escaped variables literal', () => {
    expect(words("SET k '$PRIMARY' \\$READER")).toEqual(['SET', 'k', '$PRIMARY', '$READER']);
  });

  it('leaves names it does not know literal, so prices and $HOME stay text', () => {
    expect(words('SET price $5 $HOME')).toEqual(['SET', 'price', '$5', '$HOME']);
  });

  it('expands an unset endpoint variable to nothing, and refuses it as the value of -h with the reason', () => {
    expect(words('ECHO a $CONFIG b')).toEqual(['ECHO', 'a', 'b']);
    expect(words('ECHO x${CONFIG}y')).toEqual(['ECHO', 'xy']);
    const message = refusal('redis-cli -c -h $CONFIG --user $REDIS_USER PING');
    expect(message).toBe('-h $CONFIG: the variable is empty (no CONFIG endpoint here); `lab status` lists the endpoints and variables');
  });

  it('keeps a lone $ (XREAD ... STREAMS s $, XGROUP CREATE s g $) and refuses an unclosed ${ with a hint', () => {
    expect(words('XREAD BLOCK 0 STREAMS events $')).toEqual(['XREAD', 'BLOCK', '0', 'STREAMS', 'events', '$']);
    expect(words('XGROUP CREATE orders billing $ MKSTREAM')).toEqual(['XGROUP', 'CREATE', 'orders', 'billing', '$', 'MKSTREAM']);
    expect(refusal('SET k ${PRIMARY')).toMatch(/^bad substitution: write \$\{NAME\} with a closing \}/);
  });

  it('does not expand without variables (interactive redis-cli lines never reach this parser)', () => {
    expect(shellWords('GET $PRIMARY')).toEqual({ ok: true, words: ['GET', '$PRIMARY'] });
  });
});

describe('redirect characters as plain words', () => {
  const redisLine = { operatorsAsWords: (first: string) => first !== 'lab' };

  it('passes a standalone > or < as a word when the caller says the line is a Redis command', () => {
    expect(words('XREADGROUP GROUP g c STREAMS orders >', redisLine)).toEqual(['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'orders', '>']);
    expect(words('XREADGROUP GROUP g c STREAMS a b > >', redisLine)).toEqual(['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'b', '>', '>']);
    expect(words('XREADGROUP GROUP g c STREAMS orders ">"', redisLine)).toEqual(['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'orders', '>']);
  });

  it('still refuses redirects glued to a file name or descriptor, pipes and lists, and redirects for shell commands', () => {
    for (const line of ['GET k >out.txt', 'GET k 2> err', 'GET k | wc', 'GET k; GET j', 'GET k && GET j', 'GET k || x', 'GET k &', 'lab status > x']) {
      expect(refusal(line, redisLine), line).toMatch(/is not supported: there is no OS shell here/);
    }
  });
});
