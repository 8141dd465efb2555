/**
 * @module The redis-cli flags the lab supports, parsed the way redis-cli 7.0 parses them (options first, the
 * first word not starting with "-" begins the command). Bounds keep -r/-i loops short.
 */

export interface CliOptions {
  host?: string;
  /** -p as typed (redis-cli's prompt shows the port it was given). */
  port?: number;
  cluster: boolean;
  user?: string;
  password?: string;
  noAuthWarning: boolean;
  db: number;
  raw: boolean;
  repeat: number;
  intervalMs: number;
  tls: boolean;
  /** Command words after the options; empty means interactive mode. */
  command: string[];
}

export type CliParse = { ok: true; options: CliOptions; notices: string[] } | { ok: false; message: string; exit?: string };

export const CLI_VERSION = 'redis-cli 7.0.15';
export const MAX_REPEAT = 1000;
export const MIN_INTERVAL_SECONDS = 0.1;

/** Flags of the real redis-cli that need a local file, stdin or a long-running mode; named so the refusal is clear. */
const UNAVAILABLE = new Set([
  '-s', '-u', '-x', '-X', '-d', '-D', '-e', '--askpass', '--sni', '--cacert', '--cacertdir', '--insecure', '--cert', '--key',
  '--tls-ciphers', '--tls-ciphersuites', '--quoted-input', '--csv', '--json', '--quoted-json', '--show-pushes', '--stat',
  '--latency', '--latency-history', '--latency-dist', '--lru-test', '--replica', '--slave', '--rdb', '--functions-rdb',
  '--pipe', '--pipe-timeout', '--bigkeys', '--memkeys', '--memkeys-samples', '--hotkeys', '--scan', '--pattern',
  '--quoted-pattern', '--count', '--intrinsic-latency', '--eval', '--ldb', '--ldb-sync-mode', '--cluster', '--verbose',
  '--mono', '--no-raw-pattern',
]);

/** Flags that take a value (so "-h" at the very end is an error, like redis-cli's usage()). */
const WITH_VALUE = new Set(['-h', '-p', '-a', '--user', '--pass', '-n', '-r', '-i']);

export const CLI_FLAGS = [
  '-h', '-p', '-c', '-a', '--user', '--pass', '--tls', '-n', '--raw', '--no-raw', '--no-auth-warning', '-r', '-i', '-2',
  '-3', '--help', '-v', '--version',
];

export function parseCliOptions(args: readonly string[]): CliParse {
  const options: CliOptions = {
    cluster: false,
    noAuthWarning: false,
    db: 0,
    raw: false,
    repeat: 1,
    intervalMs: 0,
    tls: false,
    command: [],
  };
  const notices: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) break;
    if (WITH_VALUE.has(arg) && i === args.length - 1) {
      return { ok: false, message: `redis-cli: ${arg} needs a value (see redis-cli --help)` };
    }
    const value = () => args[++i]!;
    switch (arg) {
      case '-h':
        options.host = value();
        break;
      case '-p': {
        const port = Number.parseInt(value(), 10);
        options.port = Number.isFinite(port) ? port : 0;
        break;
      }
      case '-c':
        options.cluster = true;
        break;
      case '-a':
      case '--pass':
        options.password = value();
        break;
      case '--user':
        options.user = value();
        break;
      case '--no-auth-warning':
        options.noAuthWarning = true;
        break;
      case '-n': {
        const db = Number.parseInt(value(), 10);
        options.db = Number.isFinite(db) ? db : 0;
        break;
      }
      case '--raw':
        options.raw = true;
        break;
      case '--no-raw':
        options.raw = false;
        break;
      case '-r': {
        const repeat = Number.parseInt(value(), 10);
        if (!Number.isFinite(repeat) || repeat < 1 || repeat > MAX_REPEAT) {
          return { ok: false, message: `redis-cli: -r must be between 1 and ${MAX_REPEAT} in the lab shell` };
        }
        options.repeat = repeat;
        break;
      }
      case '-i': {
        const seconds = Number.parseFloat(value());
        if (!Number.isFinite(seconds) || seconds < MIN_INTERVAL_SECONDS || seconds > 60) {
          return { ok: false, message: `redis-cli: -i must be between ${MIN_INTERVAL_SECONDS} and 60 seconds in the lab shell` };
        }
        options.intervalMs = Math.round(seconds * 1000);
        break;
      }
      case '--tls':
        options.tls = true;
        notices.push(
          'Note: --tls accepted, but this sandbox is plaintext on a private loopback network; the connection is made without TLS.',
        );
        break;
      case '-2':
        break;
      case '-3':
        return { ok: false, message: 'redis-cli: -3 (RESP3) is not available in the lab shell; it speaks RESP2 like most clients' };
      case '--help':
        return { ok: false, message: '', exit: cliUsage() };
      case '-v':
      case '--version':
        return { ok: false, message: '', exit: `${CLI_VERSION}\n` };
      default:
        if (UNAVAILABLE.has(arg)) {
          return { ok: false, message: `redis-cli: ${arg} is not available in the lab shell (see redis-cli --help for what is)` };
        }
        return { ok: false, message: `Unrecognized option or bad number of args for: '${arg}'` };
    }
  }
  options.command = args.slice(i);
  return { ok: true, options, notices };
}

export function cliUsage(): string {
  return [
    `${CLI_VERSION} (lab shell)`,
    '',
    'Usage: redis-cli [OPTIONS] [cmd [arg [arg ...]]]',
    '  -h <hostname>      Endpoint or node name, or address, of your sandbox (default: its primary or configuration endpoint).',
    '  -p <port>          Server port.',
    '  -a <password>      Password to use when connecting to the server.',
    '  --user <username>  Used to send ACL style \'AUTH username pass\'. Needs -a.',
    '  --pass <password>  Alias of -a.',
    '  -c                 Enable cluster mode (follow -ASK and -MOVED redirections).',
    '  -n <db>            Database number.',
    `  -r <repeat>        Execute specified command N times (at most ${MAX_REPEAT}).`,
    `  -i <interval>      When -r is used, waits <interval> seconds per command (at least ${MIN_INTERVAL_SECONDS}).`,
    '  --raw              Use raw formatting for replies.',
    '  --no-raw           Force formatted output.',
    '  --no-auth-warning  Don\'t show warning message when using password on command line interface.',
    '  --tls              Accepted; the sandbox itself is plaintext.',
    '  -v, --version      Output version and exit.',
    '',
    'Examples:',
    '  redis-cli --user <user> --pass <password> SET greeting hello',
    '  redis-cli -c -h <configuration endpoint> --user <user> --pass <password>',
    '',
  ].join('\n');
}
