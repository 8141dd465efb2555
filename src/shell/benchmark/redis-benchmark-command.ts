/**
 * @module `redis-benchmark`: the real binary, the only child process of the lab shell. Its arguments come from an
 * allow-list with bounds, -h/-p must resolve inside the learner's sandbox, the learner's own credentials are
 * added here, and it is killed on Ctrl-C or after a time bound.
 */
import { spawn } from 'node:child_process';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { ShellOutput } from '../lab-shell.ts';
import { defaultTarget } from '../redis-cli/cli-connection-target.ts';

export interface BenchmarkContext {
  binary: string;
  sandbox: Sandbox;
  out: ShellOutput;
  signal: AbortSignal;
  timeoutMs: number;
}

/** Numeric options and their inclusive bounds. */
const BOUNDED: Record<string, { min: number; max: number; what: string }> = {
  '-n': { min: 1, max: 100_000, what: 'requests' },
  '-c': { min: 1, max: 50, what: 'parallel connections' },
  '-d': { min: 1, max: 4096, what: 'bytes of SET/GET value' },
  '-P': { min: 1, max: 32, what: 'pipelined requests' },
  '-r': { min: 1, max: 1_000_000, what: 'random keys' },
};

export const BENCHMARK_TESTS = [
  'ping_inline', 'ping_mbulk', 'ping', 'set', 'get', 'incr', 'lpush', 'rpush', 'lpop', 'rpop', 'sadd', 'hset', 'spop',
  'zadd', 'zpopmin', 'lrange', 'lrange_100', 'lrange_300', 'lrange_500', 'lrange_600', 'mset', 'xadd',
];

export const BENCHMARK_FLAGS = ['-h', '-p', '-n', '-c', '-d', '-P', '-r', '-t', '-q', '--csv', '--cluster', '--help'];

type BenchmarkArgs = { ok: true; args: string[] } | { ok: false; message: string };

/** Validates the learner's arguments and builds the real command line (host resolved, credentials added). */
export function buildBenchmarkArgs(words: readonly string[], sandbox: Sandbox): BenchmarkArgs {
  const passed: string[] = [];
  let host: string | undefined;
  let port: number | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const value = words[i + 1];
    if (word === '-h' || word === '-p') {
      if (value === undefined) return { ok: false, message: `redis-benchmark: ${word} needs a value` };
      if (word === '-h') host = value;
      else port = Number.parseInt(value, 10);
      i++;
    } else if (word in BOUNDED) {
      const bound = BOUNDED[word]!;
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < bound.min || n > bound.max) {
        return { ok: false, message: `redis-benchmark: ${word} (${bound.what}) must be a whole number from ${bound.min} to ${bound.max} in the lab` };
      }
      passed.push(word, String(n));
      i++;
    } else if (word === '-t') {
      const tests = (value ?? '').toLowerCase().split(',').filter(Boolean);
      const unknown = tests.filter((t) => !BENCHMARK_TESTS.includes(t));
      if (tests.length === 0 || unknown.length > 0) {
        return { ok: false, message: `redis-benchmark: -t takes a comma-separated list of: ${BENCHMARK_TESTS.join(',')}` };
      }
      passed.push('-t', tests.join(','));
      i++;
    } else if (word === '-q' || word === '--csv' || word === '--cluster') {
      passed.push(word);
    } else {
      return {
        ok: false,
        message: `redis-benchmark: ${word} is not available in the lab; allowed: ${BENCHMARK_FLAGS.filter((f) => f !== '--help').join(' ')}`,
      };
    }
  }
  const target = host !== undefined ? { host, port } : port !== undefined ? { host: '127.0.0.1', port } : defaultTarget(sandbox);
  const resolved = sandbox.resolve(target.host, target.port);
  if (!resolved || !sandbox.owns(resolved.host, resolved.port)) {
    return {
      ok: false,
      message: `redis-benchmark refused: ${target.host}:${target.port ?? 6379} is not a node of your sandbox (see lab status)`,
    };
  }
  const { username, password } = sandbox.credentials;
  if (!passed.includes('-n')) passed.push('-n', '10000');
  return { ok: true, args: ['-h', resolved.host, '-p', String(resolved.port), '--user', username, '-a', password, ...passed] };
}

// Control characters other than \t \n \r (progress lines use \r to redraw themselves).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Runs redis-benchmark and streams its output until it exits, Ctrl-C, or the time bound. */
export async function runRedisBenchmark(words: readonly string[], ctx: BenchmarkContext): Promise<void> {
  if (words.includes('--help')) {
    ctx.out.output(
      'Usage: redis-benchmark [-h <endpoint or node>] [-p <port>] [-c <clients>] [-n <requests>] [-d <size>]\n' +
        '                       [-P <pipeline>] [-r <keyspacelen>] [-t <tests>] [-q] [--csv] [--cluster]\n' +
        'Runs against your own sandbox with your own credentials. Bounds: -n <= 100000, -c <= 50, -d <= 4096, -P <= 32.\n' +
        'Use --cluster with a cluster mode enabled sandbox. Ctrl-C stops it.\n',
    );
    return;
  }
  const built = buildBenchmarkArgs(words, ctx.sandbox);
  if (!built.ok) {
    ctx.out.error(built.message);
    return;
  }
  await new Promise<void>((resolve) => {
    const child = spawn(ctx.binary, built.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      child.kill('SIGINT');
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 2000);
    };
    const timeout = setTimeout(() => {
      ctx.out.error(`redis-benchmark stopped after ${Math.round(ctx.timeoutMs / 1000)} s (the lab's time bound); use a smaller -n.`);
      stop();
    }, ctx.timeoutMs);
    ctx.signal.addEventListener('abort', stop, { once: true });
    const forward = (chunk: Buffer) => {
      if (!ctx.signal.aborted) ctx.out.output(chunk.toString('utf8').replace(CONTROL, ''));
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) => {
      ctx.out.error(`redis-benchmark could not start (${error.message}); is redis-tools installed on the server?`);
    });
    child.on('close', () => {
      clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      ctx.signal.removeEventListener('abort', stop);
      resolve();
    });
  });
}
