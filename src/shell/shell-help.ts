/** @module `help` and `help <command>` at the lab shell's `$` prompt. */
import type { LabCommand } from './lab-shell-options.ts';
import { RESET_SUMMARY } from './lab/lab-commands.ts';
import { NODE_ALIAS_HELP } from './lab/node-argument.ts';
import { VARIABLE_HELP } from './shell-variables.ts';

const TOPICS: Record<string, string> = {
  'redis-cli': [
    'redis-cli [-h <endpoint|node|address>] [-p <port>] [-c] [--user <user>] [--pass <password>] [-n <db>] [--raw] [cmd ...]',
    '  Without a command it starts an interactive session (type quit to leave).',
    '  Only your sandbox is reachable; `lab status` shows its endpoints and your credentials.',
    '  More: redis-cli --help',
  ].join('\n'),
  'redis-benchmark': [
    'redis-benchmark [-h <endpoint|node>] [-p <port>] [-c <clients>] [-n <requests>] [-d <bytes>] [-P <pipeline>] [-t <tests>] [-q] [--csv] [--cluster]',
    '  The real redis-benchmark against your own sandbox, with your credentials added. Ctrl-C stops it.',
  ].join('\n'),
  lab: 'lab <subcommand>: control and inspect your sandbox. `lab help` lists the subcommands.',
  help: 'help [command]: this help.',
  clear: 'clear: clear the screen.',
  history: 'history: the lines you typed in this terminal.',
};

export function shellHelp(topic: string | undefined, labCommands: readonly LabCommand[]): string {
  if (topic && TOPICS[topic]) return `${TOPICS[topic]}\n${topic === 'lab' ? labHelp(labCommands) : ''}`;
  if (topic) return `No help for "${topic}". Commands: ${Object.keys(TOPICS).join(', ')}\n`;
  return [
    'cachelab shell: a small shell for your own sandbox (no OS shell: one command per line, no pipes).',
    '',
    '  SET k v, GET k ...   a Redis command runs once against your sandbox (primary or configuration endpoint)',
    '  redis-cli ...        talk to your sandbox (one command, or interactive without one)',
    '  redis-benchmark ...  load-test your sandbox',
    '  lab <subcommand>     status, topology, failover, kill/stop/resume/restart, snapshot, reset, events',
    '  help [command]       help on a command',
    '  clear                clear the screen',
    '  history              what you typed',
    '',
    ...VARIABLE_HELP,
    '',
    'Tab completes commands, flags, endpoint and node names, and Redis commands. Ctrl-C stops a running command.',
    '',
  ].join('\n');
}

export function labHelp(labCommands: readonly LabCommand[]): string {
  const rows = [
    ...labCommands.map((c) => [c.usage ?? `lab ${c.name}`, c.summary] as const),
    ['lab reset [--yes]', RESET_SUMMARY] as const,
    ['lab help', 'This list'] as const,
  ];
  const width = Math.max(...rows.map(([usage]) => usage.length));
  const lines = rows.map(([usage, summary]) => `  ${usage.padEnd(width)}  ${summary}`);
  const [first, ...more] = NODE_ALIAS_HELP;
  const nodeHelp = [`  <node>: ${first}`, ...more, '          e.g. lab kill primary, lab stop replica:0002, lab restart cl-ab12-0001-002'];
  return `${[...lines, '', ...nodeHelp].join('\n')}\n`;
}
