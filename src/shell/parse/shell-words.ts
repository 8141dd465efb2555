/**
 * @module Splits a shell line into words with shell-quote (quotes, backslash escapes, $NAME / ${NAME} expansion of
 * the lab's own variables), and refuses what would need a real OS shell: pipes, command lists, background jobs,
 * substitutions, and redirections (except a standalone `<` / `>` the caller accepts as a plain word).
 */
import { parse } from 'shell-quote';

export type ShellWords = { ok: true; words: string[] } | { ok: false; message: string };

export interface ShellWordsOptions {
  /**
   * The variables the line may use: a string expands to itself, undefined means "known but unset here" and expands
   * to nothing, like an unset variable in a POSIX shell. Names not listed stay literal ("$5" is a price).
   */
  variables?: Readonly<Record<string, string | undefined>>;
  /** Why an unset variable is empty, for the refusal when it was given as the value of -h. */
  explainUnset?: (name: string) => string;
  /**
   * Whether a standalone `<`, `>` or `>>` is a plain word for a line starting with `firstWord` (XREADGROUP ... >).
   * There is no file system to redirect to, so for Redis commands the only sensible reading is the literal one.
   */
  operatorsAsWords?: (firstWord: string) => boolean;
}

const LITERAL_OPERATORS = new Set(['<', '>', '>>']);
// NUL cannot be typed into a terminal line, so it cannot collide with learner text.
const unsetMarker = (name: string) => `\u0000unset:${name}\u0000`;
const UNSET_MARKER = /\u0000unset:([A-Za-z_][A-Za-z0-9_]*)\u0000/g;

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

/**
 * True when every unquoted `<` / `>` of the line stands alone as `<`, `>` or `>>` between spaces, so reading it as
 * a word cannot swallow a file name glued to it (`>out.txt`) or a descriptor (`2>`).
 */
function redirectsStandAlone(line: string): boolean {
  let quote: '"' | "'" | undefined;
  let word = '';
  let hasUnquotedRedirect = false;
  let plain = true;
  const endWord = () => {
    const ok = !hasUnquotedRedirect || (plain && LITERAL_OPERATORS.has(word));
    word = '';
    hasUnquotedRedirect = false;
    plain = true;
    return ok;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      word += ch;
      plain = false;
    } else if (quote === '"') {
      if (ch === '\\') word += line[++i] ?? '';
      else if (ch === '"') quote = undefined;
      else word += ch;
      plain = false;
    } else if (/\s/.test(ch)) {
      if (!endWord()) return false;
    } else if (ch === '#' && word === '') {
      break;
    } else if (ch === '\\') {
      word += line[++i] ?? '';
      plain = false;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      plain = false;
    } else {
      if (ch === '<' || ch === '>') hasUnquotedRedirect = true;
      word += ch;
    }
  }
  return endWord();
}

export function shellWords(line: string, options: ShellWordsOptions = {}): ShellWords {
  const open = unbalancedQuote(line);
  if (open) return { ok: false, message: `unterminated ${open === '"' ? 'double' : 'single'} quote: close it with ${open}` };
  if (/\$\(|`/.test(line.replace(/'[^']*'/g, ''))) {
    return { ok: false, message: 'command substitution is not available: this lab shell runs one command at a time' };
  }
  const variables = options.variables ?? {};
  let tokens: ReturnType<typeof parse>;
  try {
    tokens = parse(line, (name) => {
      if (!Object.hasOwn(variables, name)) return `$${name}`;
      return variables[name] ?? unsetMarker(name);
    });
  } catch {
    // shell-quote throws "Bad substitution" for `${` without a name and a closing brace.
    return { ok: false, message: "bad substitution: write ${NAME} with a closing }, or put the text in single quotes ('${...}')" };
  }
  const words: string[] = [];
  let operatorWords: boolean | undefined;
  for (const token of tokens) {
    if (typeof token === 'string') {
      words.push(token);
    } else if ('comment' in token) {
      break;
    } else if ('op' in token && token.op === 'glob') {
      words.push((token as { pattern: string }).pattern);
    } else if ('op' in token) {
      operatorWords ??=
        options.operatorsAsWords !== undefined && words.length > 0 && options.operatorsAsWords(words[0]!) && redirectsStandAlone(line);
      if (operatorWords && LITERAL_OPERATORS.has(token.op)) {
        words.push(token.op);
        continue;
      }
      return {
        ok: false,
        message: `"${token.op}" is not supported: there is no OS shell here, run one command per line (quote it to pass it as text)`,
      };
    }
  }
  return removeUnset(words, options);
}

/**
 * Unset variables expand to nothing; a word that was only an unset variable disappears, as in a POSIX shell (shell-quote
 * does not say whether it was quoted, so `"$CONFIG"` disappears too instead of becoming an empty argument).
 */
function removeUnset(words: string[], options: ShellWordsOptions): ShellWords {
  const result: string[] = [];
  for (const word of words) {
    if (!word.includes('\u0000unset:')) {
      result.push(word);
      continue;
    }
    const name = [...word.matchAll(UNSET_MARKER)][0]?.[1] ?? '';
    if (result.at(-1) === '-h') {
      const why = options.explainUnset?.(name) ?? `$${name} is not set here`;
      return { ok: false, message: `-h $${name}: the variable is empty (${why}); \`lab status\` lists the endpoints and variables` };
    }
    const expanded = word.replace(UNSET_MARKER, '');
    if (expanded !== '') result.push(expanded);
  }
  return { ok: true, words: result };
}
