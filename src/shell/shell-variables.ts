/**
 * @module The lab shell's variables ($PRIMARY, $READER, $CONFIG, $REDIS_USER, $REDIS_PASS): read from the sandbox
 * at each line, so they follow `lab reset` and always name the endpoints the sandbox has right now.
 */
import type { Sandbox } from '../../sandbox/sandbox-engine.ts';

export const VARIABLE_NAMES = ['PRIMARY', 'READER', 'CONFIG', 'REDIS_USER', 'REDIS_PASS'] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

/** Each variable's value in this sandbox; undefined when the sandbox has no such endpoint. */
export function shellVariables(sandbox: Sandbox): Record<VariableName, string | undefined> {
  const { endpoints, credentials } = sandbox.describe();
  return {
    PRIMARY: endpoints.primary?.name,
    READER: endpoints.reader?.name,
    CONFIG: endpoints.configuration?.name,
    REDIS_USER: credentials.username,
    REDIS_PASS: credentials.password,
  };
}

/** Why a variable is empty in this sandbox, in ElastiCache terms. */
export function explainUnset(name: string, sandbox: Sandbox): string {
  const clusterMode = sandbox.describe().clusterModeEnabled;
  if (name === 'CONFIG') return 'cluster mode is disabled here, so there is no configuration endpoint; use $PRIMARY';
  if (name === 'PRIMARY' && clusterMode) return 'cluster mode is enabled here, so there is no primary endpoint; use $CONFIG with -c';
  if (name === 'READER') {
    return clusterMode
      ? 'cluster mode is enabled here, so there is no reader endpoint; use $CONFIG with -c'
      : 'this sandbox has no replicas, so there is no reader endpoint; use $PRIMARY';
  }
  return `$${name} is not set in this sandbox`;
}

/** The "Variables:" lines of `help`. */
export const VARIABLE_HELP = [
  'Variables: $PRIMARY, $READER, $CONFIG (endpoint names), $REDIS_USER, $REDIS_PASS (your credentials).',
  "  ${NAME} works too, '$NAME' in single quotes stays literal; `lab status` shows the values.",
  '  e.g. redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning GET k',
];

/** The "Variables:" block of `lab status`, with this sandbox's values. */
export function describeVariables(sandbox: Sandbox): string[] {
  const values = shellVariables(sandbox);
  const width = Math.max(...VARIABLE_NAMES.map((n) => n.length));
  return [
    'Variables (usable at the $ prompt, e.g. redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS):',
    ...VARIABLE_NAMES.map((name) => `  $${name.padEnd(width)}  ${values[name] ?? '(empty: this sandbox has no such endpoint)'}`),
  ];
}
