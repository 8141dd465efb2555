/**
 * @module One terminal WebSocket: heartbeats, frame parsing and dispatch to its shell session. The socket is
 * only a window onto the session; closing it detaches, it never disposes the shell (the registry does that).
 */
import type { WSContext, WSEvents } from 'hono/ws';
import type { WebSocket } from 'ws';
import { CapacityError } from '../errors.ts';
import { parseClientFrame, type ServerFrame } from './frames.ts';
import type { FrameSink, ShellSession } from './shell-session.ts';
import { TokenBucket } from './token-bucket.ts';

/** Application close codes (4000-4999), mirroring HTTP statuses so the client knows whether to retry. */
export const CLOSE = {
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  replaced: 4409,
  tooMany: 4429,
  failed: 1011,
} as const;

export type SocketPlan =
  | { kind: 'reject'; code: number; reason: string }
  | { kind: 'attach'; session: Promise<ShellSession> };

export interface TerminalSocketOptions {
  heartbeatMs: number;
  /** Non-line frames (complete, resize, interrupt, junk) a socket may send per second. */
  framesPerSecond: number;
  /** Which socket currently shows each session, so a newer one can close the older. */
  current: WeakMap<ShellSession, WSContext<WebSocket>>;
}

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8')}...`;
}

export function terminalSocketEvents(plan: SocketPlan, options: TerminalSocketOptions): WSEvents<WebSocket> {
  let session: ShellSession | undefined;
  let sink: FrameSink | undefined;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const early: string[] = [];
  const frames = new TokenBucket(options.framesPerSecond * 2, options.framesPerSecond);
  let throttledNoticeSent = false;

  function handle(data: unknown, active: ShellSession): void {
    if (typeof data !== 'string') {
      active.send({ type: 'error', message: 'Binary frames are not supported; send JSON text frames.' });
      return;
    }
    const parsed = parseClientFrame(data);
    const isLine = parsed.ok ? parsed.frame.type === 'line' : parsed.isLine;
    // Lines have their own, stricter budget in the session (and each still gets its prompt); everything else
    // is cheap to drop.
    if (!isLine && !frames.take()) {
      if (!throttledNoticeSent) active.send({ type: 'error', message: 'Too many frames; some were ignored.' });
      throttledNoticeSent = true;
      return;
    }
    throttledNoticeSent = false;
    if (!parsed.ok) {
      if (parsed.isLine) active.reject(parsed.message, parsed.lineSeq);
      else active.send({ type: 'error', message: parsed.message });
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'line') active.submit(frame.line, frame.seq);
    else if (frame.type === 'interrupt') active.interrupt();
    else if (frame.type === 'complete') void active.complete(frame.line, frame.cursor);
    else active.resize(frame.cols, frame.rows);
  }

  return {
    onOpen(_event, ws) {
      if (plan.kind === 'reject') {
        ws.close(plan.code, closeReason(plan.reason));
        return;
      }
      const raw = ws.raw!;
      let alive = true;
      raw.on('pong', () => {
        alive = true;
      });
      heartbeat = setInterval(() => {
        // No pong since the last ping: the peer is gone (sleeping laptop, dead NAT entry); free the socket now.
        if (!alive) {
          raw.terminate();
          return;
        }
        alive = false;
        raw.ping();
      }, options.heartbeatMs);
      heartbeat.unref();

      plan.session.then(
        (ready) => {
          if (closed) return;
          session = ready;
          const previous = options.current.get(ready);
          if (previous && previous !== ws) previous.close(CLOSE.replaced, 'This terminal was opened by a newer connection.');
          options.current.set(ready, ws);
          sink = (frame: ServerFrame) => {
            if (ws.readyState !== 1) return false;
            ws.send(JSON.stringify(frame));
            return true;
          };
          ready.attach(sink, (code, reason) => ws.close(code, closeReason(reason)));
          for (const data of early.splice(0)) handle(data, ready);
        },
        (error: unknown) => {
          const code = error instanceof CapacityError ? CLOSE.tooMany : CLOSE.failed;
          if (code === CLOSE.failed) console.error('[cachelab] could not start a lab shell', error);
          const reason = error instanceof CapacityError ? error.message : 'Could not start the lab shell; try again in a moment.';
          ws.close(code, closeReason(reason));
        },
      );
    },
    onMessage(event) {
      if (session) handle(event.data, session);
      else if (early.length < 16) early.push(typeof event.data === 'string' ? event.data : '');
    },
    onClose(_event, ws) {
      closed = true;
      clearInterval(heartbeat);
      if (session && sink) {
        session.detach(sink);
        if (options.current.get(session) === ws) options.current.delete(session);
      }
    },
  };
}
