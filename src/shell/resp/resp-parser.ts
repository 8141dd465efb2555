/** @module Incremental RESP2 parser: bytes from the socket in, typed replies out, in order. */
import type { RespReply } from './resp-reply.ts';

const CR = 13;

/** Thrown for bytes that are not RESP2; the connection must be dropped (redis-cli says "Protocol error"). */
export class RespProtocolError extends Error {}

/** One reply is bigger than the caller accepts; the connection must be dropped (the rest cannot be skipped). */
export class ReplyTooLargeError extends Error {}

interface OpenArray {
  items: RespReply[];
  remaining: number;
}

/**
 * Parses replies as chunks arrive. Nested arrays are tracked on a stack, so a huge array costs one pass;
 * a bulk string that is still arriving is only re-examined once enough bytes are buffered.
 */
export class RespParser {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly stack: OpenArray[] = [];
  /** Total buffered bytes needed before the next parse attempt can make progress. */
  private needed = 0;

  /** Bytes received since the last complete top-level reply. */
  private pendingBytes = 0;

  constructor(
    private readonly onReply: (reply: RespReply) => void,
    private readonly maxReplyBytes = Number.POSITIVE_INFINITY,
  ) {}

  feed(chunk: Buffer): void {
    this.pendingBytes += chunk.length;
    if (this.pendingBytes > this.maxReplyBytes) {
      const limit = this.maxReplyBytes;
      const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`;
      throw new ReplyTooLargeError(`reply larger than ${size}`);
    }
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    if (this.buffer.length < this.needed) return;
    this.needed = 0;
    let offset = 0;
    for (;;) {
      const parsed = this.parseOne(offset);
      if (parsed === undefined) break;
      offset = parsed;
    }
    this.buffer = this.buffer.subarray(offset);
  }

  /** Parses one element at `offset`; returns the offset after it, or undefined when more bytes are needed. */
  private parseOne(offset: number): number | undefined {
    const buf = this.buffer;
    if (offset >= buf.length) return undefined;
    const lineEnd = buf.indexOf('\r\n', offset + 1);
    if (lineEnd === -1) return undefined;
    const type = String.fromCharCode(buf[offset]!);
    const line = buf.subarray(offset + 1, lineEnd);
    const next = lineEnd + 2;
    switch (type) {
      case '+':
        this.emit({ type: 'status', value: Buffer.from(line) });
        return next;
      case '-':
        this.emit({ type: 'error', value: Buffer.from(line) });
        return next;
      case ':':
        this.emit({ type: 'integer', value: parseInteger(line) });
        return next;
      case '$': {
        const length = Number(parseInteger(line));
        if (length < 0) {
          this.emit({ type: 'nil' });
          return next;
        }
        const end = next + length;
        if (buf.length < end + 2) {
          this.needed = end + 2 - offset;
          return undefined;
        }
        if (buf[end] !== CR) throw new RespProtocolError('Protocol error, bulk string not terminated by CRLF');
        this.emit({ type: 'bulk', value: Buffer.from(buf.subarray(next, end)) });
        return end + 2;
      }
      case '*': {
        const count = Number(parseInteger(line));
        if (count < 0) this.emit({ type: 'nil' });
        else if (count === 0) this.emit({ type: 'array', items: [] });
        else this.stack.push({ items: [], remaining: count });
        return next;
      }
      default:
        throw new RespProtocolError(`Protocol error, got "${type}" as reply type byte`);
    }
  }

  private emit(reply: RespReply): void {
    let value = reply;
    for (;;) {
      const top = this.stack.at(-1);
      if (!top) {
        this.pendingBytes = 0;
        this.onReply(value);
        return;
      }
      top.items.push(value);
      top.remaining -= 1;
      if (top.remaining > 0) return;
      this.stack.pop();
      value = { type: 'array', items: top.items };
    }
  }
}

function parseInteger(line: Buffer): string {
  const text = line.toString('latin1');
  if (!/^-?\d+$/.test(text)) throw new RespProtocolError(`Protocol error, bad integer value "${text}"`);
  return text;
}

/** Encodes one command as a RESP array of bulk strings (binary-safe). */
export function encodeCommand(args: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}
