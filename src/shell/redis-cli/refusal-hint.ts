/**
 * @module One-line hints printed after the server refused a command for lack of permission, pointing at the lab's
 * way of doing the same thing (ElastiCache restricts CONFIG too: parameters change through a parameter group).
 */
import type { RespReply } from '../resp/resp-reply.ts';

/**
 * The hint for a NOPERM answer to `words`, if the lab has a better way; `labCommands` are the `lab` subcommands
 * this shell offers (`lab param` comes from the exercises module and may be absent).
 */
export function refusalHint(words: readonly string[], reply: RespReply, labCommands: ReadonlySet<string>): string | undefined {
  if (reply.type !== 'error' || !reply.value.toString('utf8').startsWith('NOPERM')) return undefined;
  const [command, sub] = words.map((w) => w.toLowerCase());
  if (command !== 'config' || sub !== 'set') return undefined;
  return labCommands.has('param')
    ? 'Hint: CONFIG SET is restricted, as on ElastiCache; change a parameter through the parameter group with `lab param <name> <value>` (`lab param` lists them).'
    : 'Hint: CONFIG SET is restricted, as on ElastiCache, where parameters are changed through the parameter group, not from a client.';
}
