/**
 * @module A Redis command typed at the `$` prompt (`SET greeting hello`): run once against the sandbox's default
 * endpoint as the learner, printed exactly like one-shot `redis-cli [-c] -h <endpoint> --user .. --pass .. <command>`.
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { commandDocs } from '../completion/command-docs.ts';
import { defaultTarget } from './cli-connection-target.ts';
import type { RedisCliContext } from './redis-cli-command.ts';
import { RedisCliSession } from './redis-cli-session.ts';

/**
 * Whether `word` names a Redis command of the sandbox's own server (COMMAND DOCS, any case); undefined when the
 * server could not be asked (every node down or frozen).
 */
export async function isRedisCommand(word: string, sandbox: Sandbox): Promise<boolean | undefined> {
  const name = word.toLowerCase();
  if (name.includes('|')) return false;
  try {
    return (await commandDocs(sandbox)).has(name);
  } catch {
    return undefined;
  }
}

/** Where plain Redis commands go, for the shell's hints: the primary endpoint, or the configuration endpoint. */
export function defaultEndpointPhrase(sandbox: Sandbox): string {
  return sandbox.describe().clusterModeEnabled
    ? "your sandbox's configuration endpoint (following MOVED like redis-cli -c)"
    : "your sandbox's primary endpoint";
}

/** One-shot redis-cli with the learner's credentials: no auth warning, no redirect lines, closes when done. */
export async function runSandboxCommand(words: string[], ctx: RedisCliContext): Promise<void> {
  const sandbox = ctx.sandbox();
  const { username, password } = sandbox.credentials;
  const session = new RedisCliSession({
    sandbox: ctx.sandbox,
    target: defaultTarget(sandbox),
    cluster: sandbox.describe().clusterModeEnabled,
    raw: false,
    db: 0,
    user: username,
    password,
    interactive: false,
    connectTimeoutMs: ctx.connectTimeoutMs,
    maxReplyBytes: ctx.maxReplyBytes,
    labCommands: ctx.labCommands,
  });
  try {
    if (!(await session.connect(ctx.out, ctx.signal))) return;
    await session.issue(
      words.map((word) => Buffer.from(word, 'utf8')),
      1,
      0,
      ctx.out,
      ctx.signal,
    );
  } finally {
    session.dispose();
  }
}
