/**
 * @module The lab shell of one terminal session: line policy (length, rate), the `$` prompt's commands, the
 * interactive redis-cli mode, `lab reset` confirmation, output caps, Ctrl-C, completion and history.
 */
import type { Sandbox, SandboxEngine } from '../../sandbox/sandbox-engine.ts';
import { runRedisBenchmark } from './benchmark/redis-benchmark-command.ts';
import { completeLine, SHELL_COMMANDS } from './completion/complete-line.ts';
import { BUILT_IN_LAB_COMMANDS } from './lab/lab-commands.ts';
import type { ShellOutput } from './lab-shell.ts';
import {
  type LabCommand,
  type LabConfirmation,
  type LabShellLimits,
  labShellLimitsSchema,
  type LabShellOptions,
  type SandboxLabShell,
} from './lab-shell-options.ts';
import { shellWords } from './parse/shell-words.ts';
import { OutputLimiter } from './policy/output-limiter.ts';
import { TokenBucket } from './policy/token-bucket.ts';
import { type InteractiveRedisCli, printCliHelp, runRedisCli } from './redis-cli/redis-cli-command.ts';
import { defaultEndpointPhrase, isRedisCommand, runSandboxCommand } from './redis-cli/sandbox-command.ts';
import { labHelp, shellHelp } from './shell-help.ts';
import { explainUnset, shellVariables } from './shell-variables.ts';

const SHELL_PROMPT = '$ ';
/** Words the `$` prompt handles itself; every other first word may be a Redis command. */
const BUILT_INS = new Set([...SHELL_COMMANDS, 'exit', 'logout', 'quit']);
const RESET_PROMPT = 'Replace this sandbox with a fresh one? All data will be lost. [y/N] ';

export class LabShellSession implements SandboxLabShell {
  private currentSandbox: Sandbox;
  private readonly engine: SandboxEngine;
  private readonly limits: LabShellLimits;
  private readonly bucket: TokenBucket;
  private readonly labCommands: Map<string, LabCommand>;
  private readonly lines: string[] = [];
  private cli: InteractiveRedisCli | undefined;
  private confirmingReset = false;
  /** A y/N question asked by a `lab` command or a reset override; the next line answers it. */
  private pendingConfirm: LabConfirmation | undefined;
  private running: AbortController | undefined;
  private cols: number;
  private disposed = false;

  constructor(private readonly options: LabShellOptions) {
    this.currentSandbox = options.sandbox;
    this.engine = options.engine;
    this.limits = labShellLimitsSchema.parse(options.limits ?? {});
    this.bucket = new TokenBucket(this.limits.linesPerSecond, this.limits.burst);
    this.cols = options.cols ?? 80;
    this.labCommands = new Map(BUILT_IN_LAB_COMMANDS.map((c) => [c.name, c]));
    for (const [name, command] of Object.entries(options.extraLabCommands ?? {})) {
      if (this.labCommands.has(name) || name === 'reset' || name === 'help') {
        throw new Error(`extraLabCommands: "lab ${name}" is built in; give the extra command another name.`);
      }
      this.labCommands.set(name, command);
    }
  }

  get sandbox(): Sandbox {
    return this.currentSandbox;
  }

  get prompt(): string {
    if (this.pendingConfirm) return this.pendingConfirm.prompt;
    if (this.confirmingReset) return RESET_PROMPT;
    return this.cli ? this.cli.prompt : SHELL_PROMPT;
  }

  get history(): readonly string[] {
    return this.lines;
  }

  async run(line: string, out: ShellOutput): Promise<void> {
    if (this.disposed) {
      out.error('This terminal session has ended; reload the page to start a new one.');
      return;
    }
    if (Buffer.byteLength(line) > this.limits.maxLineBytes) {
      out.error(`Line refused: it is longer than ${Math.round(this.limits.maxLineBytes / 1024)} KB; store big values from a client program instead.`);
      return;
    }
    if (!this.bucket.take()) {
      out.error(`Slow down: at most ${this.limits.linesPerSecond} lines per second (try again in ${this.bucket.msUntilNext()} ms).`);
      return;
    }
    if (line.trim() !== '' && this.lines.at(-1) !== line && !this.confirmingReset && !this.pendingConfirm) {
      this.lines.push(line);
      if (this.lines.length > this.limits.maxHistory) this.lines.shift();
    }
    const controller = new AbortController();
    this.running = controller;
    const limited = new OutputLimiter(out, { maxLines: this.limits.maxOutputLines, maxBytes: this.limits.maxOutputBytes }, () =>
      controller.abort(),
    );
    try {
      await this.dispatch(line, limited, controller.signal);
    } catch (error) {
      limited.error(oneLine(error));
    } finally {
      this.running = undefined;
    }
  }

  private async dispatch(line: string, out: ShellOutput, signal: AbortSignal): Promise<void> {
    this.currentSandbox.touch();
    if (this.pendingConfirm) {
      const pending = this.pendingConfirm;
      this.pendingConfirm = undefined;
      if (/^\s*y(es)?\s*$/i.test(line)) await pending.run(out);
      else out.output('Cancelled.\n');
      return;
    }
    if (this.confirmingReset) {
      this.confirmingReset = false;
      if (/^\s*y(es)?\s*$/i.test(line)) await this.reset(out);
      else out.output('Reset cancelled.\n');
      return;
    }
    if (this.cli) {
      const trimmed = line.trim();
      // `lab ...` is not a Redis command, so it is safe to offer inside redis-cli as well.
      if (/^lab(\s|$)/.test(trimmed)) {
        const words = shellWords(trimmed);
        if (!words.ok) out.error(words.message);
        else await this.runLab(words.words.slice(1), out, signal);
        return;
      }
      const result = await this.cli.runLine(line, this.cliContext(out, signal));
      if (result === 'exit') this.cli = undefined;
      return;
    }
    const sandbox = this.currentSandbox;
    const parsed = shellWords(line, {
      variables: shellVariables(sandbox),
      explainUnset: (name) => explainUnset(name, sandbox),
      // No file system to redirect to: for redis-cli and Redis commands, `XREADGROUP ... STREAMS s >` means the ID ">".
      operatorsAsWords: (first) => first === 'redis-cli' || !BUILT_INS.has(first),
    });
    if (!parsed.ok) {
      out.error(parsed.message);
      return;
    }
    const [command, ...args] = parsed.words;
    if (command === undefined) return;
    switch (command) {
      case 'redis-cli': {
        const cli = await runRedisCli(args, this.cliContext(out, signal));
        if (this.disposed) cli?.dispose();
        else this.cli = cli;
        return;
      }
      case 'redis-benchmark':
        await runRedisBenchmark(args, {
          binary: this.options.redisBenchmark ?? 'redis-benchmark',
          sandbox: this.currentSandbox,
          out,
          signal,
          timeoutMs: this.limits.benchmarkTimeoutMs,
        });
        return;
      case 'lab':
        await this.runLab(args, out, signal);
        return;
      case 'help':
        // `help SET` at $ shows the Redis command's help, as redis-cli's own `help SET` does.
        if (args[0] !== undefined && !BUILT_INS.has(args[0]) && (await isRedisCommand(args[0], this.currentSandbox))) {
          await printCliHelp(args, this.cliContext(out, signal));
        } else {
          out.output(shellHelp(args[0], [...this.labCommands.values()]));
        }
        return;
      case 'clear':
        out.output('\u001b[H\u001b[2J\u001b[3J');
        return;
      case 'history':
        out.output(this.lines.map((entry, i) => `${String(i + 1).padStart(5)}  ${entry}\n`).join(''));
        return;
      default:
        // QUIT is also a Redis command, but at `$` a learner typing it means to leave, in any case.
        if (/^(exit|logout|quit)$/i.test(command)) out.output('This is the lab shell of your sandbox; close the terminal to leave it.\n');
        else await this.runRedisCommand(parsed.words, out, signal);
    }
  }

  /** A first word the shell does not know: a Redis command of the sandbox's server, or "command not found". */
  private async runRedisCommand(words: string[], out: ShellOutput, signal: AbortSignal): Promise<void> {
    const command = words[0]!;
    const known = await isRedisCommand(command, this.currentSandbox);
    if (known) {
      await runSandboxCommand(words, this.cliContext(out, signal));
      return;
    }
    const where = defaultEndpointPhrase(this.currentSandbox);
    if (known === undefined) {
      out.error(
        `${command}: the sandbox did not answer, so the shell cannot tell whether this is a Redis command; check \`lab status\` (a node may be down) and try again`,
      );
      return;
    }
    out.error(
      `${command}: command not found. Shell commands: ${SHELL_COMMANDS.join(', ')}; Redis commands (SET, GET, ...) run against ${where}. Type \`help\`.`,
    );
  }

  private async runLab(args: string[], out: ShellOutput, signal: AbortSignal): Promise<void> {
    const [name, ...rest] = args;
    if (name === undefined || name === 'help') {
      out.output(labHelp([...this.labCommands.values()]));
      return;
    }
    if (name === 'reset') {
      const override = this.options.resetOverride?.(this.currentSandbox);
      if (override) {
        if (rest.includes('--yes')) await override.run(out);
        else this.pendingConfirm = override;
        return;
      }
      if (rest.includes('--yes')) await this.reset(out);
      else this.confirmingReset = true;
      return;
    }
    const command = this.labCommands.get(name);
    if (!command) {
      out.error(`lab ${name}: unknown subcommand; try: ${[...this.labCommands.keys(), 'reset'].join(', ')} (lab help)`);
      return;
    }
    await command.run(rest, {
      sandbox: this.currentSandbox,
      engine: this.engine,
      out,
      signal,
      cols: this.cols,
      history: this.lines,
      useSandbox: (sandbox) => this.follow(sandbox),
      confirm: (question) => {
        this.pendingConfirm = question;
      },
    });
  }

  /** Switches the terminal to another sandbox of the same learner; an open redis-cli session belonged to the old one. */
  private follow(sandbox: Sandbox): void {
    if (sandbox.ownerId !== this.currentSandbox.ownerId) throw new Error('A terminal can only switch to a sandbox of the same learner.');
    this.cli?.dispose();
    this.cli = undefined;
    this.currentSandbox = sandbox;
    this.options.onSandboxChange?.(sandbox);
  }

  /** `lab reset`: delete, then create the same spec for the same owner; the gateway follows via onSandboxChange. */
  private async reset(out: ShellOutput): Promise<void> {
    const old = this.currentSandbox;
    this.cli?.dispose();
    this.cli = undefined;
    let fresh: Sandbox;
    try {
      // Create first so a refused create (capacity) leaves the learner with the sandbox they had.
      fresh = await this.engine.create(old.spec, old.ownerId);
      await this.engine.delete(old.id);
    } catch {
      // At the per-learner cap the old sandbox has to go first.
      await this.engine.delete(old.id);
      try {
        fresh = await this.engine.create(old.spec, old.ownerId);
      } catch (error) {
        throw new Error(`Sandbox ${old.id} was deleted, but a new one could not be created: ${oneLine(error)} Create one from the playground.`);
      }
    }
    this.currentSandbox = fresh;
    this.options.onSandboxChange?.(fresh);
    out.output(`New sandbox ${fresh.id} is ready (same topology). \`lab status\` shows its endpoints and new credentials.\n`);
  }

  private cliContext(out: ShellOutput, signal: AbortSignal) {
    const { connectTimeoutMs, maxReplyBytes } = this.limits;
    const labCommands = new Set(this.labCommands.keys());
    return { sandbox: () => this.currentSandbox, out, signal, connectTimeoutMs, maxReplyBytes, labCommands };
  }

  interrupt(): void {
    if (this.confirmingReset) this.confirmingReset = false;
    this.pendingConfirm = undefined;
    this.running?.abort();
  }

  complete(line: string, cursor: number): Promise<string[]> {
    return completeLine(line, cursor, {
      sandbox: this.currentSandbox,
      labCommands: [...this.labCommands.keys()],
      inRedisCli: this.cli !== undefined,
    });
  }

  resize(cols: number, _rows: number): void {
    if (Number.isInteger(cols) && cols > 0) this.cols = cols;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.running?.abort();
    this.cli?.dispose();
    this.cli = undefined;
  }
}

/** Errors reach the learner as one line (engine errors already say how to fix the problem). */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 500) || 'The command failed.';
}
