/**
 * @module One redis-cli session (one-shot or interactive): its connection, prompt, selected DB, cluster
 * redirects, streaming commands (SUBSCRIBE, MONITOR) and -r/-i repeats, following redis-cli 7.0's
 * issueCommandRepeat / cliSendCommand / cliReadReply.
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { ShellOutput } from '../lab-shell.ts';
import { formatRaw, formatRawBody, formatTty, printsVerbatim } from '../format/format-reply.ts';
import { neutralise } from '../format/repr.ts';
import { checkHostArguments } from '../policy/host-arguments.ts';
import { ConnectionClosedError, RespConnection } from '../resp/resp-connection.ts';
import { ReplyTooLargeError } from '../resp/resp-parser.ts';
import type { RespReply } from '../resp/resp-reply.ts';
import { type CliTarget, resolveTarget } from './cli-connection-target.ts';
import { commandRefusal } from './command-refusal.ts';
import { isConfigGet, platformConfigGet } from './platform-config-get.ts';
import { refusalHint } from './refusal-hint.ts';

export interface RedisCliSessionOptions {
  sandbox: () => Sandbox;
  target: CliTarget;
  cluster: boolean;
  raw: boolean;
  db: number;
  user?: string;
  password?: string;
  /** Interactive sessions print redirects and reconnect after Ctrl-C, like redis-cli's REPL. */
  interactive: boolean;
  connectTimeoutMs: number;
  maxReplyBytes: number;
  /** The shell's `lab` subcommands, for hints that point at them (`lab param` after a refused CONFIG SET). */
  labCommands?: ReadonlySet<string>;
}

type SendResult = 'done' | 'redirect' | 'failed';

export class RedisCliSession {
  private connection: RespConnection | undefined;
  private target: CliTarget;
  private resolvedPort: number | undefined;
  /** The node the connection was opened to: the platform answers CONFIG GET from that node. */
  private connectedNode: string | undefined;
  private db: number;
  /** Inside MULTI: redis-cli 7 shows "(TX)" in the prompt and restores the DB when the transaction is dropped. */
  private inMulti = false;
  private preMultiDb = 0;
  private reissue = false;
  private sendAsking = false;
  /** AUTH typed inside the session, replayed when the lab reconnects after Ctrl-C (redis-cli would forget it). */
  private typedAuth: string[] | undefined;
  private disposed = false;

  constructor(private readonly options: RedisCliSessionOptions) {
    this.target = options.target;
    this.db = options.db;
  }

  get connected(): boolean {
    return this.connection !== undefined && !this.connection.closed;
  }

  /** redis-cli's prompt: `host:port> `, `host:port[2]> ` after SELECT 2, `not connected> ` without a connection. */
  get prompt(): string {
    if (!this.connected) return 'not connected> ';
    const port = this.target.port ?? this.resolvedPort ?? 6379;
    const host = this.target.host.includes(':') ? `[${this.target.host}]` : this.target.host;
    return `${host}:${port}${this.db !== 0 ? `[${this.db}]` : ''}${this.inMulti ? '(TX)' : ''}> `;
  }

  /** Points the session somewhere else (redis-cli's `connect host port`) and connects. */
  async retarget(target: CliTarget, out: ShellOutput, signal?: AbortSignal): Promise<boolean> {
    this.target = target;
    return this.connect(out, signal);
  }

  /**
   * cliConnect(CC_FORCE): new connection, AUTH with the flags' credentials, SELECT the DB. Unlike hiredis the
   * handshake has a deadline, so a frozen node (`lab stop`) cannot hang the shell.
   */
  async connect(out: ShellOutput, signal?: AbortSignal): Promise<boolean> {
    this.closeConnection();
    // A new connection has no transaction (redis-cli's cliConnect clears in_multi too).
    this.inMulti = false;
    const shownPort = this.target.port ?? 6379;
    const resolved = resolveTarget(this.options.sandbox(), this.target);
    if (!resolved) {
      out.error(`Could not connect to Redis at ${this.target.host}:${shownPort}: Connection refused`);
      out.error('Hint: only your own sandbox is reachable from here; `lab status` lists its endpoints and nodes.');
      return false;
    }
    this.resolvedPort = resolved.port;
    this.connectedNode = resolved.node.name;
    let connection: RespConnection;
    try {
      connection = await RespConnection.open({
        host: resolved.host,
        port: resolved.port,
        connectTimeoutMs: this.options.connectTimeoutMs,
        maxReplyBytes: this.options.maxReplyBytes,
      });
    } catch (error) {
      out.error(`Could not connect to Redis at ${this.target.host}:${this.target.port ?? resolved.port}: ${messageOf(error)}`);
      return false;
    }
    if (this.disposed) {
      connection.close();
      return false;
    }
    this.connection = connection;
    const deadline = setTimeout(() => connection.close('Connection timed out'), this.options.connectTimeoutMs);
    const abort = () => connection.close();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const auth = this.options.password !== undefined
        ? ['AUTH', ...(this.options.user !== undefined ? [this.options.user] : []), this.options.password]
        : this.typedAuth;
      if (auth) {
        const reply = await connection.command(auth);
        if (reply.type === 'error' && this.options.password !== undefined) out.error(`AUTH failed: ${neutralise(reply.value)}`);
      }
      if (this.db !== 0) {
        const reply = await connection.command(['SELECT', String(this.db)]);
        if (reply.type === 'error') out.error(`SELECT ${this.db} failed: ${neutralise(reply.value)}`);
      }
    } catch (error) {
      if (!signal?.aborted) out.error(`Could not connect to Redis at ${this.target.host}:${this.target.port ?? resolved.port}: ${messageOf(error)}`);
      this.closeConnection();
      return false;
    } finally {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', abort);
    }
    return true;
  }

  /**
   * issueCommandRepeat: (re)connects when needed, sends the command `repeat` times, follows MOVED/ASK in
   * cluster mode. Stops when `signal` aborts (Ctrl-C, output cap).
   */
  async issue(args: Buffer[], repeat: number, intervalMs: number, out: ShellOutput, signal: AbortSignal): Promise<void> {
    const words = args.map((a) => a.toString('utf8'));
    const refusal = commandRefusal(words) ?? checkHostArguments(words, (h, p) => this.options.sandbox().owns(h, p));
    if (refusal) {
      out.error(refusal);
      return;
    }
    for (;;) {
      if (signal.aborted) return;
      if (this.reissue || !this.connected) {
        if (!(await this.connect(out, signal))) {
          this.reissue = false;
          return;
        }
      }
      this.reissue = false;
      const result = await this.send(args, words, repeat, intervalMs, out, signal);
      if (result !== 'redirect') return;
    }
  }

  private async send(
    args: Buffer[],
    words: string[],
    repeat: number,
    intervalMs: number,
    out: ShellOutput,
    signal: AbortSignal,
  ): Promise<SendResult> {
    const connection = this.connection!;
    const stop = () => connection.close();
    signal.addEventListener('abort', stop, { once: true });
    const name = words[0]!.toLowerCase();
    try {
      if (this.sendAsking) {
        this.sendAsking = false;
        await connection.command(['ASKING']);
      }
      if (name === 'subscribe' || name === 'psubscribe' || name === 'ssubscribe') {
        connection.send(args);
        if (!this.options.raw) out.output('Reading messages... (press Ctrl-C to quit)\n');
        return await this.stream(connection, out);
      }
      if (name === 'monitor') {
        connection.send(args);
        return await this.stream(connection, out);
      }
      if (isConfigGet(words)) return await this.answerConfigGet(connection, words, repeat, intervalMs, out, signal);
      const verbatim = printsVerbatim(words);
      let hinted = false;
      for (let i = 0; i < repeat; i++) {
        const reply = await connection.command(args);
        if (this.options.cluster && reply.type === 'error' && this.redirect(reply.value.toString('utf8'), out)) {
          return 'redirect';
        }
        out.output(verbatim ? formatRawBody(reply) : this.format(reply));
        const hint = hinted ? undefined : refusalHint(words, reply, this.options.labCommands ?? new Set());
        if (hint) {
          out.error(hint);
          hinted = true;
        }
        this.afterReply(words, reply);
        if (intervalMs > 0 && i < repeat - 1) await sleep(intervalMs, signal);
        if (signal.aborted) break;
      }
      return 'done';
    } catch (error) {
      if (signal.aborted) {
        this.closeConnection();
        return 'done';
      }
      if (error instanceof ReplyTooLargeError) {
        out.output(`(output truncated: ${error.message}; the connection was reset, ask for less, e.g. GETRANGE or LRANGE with a range)\n`);
      } else {
        out.error(`Error: ${messageOf(error)}`);
      }
      this.closeConnection();
      return 'failed';
    } finally {
      signal.removeEventListener('abort', stop);
      if (signal.aborted) this.closeConnection();
    }
  }

  /**
   * CONFIG GET, answered by the platform for the connected node (see platform-config-get.ts). The server is still
   * asked first with a PING, so an unauthenticated connection gets its real NOAUTH error rather than an answer.
   */
  private async answerConfigGet(
    connection: RespConnection,
    words: string[],
    repeat: number,
    intervalMs: number,
    out: ShellOutput,
    signal: AbortSignal,
  ): Promise<SendResult> {
    if (this.inMulti) {
      // Queueing it would need the server to run it; the transaction is left as it was.
      out.error('CONFIG GET is answered by the platform, not queued in a transaction: run it after EXEC or DISCARD.');
      return 'done';
    }
    for (let i = 0; i < repeat; i++) {
      const probe = await connection.command(['PING']);
      let reply: RespReply = probe;
      if (probe.type !== 'error') {
        try {
          reply = await platformConfigGet(this.options.sandbox(), this.connectedNode!, words.slice(2));
        } catch (error) {
          out.error(`CONFIG GET could not be answered: ${messageOf(error)}`);
          return 'done';
        }
      }
      out.output(this.format(reply));
      if (intervalMs > 0 && i < repeat - 1) await sleep(intervalMs, signal);
      if (signal.aborted) break;
    }
    return 'done';
  }

  /**
   * Prints replies as they come until the connection closes (Ctrl-C closes it). In cluster mode a MOVED
   * answer to SSUBSCRIBE sends the subscription to the shard that owns the channel, as redis-cli does.
   */
  private async stream(connection: RespConnection, out: ShellOutput): Promise<SendResult> {
    for (;;) {
      const reply = await connection.nextReply();
      if (this.options.cluster && reply.type === 'error' && this.redirect(reply.value.toString('utf8'), out)) return 'redirect';
      out.output(this.format(reply));
    }
  }

  /** MOVED/ASK in cluster mode: prints redis-cli's redirect line and points the session at the new node. */
  private redirect(error: string, out: ShellOutput): boolean {
    const match = /^(MOVED|ASK) (\d+) (.+):(\d+)$/.exec(error);
    if (!match) return false;
    const [, kind, slot, host, port] = match;
    if (!this.options.sandbox().owns(host!, Number(port))) {
      out.error(`Redirect to ${host}:${port} refused: it is not a node of your sandbox`);
      return false;
    }
    this.target = { host: host!, port: Number(port) };
    if (this.options.interactive) out.output(`-> Redirected to slot [${slot}] located at ${host}:${port}\n`);
    this.reissue = true;
    if (kind === 'ASK') this.sendAsking = true;
    return true;
  }

  /** What redis-cli remembers from a reply: the DB of SELECT, MULTI/EXEC/DISCARD state, and AUTH (kept for reconnects). */
  private afterReply(words: string[], reply: RespReply): void {
    const name = words[0]!.toLowerCase();
    const failed = reply.type === 'error';
    if (name === 'exec' && words.length === 1 && this.inMulti) {
      // redis-cli 7.0: EXEC ends the transaction whatever it answers; an aborted one (error or nil) undoes a queued SELECT.
      this.inMulti = false;
      if (failed || reply.type === 'nil') this.db = this.preMultiDb;
      return;
    }
    if (failed) return;
    if (name === 'select' && words.length === 2) {
      this.db = Number.parseInt(words[1]!, 10) || 0;
    } else if (name === 'auth' && (words.length === 2 || words.length === 3)) {
      this.typedAuth = words;
    } else if (name === 'multi' && words.length === 1) {
      this.inMulti = true;
      this.preMultiDb = this.db;
    } else if (name === 'discard' && words.length === 1) {
      this.inMulti = false;
      this.db = this.preMultiDb;
    } else if (name === 'reset') {
      this.db = 0;
      this.inMulti = false;
      this.typedAuth = undefined;
    }
  }

  private format(reply: RespReply): string {
    return this.options.raw ? formatRaw(reply) : formatTty(reply);
  }

  private closeConnection(): void {
    this.connection?.close();
    this.connection = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.closeConnection();
  }
}

function messageOf(error: unknown): string {
  if (error instanceof ConnectionClosedError) return error.message;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
