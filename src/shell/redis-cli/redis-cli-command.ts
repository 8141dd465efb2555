/**
 * @module The `redis-cli` shell command: one-shot (`redis-cli GET k`) runs and returns; without a command it
 * returns an interactive session whose lines are handled by runInteractiveLine (redis-cli's repl()).
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { commandDocs } from '../completion/command-docs.ts';
import type { ShellOutput } from '../lab-shell.ts';
import { splitArgs } from '../parse/split-args.ts';
import { defaultTarget } from './cli-connection-target.ts';
import { CLI_VERSION, MAX_REPEAT, parseCliOptions } from './cli-options.ts';
import { isPlatformUser, platformUserRefusal } from './command-refusal.ts';
import { RedisCliSession } from './redis-cli-session.ts';

export const AUTH_WARNING = "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.";

export interface RedisCliContext {
  sandbox: () => Sandbox;
  out: ShellOutput;
  signal: AbortSignal;
  connectTimeoutMs: number;
  maxReplyBytes: number;
  /** The shell's `lab` subcommands, for hints that point at them. */
  labCommands?: ReadonlySet<string>;
}

/** Runs `redis-cli <args>`; returns the session when it stays open in interactive mode. */
export async function runRedisCli(args: string[], ctx: RedisCliContext): Promise<InteractiveRedisCli | undefined> {
  const parsed = parseCliOptions(args);
  if (!parsed.ok) {
    if (parsed.exit) ctx.out.output(parsed.exit);
    if (parsed.message) ctx.out.error(parsed.message);
    return undefined;
  }
  const { options } = parsed;
  if (options.user !== undefined && isPlatformUser(options.user)) {
    ctx.out.error(platformUserRefusal(options.user));
    return undefined;
  }
  for (const notice of parsed.notices) ctx.out.output(`${notice}\n`);
  if (options.password !== undefined && !options.noAuthWarning) ctx.out.error(AUTH_WARNING);
  const target = options.host !== undefined
    ? { host: options.host, port: options.port }
    : options.port !== undefined
      ? { host: '127.0.0.1', port: options.port }
      : defaultTarget(ctx.sandbox());
  const interactive = options.command.length === 0;
  const session = new RedisCliSession({
    sandbox: ctx.sandbox,
    target,
    cluster: options.cluster,
    raw: options.raw,
    db: options.db,
    user: options.user,
    password: options.password,
    interactive,
    connectTimeoutMs: ctx.connectTimeoutMs,
    maxReplyBytes: ctx.maxReplyBytes,
    labCommands: ctx.labCommands,
  });
  if (!interactive) {
    try {
      if (!(await session.connect(ctx.out, ctx.signal))) return undefined;
      const command = options.command.map((word) => Buffer.from(word, 'utf8'));
      await session.issue(command, options.repeat, options.intervalMs, ctx.out, ctx.signal);
    } finally {
      session.dispose();
    }
    return undefined;
  }
  await session.connect(ctx.out, ctx.signal);
  return new InteractiveRedisCli(session, options.intervalMs);
}

/** redis-cli's REPL: quit/exit, clear, help, `connect host port`, `N command` repeats, then issueCommandRepeat. */
export class InteractiveRedisCli {
  constructor(
    readonly session: RedisCliSession,
    private readonly intervalMs: number,
  ) {}

  get prompt(): string {
    return this.session.prompt;
  }

  async runLine(line: string, ctx: RedisCliContext): Promise<'stay' | 'exit'> {
    const args = splitArgs(line);
    if (!args) {
      ctx.out.output('Invalid argument(s)\n');
      return 'stay';
    }
    if (args.length === 0) return 'stay';
    const first = args[0]!.toString('utf8');
    const lower = first.toLowerCase();
    if (lower === 'quit' || lower === 'exit') {
      this.session.dispose();
      return 'exit';
    }
    if (lower === 'clear') {
      ctx.out.output('\u001b[H\u001b[2J');
      return 'stay';
    }
    if (lower === 'help' || lower === '?') {
      await printCliHelp(args.slice(1).map((a) => a.toString('utf8')), ctx);
      return 'stay';
    }
    if (lower === 'connect' && args.length === 3) {
      await this.session.retarget({ host: args[1]!.toString('utf8'), port: Number.parseInt(args[2]!.toString('utf8'), 10) || 0 }, ctx.out, ctx.signal);
      return 'stay';
    }
    let repeat = 1;
    let command = args;
    if (args.length > 1 && /^-?\d+$/.test(first)) {
      repeat = Number(first);
      if (repeat <= 0) {
        ctx.out.output('Invalid redis-cli repeat command option value.\n');
        return 'stay';
      }
      if (repeat > MAX_REPEAT) {
        ctx.out.error(`The repeat count is limited to ${MAX_REPEAT} in the lab shell.`);
        return 'stay';
      }
      command = args.slice(1);
    }
    await this.session.issue(command, repeat, this.intervalMs, ctx.out, ctx.signal);
    if (ctx.signal.aborted && !this.session.connected) await this.session.connect(ctx.out);
    return 'stay';
  }

  dispose(): void {
    this.session.dispose();
  }
}

/** redis-cli's `help` and `help <command>` (docs from the sandbox's own COMMAND DOCS). */
export async function printCliHelp(words: string[], ctx: RedisCliContext): Promise<void> {
  if (words.length === 0) {
    ctx.out.output(
      [
        CLI_VERSION,
        'To get help about Redis commands type:',
        '      "help <command>" for help on <command>',
        '      "help <tab>" to get a list of possible help topics',
        '      "quit" to exit',
        '',
        'Lab shell commands (lab status, lab topology, ...) work here too; type quit to return to the $ prompt.',
        '',
      ].join('\n'),
    );
    return;
  }
  let docs: Map<string, { name: string; summary: string; since: string; group: string; params: string }>;
  try {
    docs = await commandDocs(ctx.sandbox());
  } catch {
    ctx.out.error('Command help is not available right now (the sandbox did not answer COMMAND DOCS); try again in a moment.');
    return;
  }
  const name = words.join('|').toLowerCase();
  const doc = docs.get(name) ?? docs.get(words[0]!.toLowerCase());
  if (doc) {
    ctx.out.output(
      `\n  \u001b[1m${doc.name.replace('|', ' ').toUpperCase()}\u001b[0m \u001b[90m${doc.params}\u001b[0m\n` +
        `  \u001b[33msummary:\u001b[0m ${doc.summary}\n  \u001b[33msince:\u001b[0m ${doc.since}\n` +
        `  \u001b[33mgroup:\u001b[0m ${doc.group}\n`,
    );
  }
  ctx.out.output('\n');
}
