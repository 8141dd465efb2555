/**
 * @module Splits a shell line into words with shell-quote (quotes, backslash escapes), and refuses what would
 * need a real OS shell: pipes, redirections, command lists, background jobs, substitutions.
 */
import { parse } from 'shell-quote';

export type ShellWords = { ok: true; words: string[] } | { ok: false; message: string };

/** Checks quote balance first: shell-quote silently accepts `"abc`, a POSIX shell would wait for more input. */
function unbalancedQuote(line: string): string | undefined {
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
    } else if (ch === '\\') {
      i++;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    }
  }
  return quote;
}

export function shellWords(line: string): ShellWords {
  const open = unbalancedQuote(line);
  if (open) return { ok: false, message: `unterminated ${open === '"' ? 'double' : 'single'} quote: close it with ${open}` };
  if (/\$\(|`/.test(line.replace(/'[^']*'/g, ''))) {
    return { ok: false, message: 'command substitution is not available: this lab shell runs one command at a time' };
  }
  // Variables stay literal ("$5" is a price, not a variable): there is no environment to expand.
  const tokens = parse(line, (name) => `$${name}`);
  const words: string[] = [];
  for (const token of tokens) {
    if (typeof token === 'string') {
      words.push(token);
    } else if ('comment' in token) {
      break;
    } else if ('op' in token && token.op === 'glob') {
      words.push((token as { pattern: string }).pattern);
    } else if ('op' in token) {
      return {
        ok: false,
        message: `"${token.op}" is not supported: there is no OS shell here, run one command per line (quote it to pass it as text)`,
      };
    }
  }
  return { ok: true, words };
}
