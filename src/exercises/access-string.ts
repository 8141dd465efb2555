/**
 * @module Validates an ElastiCache-style access string for `lab user` and caps it at the learner's own permissions:
 * no passwords or `reset` inside it (ElastiCache rejects those too), no selectors, channel patterns that cannot
 * reach the platform's `__sentinel__` channels, and never a command the learner user lacks.
 */
import { LEARNER_GRANTS, RESTRICTED_COMMANDS } from '../../sandbox/lockdown/acl-rules.ts';

export type AccessStringResult = { ok: true; rules: string[] } | { ok: false; message: string };

const KEY_RULE = /^(%(R|W|RW)~|~)[^\s]+$/;
const COMMAND_RULE = /^[+-](@[a-z_-]+|[a-z_-]+(\|[a-z_-]+)?)$/i;
const SAFE_CHANNEL = /^&[A-Za-z0-9][^\s]*$/;

/** True when the learner's own ACL user may run `command` ("config", "client|list"). */
export function learnerMayRun(command: string): boolean {
  const name = command.toLowerCase();
  const parent = name.split('|')[0]!;
  if (RESTRICTED_COMMANDS.includes(name) || RESTRICTED_COMMANDS.includes(parent)) return false;
  return LEARNER_GRANTS.includes(name) || LEARNER_GRANTS.includes(parent);
}

/**
 * Checks each rule of the access string. `dangerous` is the node's `ACL CAT dangerous` list (commands the learner
 * lacks unless granted back); the returned rules end with a ceiling that removes every one the learner lacks.
 */
export function validateAccessString(words: readonly string[], dangerous: readonly string[]): AccessStringResult {
  if (words.length === 0) return { ok: false, message: 'The access string is empty; e.g. "on ~app:* -@all +@read +@write -@dangerous".' };
  for (const raw of words) {
    const rule = raw.trim();
    const lower = rule.toLowerCase();
    if (/^[<>#!]/.test(rule) || ['nopass', 'resetpass'].includes(lower)) {
      return { ok: false, message: `"${rule}": passwords are never part of an access string; the platform generates the password (as create-user --passwords does).` };
    }
    if (lower === 'reset') return { ok: false, message: '"reset" is not allowed in an access string (ElastiCache rejects it too); write the rules you want from scratch.' };
    if (rule.startsWith('(') || lower === 'clearselectors') return { ok: false, message: `"${rule}": selectors are not supported here; use one set of rules.` };
    if (lower === 'allchannels' || (rule.startsWith('&') && !SAFE_CHANNEL.test(rule))) {
      return { ok: false, message: `"${rule}": channel patterns must start with a letter or digit (e.g. &orders:*), so they cannot reach the platform's own __sentinel__ channels.` };
    }
    if (['on', 'off', 'allkeys', 'resetkeys', 'resetchannels', 'allcommands', 'nocommands'].includes(lower)) continue;
    if (KEY_RULE.test(rule) || SAFE_CHANNEL.test(rule)) continue;
    if (COMMAND_RULE.test(rule)) {
      const target = lower.slice(1);
      if (rule.startsWith('+') && !target.startsWith('@') && (dangerous.includes(target) || dangerous.includes(target.split('|')[0]!)) && !learnerMayRun(target)) {
        return { ok: false, message: `"${rule}": your own user cannot run ${target.toUpperCase()}, so an application user you create cannot get it either.` };
      }
      continue;
    }
    return { ok: false, message: `"${rule}" is not an access-string rule; use on/off, ~keypattern, %R~/%W~ patterns, &channel, +command, -command, +@category, -@category.` };
  }
  const ceiling = [
    ...dangerous.filter((command) => !learnerMayRun(command)).map((command) => `-${command}`),
    ...RESTRICTED_COMMANDS.map((command) => `-${command}`),
  ];
  return { ok: true, rules: [...words.map((w) => w.trim()), ...new Set(ceiling)] };
}
