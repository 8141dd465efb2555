/**
 * @module One lab shell kept on the server for one browser terminal. Sockets come and go (network blips,
 * laptop sleep); the session outlives them, runs lines strictly one at a time in arrival order, skips a line
 * whose seq it has already received (so a resent line never runs twice), and keeps output produced while no
 * socket is attached for the next one.
 */
import type { LabShell, ShellOutput } from '../../shell/lab-shell.ts';
import type { ServerFrame } from './frames.ts';
import { TokenBucket } from './token-bucket.ts';

/** Delivers a frame to a socket; false when the socket is no longer open (the frame is then kept for the next one). */
export type FrameSink = (frame: ServerFrame) => boolean;
/** Closes the attached socket when the session ends under it (sandbox deleted, server stopping). */
export type SocketCloser = (code: number, reason: string) => void;

export interface ShellSessionLimits {
  /** Output kept for a detached session; older output beyond this is dropped with a note. */
  backlogBytes: number;
  /** Lines waiting behind the running one. */
  queuedLines: number;
  linesPerSecond: number;
  lineBurst: number;
}

interface QueuedLine {
  line: string;
  seq?: number;
}

export class ShellSession {
  private sink: FrameSink | undefined;
  private closeSocket: SocketCloser | undefined;
  private backlog: ServerFrame[] = [];
  private backlogSize = 0;
  private backlogDropped = false;
  private queue: QueuedLine[] = [];
  private running = false;
  private lastReceivedSeq = 0;
  private lastCompletedSeq = 0;
  private readonly bucket: TokenBucket;
  private disposed = false;
  /** When the last socket left (undefined while one is attached). */
  detachedAt: number | undefined = Date.now();

  constructor(
    readonly key: string,
    readonly learnerId: string,
    /** Changes when `lab reset` replaces the sandbox. */
    public sandboxId: string,
    private readonly shell: LabShell,
    private readonly limits: ShellSessionLimits,
  ) {
    this.bucket = new TokenBucket(limits.lineBurst, limits.linesPerSecond);
  }

  get attached(): boolean {
    return this.sink !== undefined;
  }

  /** Makes `sink` the session's only socket: replays what it missed, then the prompt if the shell is idle. */
  attach(sink: FrameSink, closeSocket?: SocketCloser): void {
    this.sink = sink;
    this.closeSocket = closeSocket;
    this.detachedAt = undefined;
    if (this.backlogDropped) this.backlog.unshift({ type: 'output', data: '\r\n(some output produced while you were disconnected was dropped)\r\n' });
    const backlog = this.backlog;
    this.backlog = [];
    this.backlogSize = 0;
    this.backlogDropped = false;
    for (const frame of backlog) this.send(frame);
    if (!this.running && this.queue.length === 0) this.send({ type: 'prompt', prompt: this.shell.prompt, seq: this.lastCompletedSeq });
  }

  /** Detaches `sink` if it is still the current one (a newer socket may have replaced it already). */
  detach(sink: FrameSink): void {
    if (this.sink !== sink) return;
    this.sink = undefined;
    this.closeSocket = undefined;
    this.detachedAt = Date.now();
  }

  submit(line: string, seq?: number): void {
    if (seq !== undefined) {
      if (seq <= this.lastReceivedSeq) return;
      this.lastReceivedSeq = seq;
    }
    if (this.queue.length >= this.limits.queuedLines) {
      this.send({
        type: 'error',
        message: `Slow down: lines run at most ${this.limits.linesPerSecond} per second and ${this.limits.queuedLines} are already waiting; "${preview(line)}" was not run.`,
      });
      this.finish(seq);
      return;
    }
    this.queue.push({ line, seq });
    void this.pump();
  }

  /** A line that could not even be parsed still gets its prompt, so the client never waits forever. */
  reject(message: string, seq?: number): void {
    if (seq !== undefined) {
      if (seq <= this.lastReceivedSeq) return;
      this.lastReceivedSeq = seq;
    }
    this.send({ type: 'error', message });
    this.finish(seq);
  }

  interrupt(): void {
    if (this.running) this.shell.interrupt();
  }

  async complete(line: string, cursor: number): Promise<void> {
    let items: string[] = [];
    try {
      items = await this.shell.complete(line, Math.min(cursor, line.length));
    } catch {
      items = [];
    }
    this.send({ type: 'completions', items });
  }

  resize(cols: number, rows: number): void {
    this.shell.resize(cols, rows);
  }

  /** Sends to the attached socket, or keeps the frame (bounded) for the next one. */
  send(frame: ServerFrame): void {
    if (this.disposed) return;
    if (this.sink) {
      if (this.sink(frame)) return;
      // The socket died before its close event reached us: treat it as detached so nothing is lost.
      this.detach(this.sink);
    }
    const size = frame.type === 'output' ? frame.data.length : 64;
    this.backlog.push(frame);
    this.backlogSize += size;
    while (this.backlogSize > this.limits.backlogBytes && this.backlog.length > 1) {
      const dropped = this.backlog.shift()!;
      this.backlogSize -= dropped.type === 'output' ? dropped.data.length : 64;
      this.backlogDropped = true;
    }
  }

  /** Ends the session; an attached socket is closed with `code` and `reason` so the page can say why. */
  async dispose(code = 1001, reason = 'The terminal session ended; reconnect to start a new one.'): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.closeSocket?.(code, reason);
    this.closeSocket = undefined;
    this.sink = undefined;
    this.queue = [];
    if (this.running) this.shell.interrupt();
    await this.shell.dispose();
  }

  private finish(seq: number | undefined): void {
    if (seq !== undefined && seq > this.lastCompletedSeq) this.lastCompletedSeq = seq;
    this.send({ type: 'prompt', prompt: this.shell.prompt, ...(seq === undefined ? {} : { seq }) });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const out: ShellOutput = {
      output: (data) => this.send({ type: 'output', data }),
      error: (message) => this.send({ type: 'error', message }),
    };
    try {
      for (let next = this.queue.shift(); next && !this.disposed; next = this.queue.shift()) {
        // Over the rate a line waits for its turn instead of being dropped: a pasted block still runs whole, just
        // paced; only the bounded queue (see submit) refuses lines.
        while (!this.bucket.take() && !this.disposed) await delay(this.bucket.msUntilNext());
        if (this.disposed) break;
        try {
          await this.shell.run(next.line, out);
        } catch (error) {
          console.error('[cachelab] lab shell failed on a line', error);
          this.send({ type: 'error', message: 'The lab shell failed on this line (the server log has details). Try again, or `lab reset`.' });
        }
        this.finish(next.seq);
      }
    } finally {
      this.running = false;
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));
}

function preview(line: string): string {
  return line.length > 40 ? `${line.slice(0, 40)}...` : line;
}
