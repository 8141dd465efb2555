/**
 * @module Tab completion: shell and Redis commands, lab subcommands, redis-cli and redis-benchmark flags, endpoint and
 * node names after -h, node names after lab kill/stop/..., $VARIABLES, and Redis command names from COMMAND DOCS.
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { BENCHMARK_FLAGS, BENCHMARK_TESTS } from '../benchmark/redis-benchmark-command.ts';
import { CLI_FLAGS } from '../redis-cli/cli-options.ts';
import { VARIABLE_NAMES } from '../shell-variables.ts';
import { commandDocs } from './command-docs.ts';

export const SHELL_COMMANDS = ['redis-cli', 'redis-benchmark', 'lab', 'help', 'clear', 'history'];
const CLI_LOCAL = ['quit', 'exit', 'help', 'clear', 'connect'];

export interface CompletionContext {
  sandbox: Sandbox;
  labCommands: readonly string[];
  /** True inside interactive redis-cli: the first word is a Redis command. */
  inRedisCli: boolean;
}

function hostNames(sandbox: Sandbox): string[] {
  const d = sandbox.describe();
  const endpoints = [d.endpoints.primary, d.endpoints.reader, d.endpoints.configuration].flatMap((e) => (e ? [e.name] : []));
  return [...endpoints, ...d.nodes.flatMap((n) => [n.name, n.endpoint]), '127.0.0.1'];
}

async function redisCommandNames(sandbox: Sandbox, sub?: string): Promise<string[]> {
  try {
    const docs = await commandDocs(sandbox);
    if (sub) return docs.get(sub)?.subcommands ?? [];
    return [...docs.keys()].filter((name) => !name.includes('|'));
  } catch {
    return [];
  }
}

/** Matches case-insensitively and answers in the learner's case (GET for "G", get for "g"). */
function matching(candidates: readonly string[], prefix: string): string[] {
  const upper = prefix !== prefix.toLowerCase();
  const lower = prefix.toLowerCase();
  const found = candidates.filter((c) => c.toLowerCase().startsWith(lower)).map((c) => (upper ? c.toUpperCase() : c));
  return [...new Set(found)].sort();
}

export async function completeLine(line: string, cursor: number, ctx: CompletionContext): Promise<string[]> {
  const before = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  const words = before.split(/\s+/).filter((w, i, all) => w !== '' || i === all.length - 1);
  const current = words.at(-1) ?? '';
  const previous = words.slice(0, -1);
  const prev = previous.at(-1);
  const { sandbox } = ctx;
  const nodes = () => sandbox.describe().nodes.map((n) => n.name);

  if (ctx.inRedisCli) {
    if (previous.length === 0) return matching([...(await redisCommandNames(sandbox)), ...CLI_LOCAL, 'lab'], current);
    if (previous[0]!.toLowerCase() === 'lab') return completeLab(previous.slice(1), current, ctx, nodes);
    if (previous.length === 1 && previous[0]!.toLowerCase() === 'help') return matching(await redisCommandNames(sandbox), current);
    if (previous.length === 1) return matching(await redisCommandNames(sandbox, previous[0]!.toLowerCase()), current);
    return [];
  }
  if (current.startsWith('$')) return matching(VARIABLE_NAMES.map((name) => `$${name}`), current);
  // At `$` a first word the shell does not know runs as a Redis command, so both kinds complete once a letter is
  // typed (Tab on an empty line lists only the shell's own commands instead of some 240 Redis ones).
  if (previous.length === 0) {
    return matching(current === '' ? SHELL_COMMANDS : [...SHELL_COMMANDS, ...(await redisCommandNames(sandbox))], current);
  }
  const command = previous[0]!;
  if (command === 'lab') return completeLab(previous.slice(1), current, ctx, nodes);
  if (command === 'help') return previous.length === 1 ? matching(SHELL_COMMANDS, current) : [];
  if (command === 'redis-cli') {
    if (prev === '-h') return matching(hostNames(sandbox), current);
    if (current.startsWith('-')) return matching(CLI_FLAGS, current);
    const commandStart = previous.findIndex((w, i) => i > 0 && !w.startsWith('-') && !['-h', '-p', '-a', '--user', '--pass', '-n', '-r', '-i'].includes(previous[i - 1]!));
    if (commandStart === -1) return matching(await redisCommandNames(sandbox), current);
    if (commandStart === previous.length - 1) return matching(await redisCommandNames(sandbox, previous[commandStart]!.toLowerCase()), current);
    return [];
  }
  if (command === 'redis-benchmark') {
    if (prev === '-h') return matching(hostNames(sandbox), current);
    if (prev === '-t') {
      const done = current.split(',');
      const last = done.pop() ?? '';
      return matching(BENCHMARK_TESTS, last).map((t) => [...done, t].join(','));
    }
    return current.startsWith('-') || current === '' ? matching(BENCHMARK_FLAGS, current) : [];
  }
  if (previous.length === 1) return matching(await redisCommandNames(sandbox, command.toLowerCase()), current);
  return [];
}

function completeLab(args: string[], current: string, ctx: CompletionContext, nodes: () => string[]): string[] {
  if (args.length === 0) return matching([...ctx.labCommands, 'reset', 'help'], current);
  const sub = args[0];
  if (args.length === 1 && ['kill', 'stop', 'resume', 'restart'].includes(sub!)) {
    const shards = ctx.sandbox.describe().nodeGroups.map((g) => g.id);
    const aliases = ['primary', 'replica', ...shards.slice(1).flatMap((id) => [`primary:${id}`, `replica:${id}`])];
    return matching([...aliases, ...nodes()], current);
  }
  if (args.length === 1 && sub === 'failover') return matching(ctx.sandbox.describe().nodeGroups.map((g) => g.id), current);
  if (args.length === 1 && sub === 'reset') return matching(['--yes'], current);
  return [];
}
