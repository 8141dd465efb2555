/**
 * @module CONFIG GET typed by the learner, answered by the platform: the learner's ACL has no CONFIG (it would reveal
 * masterauth and every path), so the sandbox runs it as admin on the connected node and keeps only allow-listed
 * parameters; this module turns that answer into the array reply redis-cli would have printed.
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { RespReply } from '../resp/resp-reply.ts';

/**
 * True for `CONFIG GET <pattern> [<pattern> ...]` in any case. Without a pattern it stays the server's business:
 * Redis checks arity before permissions, so the learner sees the real "wrong number of arguments" error.
 */
export function isConfigGet(words: readonly string[]): boolean {
  return words.length >= 3 && words[0]!.toLowerCase() === 'config' && words[1]!.toLowerCase() === 'get';
}

/**
 * The reply Redis would send to CONFIG GET on `node`, minus every parameter that is not on the platform's
 * allow-list: field/value pairs as bulk strings, in the server's own order, an empty array when nothing is left.
 */
export async function platformConfigGet(sandbox: Sandbox, node: string, patterns: readonly string[]): Promise<RespReply> {
  if (!sandbox.configGet) throw new Error('CONFIG GET is not available for this sandbox; `lab param` shows its parameter group.');
  const pairs = await sandbox.configGet([...patterns], node);
  return {
    type: 'array',
    items: pairs.flatMap(([name, value]) => [bulk(name), bulk(value)]),
  };
}

function bulk(text: string): RespReply {
  return { type: 'bulk', value: Buffer.from(text, 'utf8') };
}
