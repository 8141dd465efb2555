/** @module Test helpers: capture what a lab shell prints, and run the real redis-cli for comparison. */
import { execFile, spawn } from 'node:child_process';
import { quote } from 'shell-quote';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { LabShell, ShellOutput } from '../../../src/shell/index.ts';

export interface Capture extends ShellOutput {
  text: string;
  errors: string[];
}

export function capture(): Capture {
  const c: Capture = {
    text: '',
    errors: [],
    output(data) {
      c.text += data;
    },
    error(message) {
      c.errors.push(message);
    },
  };
  return c;
}

/** Runs one line and returns its output with \n line ends (the shell writes \r\n for the terminal). */
export async function runLine(shell: LabShell, line: string): Promise<{ text: string; errors: string[] }> {
  const out = capture();
  await shell.run(line, out);
  return { text: normalise(out.text), errors: out.errors };
}

export function normalise(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

const REDIS_CLI = process.env.CACHELAB_REDIS_CLI ?? 'redis-cli';

/** The real redis-cli, one-shot; resolves with stdout whatever the exit code. */
export function realRedisCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(REDIS_CLI, args, { encoding: 'utf8', timeout: 15_000 }, (error, stdout) => {
      if (error && typeof (error as { code?: unknown }).code !== 'number') reject(error);
      else resolve(normalise(stdout));
    });
  });
}

/** The real redis-cli in its REPL, fed `lines` on stdin (no prompts are printed when stdin is not a TTY). */
export function realRedisCliSession(args: string[], lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(REDIS_CLI, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(normalise(stdout)));
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

/** Empties every primary of the sandbox (the parity passes must start from the same state). */
export async function flushSandbox(sandbox: Sandbox): Promise<void> {
  for (const node of sandbox.describe().nodes.filter((n) => n.role === 'primary')) {
    const client = sandbox.adminClient(node.name);
    try {
      await client.call('FLUSHALL');
    } finally {
      client.disconnect();
    }
  }
}

/** Polls until `check` passes (tests wait for conditions, never for fixed times). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/**
 * The real redis-cli running a streaming command: waits for `ready`, lets `act` publish, waits for `done`,
 * then sends SIGINT (Ctrl-C) and returns everything it printed.
 */
export async function realRedisCliStreaming(
  args: string[],
  ready: string,
  act: () => Promise<void>,
  done: string,
): Promise<string> {
  const child = spawn(REDIS_CLI, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  try {
    await waitFor(() => {
      if (!normalise(stdout).includes(ready)) throw new Error(`redis-cli has not printed ${JSON.stringify(ready)} yet: ${stdout}`);
    });
    await act();
    await waitFor(() => {
      if (!normalise(stdout).includes(done)) throw new Error(`redis-cli has not printed ${JSON.stringify(done)} yet: ${stdout}`);
    });
  } finally {
    child.kill('SIGINT');
    await closed;
  }
  return normalise(stdout);
}

/** The same through the lab shell: run the line, wait, act, wait, interrupt (Ctrl-C). */
export async function shellStreaming(shell: LabShell, line: string, ready: string, act: () => Promise<void>, done: string): Promise<string> {
  const out = capture();
  const running = shell.run(line, out);
  try {
    await waitFor(() => {
      if (!normalise(out.text).includes(ready)) throw new Error(`the shell has not printed ${JSON.stringify(ready)} yet: ${out.text}`);
    });
    await act();
    await waitFor(() => {
      if (!normalise(out.text).includes(done)) throw new Error(`the shell has not printed ${JSON.stringify(done)} yet: ${out.text}`);
    });
  } finally {
    shell.interrupt();
    await running;
  }
  return normalise(out.text);
}

/**
 * The real redis-cli on a pseudo-terminal (util-linux `script`, TERM=dumb so linenoise prints plain prompts,
 * echo off so only redis-cli's own output remains): prompts, replies and stderr in the order a learner sees them.
 */
export async function realRedisCliTty(args: string[], lines: string[]): Promise<string> {
  const command = `stty -echo; exec ${quote([REDIS_CLI, ...args])}`;
  const child = spawn('script', ['-qfc', command, '/dev/null'], { env: { ...process.env, TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    await waitFor(() => {
      if (!stdout.includes('> ')) throw new Error(`no prompt from redis-cli yet: ${stdout}`);
    });
    child.stdin.write(`${[...lines, 'quit'].join('\n')}\n`);
    await closed;
  } finally {
    clearTimeout(killer);
    child.stdin.destroy();
  }
  return normalise(stdout);
}

/** The lab shell's equivalent: each prompt, then what the line printed (stderr-like errors as their own lines). */
export async function shellTty(shell: LabShell, start: string, lines: string[]): Promise<string> {
  const out = capture();
  const transcript = { text: '' };
  const both: ShellOutput = {
    output: (data) => (transcript.text += normalise(data)),
    // The lab adds a hint after "Could not connect" that redis-cli does not print.
    error: (message) => (transcript.text += message.startsWith('Hint: only your own sandbox') ? '' : `${message}\n`),
  };
  await shell.run(start, out);
  for (const line of lines) {
    transcript.text += shell.prompt;
    await shell.run(line, both);
  }
  transcript.text += shell.prompt;
  await shell.run('quit', out);
  return transcript.text;
}
