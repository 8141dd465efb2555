/**
 * @module The browser end of the terminal WebSocket: fetches a fresh token before every connect, numbers lines
 * (seq) and resends the unfinished ones after a reconnect (the server runs each seq once), and reconnects with
 * backoff unless the close code says retrying cannot help.
 */
import type { ServerFrame } from '../../server/terminal/frames.ts';

export type ConnectionState =
  | { state: 'connecting' }
  | { state: 'open'; resumed: boolean }
  | { state: 'reconnecting'; attempt: number; inMs: number }
  | { state: 'closed'; code: number; reason: string; retryable: boolean };

export interface ConnectionEvents {
  frame(frame: ServerFrame): void;
  state(state: ConnectionState): void;
  /** `lab reset` replaced the sandbox: the shell (and this connection) now use `sandboxId`. */
  sandboxMoved?(sandboxId: string): void;
}

/** Close codes after which reconnecting would only fail again (see src/server/terminal/terminal-socket.ts). */
const FINAL_CODES = new Set([1008, 1009, 4401, 4403, 4404, 4409, 4429]);
const MAX_ATTEMPTS = 12;

function storageKey(sandboxId: string): string {
  return `cachelab-terminal-session-${sandboxId}`;
}

function sessionRecord(sandboxId: string): { id: string; seq: number } {
  try {
    const stored = JSON.parse(sessionStorage.getItem(storageKey(sandboxId)) ?? 'null') as { id?: unknown; seq?: unknown } | null;
    if (stored && typeof stored.id === 'string' && typeof stored.seq === 'number') return { id: stored.id, seq: stored.seq };
  } catch {
    // Unreadable storage: start a new session.
  }
  return { id: crypto.randomUUID().replace(/-/g, ''), seq: 0 };
}

export class TerminalConnection {
  private socket: WebSocket | undefined;
  private readonly session: { id: string; seq: number };
  private pending: { seq: number; line: string }[] = [];
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private everOpened = false;
  private size: { cols: number; rows: number } | undefined;
  /** The sandbox the shell uses now (differs from sandboxId after `lab reset`; the server maps the old id). */
  private currentSandboxId: string;
  private disposed = false;

  constructor(
    readonly sandboxId: string,
    private readonly events: ConnectionEvents,
  ) {
    this.session = sessionRecord(sandboxId);
    this.currentSandboxId = sandboxId;
  }

  connect(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.events.state({ state: 'connecting' });
    void this.open();
  }

  /** Queues a line; it is (re)sent until the server's prompt for its seq arrives. */
  sendLine(line: string): void {
    this.session.seq += 1;
    this.save();
    const entry = { seq: this.session.seq, line };
    this.pending.push(entry);
    this.send({ type: 'line', line, seq: entry.seq });
  }

  interrupt(): void {
    this.send({ type: 'interrupt' });
  }

  complete(line: string, cursor: number): void {
    this.send({ type: 'complete', line, cursor });
  }

  /** Remembered, so a socket that opens (or reopens) later still tells the shell the terminal's size. */
  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    this.send({ type: 'resize', cols, rows });
  }

  /** Lines sent whose prompt has not arrived yet. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.socket?.close(1000, 'page closed the terminal');
  }

  private send(frame: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private save(): void {
    try {
      sessionStorage.setItem(storageKey(this.sandboxId), JSON.stringify(this.session));
    } catch {
      // Without storage a reload starts a new shell; reconnects within this page still resume.
    }
  }

  private async open(): Promise<void> {
    let token: string;
    try {
      const response = await fetch(`/api/sandboxes/${encodeURIComponent(this.sandboxId)}/terminal-token`, { method: 'POST' });
      const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string; sandboxId?: string };
      if (response.status === 404) {
        this.events.state({ state: 'closed', code: 4404, reason: body.error ?? 'The sandbox no longer exists.', retryable: false });
        return;
      }
      if (!response.ok || !body.token) throw new Error(body.error ?? `HTTP ${response.status}`);
      token = body.token;
      if (body.sandboxId && body.sandboxId !== this.currentSandboxId) {
        this.currentSandboxId = body.sandboxId;
        this.events.sandboxMoved?.(body.sandboxId);
      }
    } catch {
      this.retry();
      return;
    }
    if (this.disposed) return;
    const url = new URL('/api/terminal', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams({ sandbox: this.sandboxId, token, session: this.session.id }).toString();
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      const resumed = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.events.state({ state: 'open', resumed });
      if (this.size) this.send({ type: 'resize', ...this.size });
      // The server skips any seq it already received, so resending everything unfinished is safe.
      for (const entry of this.pending) this.send({ type: 'line', line: entry.line, seq: entry.seq });
    });
    socket.addEventListener('message', (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'prompt' && frame.seq !== undefined) {
        if (frame.seq > this.session.seq) {
          // The shell already ran lines this page never sent (another load of the page): continue after them.
          this.session.seq = frame.seq;
          this.save();
        }
        this.pending = this.pending.filter((entry) => entry.seq > frame.seq!);
      }
      this.events.frame(frame);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket || this.disposed) return;
      this.socket = undefined;
      if (FINAL_CODES.has(event.code)) {
        this.events.state({ state: 'closed', code: event.code, reason: event.reason, retryable: event.code === 4409 });
        return;
      }
      this.retry();
    });
  }

  private retry(): void {
    if (this.disposed) return;
    this.attempt += 1;
    if (this.attempt > MAX_ATTEMPTS) {
      this.events.state({ state: 'closed', code: 1006, reason: 'The server cannot be reached.', retryable: true });
      return;
    }
    const inMs = Math.min(10_000, 250 * 2 ** (this.attempt - 1)) + Math.floor(Math.random() * 250);
    this.events.state({ state: 'reconnecting', attempt: this.attempt, inMs });
    this.timer = setTimeout(() => void this.open(), inMs);
  }
}
