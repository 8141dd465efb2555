/**
 * @module A terminal client for tests and the benchmark: learner cookie, token, WebSocket with a same-site
 * Origin, frames collected in order, and waits on conditions instead of sleeps.
 */
import WebSocket from 'ws';
import type { ServerFrame } from '../../../src/server/terminal/frames.ts';

export interface Learner {
  base: string;
  cookie: string;
  learnerId: string;
}

/** Gets a learner cookie the way a browser does: from any API response. */
export async function newLearner(base: string): Promise<Learner> {
  const response = await fetch(`${base}/api/sandboxes`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const pair = setCookie.split(';')[0]!;
  if (!pair.startsWith('cachelab_learner=')) throw new Error(`no learner cookie in ${setCookie}`);
  const value = decodeURIComponent(pair.slice('cachelab_learner='.length));
  return { base, cookie: pair, learnerId: value.slice(0, value.lastIndexOf('.')) };
}

export async function api(learner: Learner, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const request = () =>
    fetch(`${learner.base}${path}`, {
      method,
      headers: { cookie: learner.cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // A kept-alive socket the server closed at the same instant fails with ECONNRESET; a fresh one does not.
  const response = await request().catch(() => request());
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

export async function terminalToken(learner: Learner, sandboxId: string): Promise<string> {
  const { status, json } = await api(learner, 'POST', `/api/sandboxes/${sandboxId}/terminal-token`);
  if (status !== 201) throw new Error(`token request failed: ${status} ${JSON.stringify(json)}`);
  return json.token as string;
}

export interface ConnectOptions {
  token?: string;
  session?: string;
  origin?: string | null;
  cookie?: string | null;
}

export class TerminalTestClient {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | undefined;
  private seq = 0;
  private listeners = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      this.notify();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
    socket.on('error', () => this.notify());
  }

  static async connect(learner: Learner, sandboxId: string, options: ConnectOptions = {}): Promise<TerminalTestClient> {
    const token = options.token ?? (await terminalToken(learner, sandboxId));
    const url = new URL(`${learner.base.replace(/^http/, 'ws')}/api/terminal`);
    url.searchParams.set('sandbox', sandboxId);
    url.searchParams.set('token', token);
    if (options.session) url.searchParams.set('session', options.session);
    const headers: Record<string, string> = {};
    const cookie = options.cookie === undefined ? learner.cookie : options.cookie;
    if (cookie) headers.cookie = cookie;
    const origin = options.origin === undefined ? learner.base : options.origin;
    const socket = new WebSocket(url, { headers, ...(origin ? { origin } : {}) });
    // Listen before 'open': the server's first frame can arrive in the same packet as the handshake.
    const client = new TerminalTestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** Sends a numbered line; resolves with everything up to its prompt. */
  async run(line: string, timeoutMs = 20_000): Promise<{ text: string; errors: string[]; prompt: string }> {
    this.seq += 1;
    const seq = this.seq;
    const start = this.frames.length;
    this.send({ type: 'line', line, seq });
    const at = await this.waitFor(() => this.frames.findIndex((f, i) => i >= start && f.type === 'prompt' && (f.seq ?? 0) >= seq), timeoutMs);
    const slice = this.frames.slice(start, at + 1);
    return {
      text: slice.map((f) => (f.type === 'output' ? f.data : '')).join(''),
      errors: slice.flatMap((f) => (f.type === 'error' ? [f.message] : [])),
      prompt: (slice.at(-1) as { prompt: string }).prompt,
    };
  }

  /** Sets the next seq (a resumed client continues its numbering). */
  continueFrom(seq: number): void {
    this.seq = seq;
  }

  get lastSeq(): number {
    return this.seq;
  }

  text(from = 0): string {
    return this.frames.slice(from).map((f) => (f.type === 'output' ? f.data : f.type === 'error' ? `${f.message}\n` : '')).join('');
  }

  /** Polls `probe` on every frame until it returns a value other than -1/undefined/false. */
  waitFor<T>(probe: () => T, timeoutMs = 20_000): Promise<Exclude<T, false | undefined>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value !== undefined && value !== false && value !== -1) {
          cleanup();
          resolve(value as Exclude<T, false | undefined>);
        } else if (this.closed) {
          cleanup();
          reject(new Error(`socket closed (${this.closed.code} ${this.closed.reason}) while waiting; frames: ${JSON.stringify(this.frames.slice(-5))}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting; last frames: ${JSON.stringify(this.frames.slice(-5))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  waitForClose(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    return this.waitForOrClosed(() => this.closed, timeoutMs);
  }

  close(): void {
    this.socket.close();
  }

  private waitForOrClosed<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value !== undefined) {
          clearTimeout(timer);
          this.listeners.delete(check);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error('timed out waiting for close'));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
