/** @module Unit tests: redis-cli's TTY and --raw formats, escaping and control-character neutralising. */
import { describe, expect, it } from 'vitest';
import { formatRaw, formatRawBody, formatTty, printsVerbatim } from '../../../src/shell/format/format-reply.ts';
import { neutralise, repr } from '../../../src/shell/format/repr.ts';
import type { RespReply } from '../../../src/shell/resp/resp-reply.ts';

const bulk = (s: string | Buffer): RespReply => ({ type: 'bulk', value: Buffer.isBuffer(s) ? s : Buffer.from(s) });
const status = (s: string): RespReply => ({ type: 'status', value: Buffer.from(s) });
const error = (s: string): RespReply => ({ type: 'error', value: Buffer.from(s) });
const int = (n: number): RespReply => ({ type: 'integer', value: String(n) });
const nil: RespReply = { type: 'nil' };
const array = (...items: RespReply[]): RespReply => ({ type: 'array', items });

describe('the TTY reply format', () => {
  it('prints integers, status, errors and nil like redis-cli', () => {
    expect(formatTty(int(-7))).toBe('(integer) -7\n');
    expect(formatTty(status('OK'))).toBe('OK\n');
    expect(formatTty(error('ERR wrong'))).toBe('(error) ERR wrong\n');
    expect(formatTty(nil)).toBe('(nil)\n');
    expect(formatTty(array())).toBe('(empty array)\n');
  });

  it('quotes bulk strings with redis-cli escaping', () => {
    expect(formatTty(bulk(''))).toBe('""\n');
    expect(formatTty(bulk('say "hi"\\'))).toBe('"say \\"hi\\"\\\\"\n');
    expect(formatTty(bulk('a\nb\rc\td\u0007e\bf'))).toBe('"a\\nb\\rc\\td\\ae\\bf"\n');
    expect(formatTty(bulk('€'))).toBe('"\\xe2\\x82\\xac"\n');
    expect(formatTty(bulk(Buffer.from([0, 0x7f, 0xff])))).toBe('"\\x00\\x7f\\xff"\n');
  });

  it('never lets a stored value reach the terminal as a control sequence', () => {
    const printed = formatTty(bulk('\u001b[2J\u001b]0;pwned\u0007\u009b31m'));
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('numbers nested arrays with the indentation redis-cli uses, aligning two-digit indexes', () => {
    const reply = array(int(1), array(bulk('x'), array()), ...Array.from({ length: 8 }, (_, i) => int(i + 3)), array(status('A'), nil));
    expect(formatTty(reply)).toBe(
      [
        ' 1) (integer) 1',
        ' 2) 1) "x"',
        '    2) (empty array)',
        ...Array.from({ length: 8 }, (_, i) => ` ${i + 3}) (integer) ${i + 3}`.replace(' 10)', '10)')),
        '11) 1) A',
        '    2) (nil)',
        '',
      ].join('\n'),
    );
  });

  it('shows errors inside arrays (EXEC results) with their (error) prefix', () => {
    expect(formatTty(array(status('OK'), error('ERR not an integer')))).toBe('1) OK\n2) (error) ERR not an integer\n');
  });

  it('neutralises control characters in status and error replies, which redis-cli prints unquoted', () => {
    expect(formatTty(status('\u001b[31mred'))).toBe('\\x1b[31mred\n');
    expect(formatTty(error('ERR \u009b2J'))).toBe('(error) ERR \\x9b2J\n');
  });
});

describe('the --raw reply format', () => {
  it('prints bytes without quotes, one array element per line, nil as an empty line', () => {
    expect(formatRaw(bulk('hello'))).toBe('hello\n');
    expect(formatRaw(nil)).toBe('\n');
    expect(formatRaw(int(3))).toBe('3\n');
    expect(formatRaw(array(bulk('a'), array(int(1), bulk('b'))))).toBe('a\n1\nb\n');
    expect(formatRaw(array())).toBe('\n');
    expect(formatRaw(error('ERR x'))).toBe('ERR x\n\n');
    expect(formatRaw(bulk('€'))).toBe('€\n');
  });

  it('keeps CRLF line ends of INFO-like text but shows a lone CR or ESC', () => {
    expect(formatRawBody(bulk('a:1\r\nb:2\r\n'))).toBe('a:1\r\nb:2\r\n');
    expect(formatRawBody(bulk('over\rwrite\u001b[2J'))).toBe('over\\x0dwrite\\x1b[2J');
  });

  it('knows which commands redis-cli prints verbatim even on a TTY', () => {
    expect(printsVerbatim(['INFO'])).toBe(true);
    expect(printsVerbatim(['cluster', 'info'])).toBe(true);
    expect(printsVerbatim(['CLUSTER', 'NODES', 'x'])).toBe(false);
    expect(printsVerbatim(['client', 'list'])).toBe(true);
    expect(printsVerbatim(['latency', 'doctor'])).toBe(true);
    expect(printsVerbatim(['GET', 'info'])).toBe(false);
  });
});

describe('repr and neutralise', () => {
  it('repr output is printable ASCII only', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(repr(all)).toMatch(/^[\x20-\x7e]+$/);
  });

  it('neutralise leaves printable text, tabs and newlines alone', () => {
    expect(neutralise('plain text\twith tab\nand ünïcode')).toBe('plain text\twith tab\nand ünïcode');
  });
});
