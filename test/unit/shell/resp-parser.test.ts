/** @module Unit tests: The RESP2 parser and command encoder. */
import { describe, expect, it } from 'vitest';
import { encodeCommand, ReplyTooLargeError, RespParser, RespProtocolError } from '../../../src/shell/resp/resp-parser.ts';
import type { RespReply } from '../../../src/shell/resp/resp-reply.ts';

function parseAll(chunks: (string | Buffer)[]): RespReply[] {
  const replies: RespReply[] = [];
  const parser = new RespParser((r) => replies.push(r));
  for (const chunk of chunks) parser.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  return replies;
}

describe('the RESP2 parser', () => {
  it('keeps status and bulk strings apart', () => {
    const [s, b] = parseAll(['+OK\r\n$2\r\nOK\r\n']);
    expect(s).toEqual({ type: 'status', value: Buffer.from('OK') });
    expect(b).toEqual({ type: 'bulk', value: Buffer.from('OK') });
  });

  it('parses integers, errors, nil bulk, nil array and empty array', () => {
    expect(parseAll([':-12\r\n-ERR bad\r\n$-1\r\n*-1\r\n*0\r\n'])).toEqual([
      { type: 'integer', value: '-12' },
      { type: 'error', value: Buffer.from('ERR bad') },
      { type: 'nil' },
      { type: 'nil' },
      { type: 'array', items: [] },
    ]);
  });

  it('parses nested arrays and binary bulk strings containing CRLF', () => {
    const [reply] = parseAll(['*2\r\n*2\r\n:1\r\n$4\r\na\r\nb\r\n*0\r\n']);
    expect(reply).toEqual({
      type: 'array',
      items: [{ type: 'array', items: [{ type: 'integer', value: '1' }, { type: 'bulk', value: Buffer.from('a\r\nb') }] }, { type: 'array', items: [] }],
    });
  });

  it('handles replies split at every possible byte', () => {
    const wire = '*3\r\n$5\r\nhello\r\n+OK\r\n*1\r\n:42\r\n';
    const whole = parseAll([wire]);
    for (let cut = 1; cut < wire.length; cut++) {
      expect(parseAll([wire.slice(0, cut), wire.slice(cut)])).toEqual(whole);
    }
    expect(parseAll(wire.split(''))).toEqual(whole);
  });

  it('rejects bytes that are not RESP2', () => {
    expect(() => parseAll(['%1\r\n'])).toThrow(RespProtocolError);
    expect(() => parseAll([':abc\r\n'])).toThrow(RespProtocolError);
  });

  it('refuses a reply bigger than the cap, counting from the last complete reply', () => {
    const replies: RespReply[] = [];
    const parser = new RespParser((r) => replies.push(r), 16);
    parser.feed(Buffer.from('$5\r\nhello\r\n'));
    parser.feed(Buffer.from('+OK\r\n'));
    expect(replies).toHaveLength(2);
    expect(() => parser.feed(Buffer.from('$20\r\n0123456789012345'))).toThrow(ReplyTooLargeError);
  });

  it('encodes commands as binary-safe bulk arrays', () => {
    expect(encodeCommand(['SET', 'k', Buffer.from([0, 13, 10])]).toString('latin1')).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n\u0000\r\n\r\n');
    expect(encodeCommand(['€']).toString('latin1')).toBe('*1\r\n$3\r\n\u00e2\u0082\u00ac\r\n');
  });
});
