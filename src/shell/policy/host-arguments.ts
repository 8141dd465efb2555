/**
 * @module Commands whose arguments name another server (MIGRATE, REPLICAOF, CLUSTER MEET, FAILOVER TO,
 * SENTINEL MONITOR). The target must be a node of the learner's own sandbox; this is checked here,
 * before the server's ACL ever sees the command.
 */

/** Where host/port arguments sit in a command, if it has any. */
function hostArguments(args: readonly string[]): { host: string; port: string } | undefined {
  const name = args[0]?.toLowerCase();
  const sub = args[1]?.toLowerCase();
  if (name === 'migrate' && args.length >= 3) return { host: args[1]!, port: args[2]! };
  if ((name === 'replicaof' || name === 'slaveof') && args.length >= 3) {
    if (sub === 'no' && args[2]?.toLowerCase() === 'one') return undefined;
    return { host: args[1]!, port: args[2]! };
  }
  if (name === 'cluster' && sub === 'meet' && args.length >= 4) return { host: args[2]!, port: args[3]! };
  if (name === 'sentinel' && sub === 'monitor' && args.length >= 5) return { host: args[3]!, port: args[4]! };
  if (name === 'failover') {
    const to = args.findIndex((a, i) => i > 0 && a.toLowerCase() === 'to');
    if (to > 0 && args.length > to + 2) return { host: args[to + 1]!, port: args[to + 2]! };
  }
  return undefined;
}

/**
 * A one-line refusal when a host/port argument points outside the sandbox, otherwise undefined.
 * `owns` is the sandbox's own check (Sandbox.owns).
 */
export function checkHostArguments(
  args: readonly string[],
  owns: (host: string, port: number) => boolean,
): string | undefined {
  const target = hostArguments(args);
  if (!target) return undefined;
  const port = Number(target.port);
  if (Number.isInteger(port) && port > 0 && port < 65536 && owns(target.host, port)) return undefined;
  const command = args[0]!.toUpperCase() + (args[0]!.toLowerCase() === 'cluster' ? ` ${args[1]!.toUpperCase()}` : '');
  return `${command} refused: ${target.host}:${target.port} is not a node of your sandbox (only your own nodes are reachable; see lab status)`;
}
