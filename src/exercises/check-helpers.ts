/** @module Small building blocks for exercise checks: named conditions and precise descriptions of keys. */
import type { Redis } from 'ioredis';
import type { Condition } from './exercise-definition.ts';

export function condition(name: string, passed: boolean, message: string): Condition {
  return { name, passed, message };
}

export function pass(name: string, message: string): Condition {
  return { name, passed: true, message };
}

export function fail(name: string, message: string): Condition {
  return { name, passed: false, message };
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  hash: 'a hash',
  list: 'a list',
  set: 'a set',
  zset: 'a sorted set',
  stream: 'a stream',
  none: 'missing',
};

export function typeWord(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

/**
 * Passes when `key` has the expected type; otherwise says what it is instead, e.g.
 * "expected `leaderboard:weekly` to be a sorted set; it is a hash".
 */
export async function expectType(admin: Redis, key: string, expected: string, howToCreate: string): Promise<Condition> {
  const actual = await admin.type(key);
  const name = `\`${key}\` is ${typeWord(expected)}`;
  if (actual === expected) return pass(name, `\`${key}\` is ${typeWord(expected)}.`);
  if (actual === 'none') return fail(name, `expected \`${key}\` to be ${typeWord(expected)}; it does not exist. ${howToCreate}`);
  return fail(name, `expected \`${key}\` to be ${typeWord(expected)}; it is ${typeWord(actual)}. Delete it (DEL ${key}) and ${howToCreate.charAt(0).toLowerCase()}${howToCreate.slice(1)}`);
}

/** "no TTL (-1)" / "expires in 120 s" / "does not exist (-2)". */
export function describeTtl(ttl: number): string {
  if (ttl === -1) return 'has no TTL (-1), so it never expires';
  if (ttl === -2) return 'does not exist (-2)';
  return `expires in ${ttl} s`;
}

/** Parses INFO output into a field map. */
export function parseInfo(info: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const index = line.indexOf(':');
    if (index > 0 && !line.startsWith('#')) fields.set(line.slice(0, index), line.slice(index + 1));
  }
  return fields;
}

export async function infoField(admin: Redis, section: string, field: string): Promise<string | undefined> {
  return parseInfo(await admin.info(section)).get(field);
}

/** Runs `call` and returns its error message (or undefined when it succeeded). */
export async function errorOf(call: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A deterministic choice per sandbox, so setup twice gives the same state while sandboxes differ. */
export function choiceFor<T>(seed: string, options: readonly T[]): T {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return options[hash % options.length]!;
}
