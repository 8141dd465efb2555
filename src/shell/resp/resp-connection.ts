/**
 * @module One plain TCP connection speaking RESP2, as redis-cli's hiredis context does: no offline queue, no
 * retries, no reply transformation. Replies are delivered in order; closing rejects whatever is still waiting.
 *
 * Why not ioredis here: ioredis 6 decodes `+simple` and `$bulk` strings to the same Buffer (its type mappings
 * in DataHandler are module-private and chosen only by `replyMapping`), applies per-command reply transformers
 * even through call()/callBuffer() (HGETALL becomes an object, ZRANGE WITHSCORES pairs, XREAD/XREADGROUP and
 * HRANDFIELD are reshaped), speaks RESP3 by default, and manages subscriber/monitor mode itself. redis-cli
 * prints `OK` and `"OK"` differently, so its output cannot be rebuilt from what ioredis returns. The rest of the
 * platform (admin clients, COMMAND DOCS for completion) still uses ioredis.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { encodeCommand, ReplyTooLargeError, RespParser, RespProtocolError } from './resp-parser.ts';
import type { RespReply } from './resp-reply.ts';

/** The connection is gone (closed by us, by the server, or by a protocol error). */
export class ConnectionClosedError extends Error {}

export interface ConnectOptions {
  host: string;
  port: number;
  connectTimeoutMs: number;
  /** A bigger reply drops the connection instead of being buffered (a 60 MB value would otherwise sit in memory). */
  maxReplyBytes?: number;
}

interface Waiter {
  resolve(reply: RespReply): void;
  reject(error: Error): void;
}

export class RespConnection {
  private readonly replies: RespReply[] = [];
  private readonly waiters: Waiter[] = [];
  private closedError: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    maxReplyBytes: number,
  ) {
    const parser = new RespParser((reply) => this.deliver(reply), maxReplyBytes);
    socket.on('data', (chunk: Buffer) => {
      try {
        parser.feed(chunk);
      } catch (error) {
        const known = error instanceof RespProtocolError || error instanceof ReplyTooLargeError;
        this.fail(known ? error : new RespProtocolError(String(error)));
      }
    });
    socket.on('error', (error) => this.fail(new ConnectionClosedError(describeSocketError(error))));
    socket.on('close', () => this.fail(new ConnectionClosedError('Server closed the connection')));
  }

  /** Opens a connection; rejects with redis-cli's wording ("Connection refused", "Connection timed out"). */
  static open(options: ConnectOptions): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: options.host, port: options.port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectionClosedError('Connection timed out'));
      }, options.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setKeepAlive(true, 15_000);
        resolve(new RespConnection(socket, options.maxReplyBytes ?? Number.POSITIVE_INFINITY));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ConnectionClosedError(describeSocketError(error)));
      });
    });
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  /** Writes a command without waiting (streaming commands read their replies with nextReply()). */
  send(args: readonly (string | Buffer)[]): void {
    if (this.closedError) throw this.closedError;
    this.socket.write(encodeCommand(args));
  }

  /** The next reply in order; rejects with ConnectionClosedError once the connection is gone. */
  nextReply(): Promise<RespReply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  command(args: readonly (string | Buffer)[]): Promise<RespReply> {
    this.send(args);
    return this.nextReply();
  }

  /** Drops the connection; waiting replies reject with `reason`. */
  close(reason = 'Connection closed'): void {
    this.fail(new ConnectionClosedError(reason));
  }

  private deliver(reply: RespReply): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(reply);
    else this.replies.push(reply);
  }

  private fail(error: Error): void {
    if (this.closedError) return;
    this.closedError = error;
    this.socket.destroy();
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}

/** hiredis reports strerror() texts; Node reports errno codes. */
function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ECONNRESET':
      return 'Connection reset by peer';
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'EHOSTUNREACH':
      return 'No route to host';
    case 'EPIPE':
      return 'Broken pipe';
    default:
      return error.message;
  }
}
