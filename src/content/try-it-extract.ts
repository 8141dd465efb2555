/**
 * @module Reads every <TryIt> of a lesson's MDX source (command, expectError, note, source line) without building the
 * site: a small scanner for the JSX attribute forms lessons use (command="...", command={`...`}, command={"..."},
 * bare `expectError`, expectError={true}), skipping fenced code blocks where a <TryIt> is only an example.
 */

export interface TryItCall {
  /** The command exactly as the Run button sends it (several lines for a multi-line block). */
  command: string;
  /** The block is marked `expectError`: at least one of its lines is meant to fail. */
  expectError: boolean;
  note?: string;
  /** 1-based line of `<TryIt` in the source. */
  line: number;
}

type AttributeValue = string | boolean | { expression: string };

/** The lines the terminal runs for a block, in order: split on line ends, blank lines skipped (as the browser does). */
export function tryItLines(command: string): string[] {
  return command.split(/\r?\n/).filter((line) => line.trim() !== '');
}

export function extractTryIt(source: string): TryItCall[] {
  const calls: TryItCall[] = [];
  const fenced = fencedRanges(source);
  const start = /<TryIt(?=[\s/>])/g;
  for (let match = start.exec(source); match; match = start.exec(source)) {
    if (fenced.some(([from, to]) => match!.index >= from && match!.index < to)) continue;
    const line = lineOf(source, match.index);
    const { attributes, end } = readAttributes(source, match.index + match[0].length, line);
    start.lastIndex = end;
    const command = attributes.get('command');
    if (typeof command !== 'string') throw new Error(`line ${line}: <TryIt> needs command="..." or command={\`...\`}`);
    const expectError = attributes.get('expectError');
    const note = attributes.get('note');
    calls.push({
      command,
      expectError: expectError === true || (typeof expectError === 'object' && expectError.expression.trim() === 'true'),
      ...(typeof note === 'string' ? { note } : {}),
      line,
    });
  }
  return calls;
}

/** [start, end) offsets of ``` / ~~~ fenced code blocks. */
function fencedRanges(source: string): [number, number][] {
  const ranges: [number, number][] = [];
  const fence = /^( {0,3})(`{3,}|~{3,})[^\n]*$/gm;
  let open: { index: number; marker: string } | undefined;
  for (let match = fence.exec(source); match; match = fence.exec(source)) {
    const marker = match[2]!;
    if (!open) open = { index: match.index, marker };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && match[0].trim() === marker) {
      ranges.push([open.index, match.index + match[0].length]);
      open = undefined;
    }
  }
  if (open) ranges.push([open.index, source.length]);
  return ranges;
}

function lineOf(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads `name`, `name="..."`, `name='...'` and `name={...}` up to `/>` or `>`. */
function readAttributes(source: string, from: number, line: number): { attributes: Map<string, AttributeValue>; end: number } {
  const attributes = new Map<string, AttributeValue>();
  let i = from;
  const fail = (what: string): never => {
    throw new Error(`line ${line}: <TryIt> ${what} (near "${source.slice(i, i + 30).replace(/\n/g, '\\n')}")`);
  };
  for (;;) {
    while (i < source.length && /\s/.test(source[i]!)) i++;
    if (i >= source.length) fail('is not closed');
    if (source.startsWith('/>', i)) return { attributes, end: i + 2 };
    if (source[i] === '>') return { attributes, end: i + 1 };
    const name = /^[A-Za-z_][\w-]*/.exec(source.slice(i, i + 100))?.[0];
    if (!name) fail('has an attribute this reader does not understand');
    i += name!.length;
    while (/[ \t]/.test(source[i] ?? '')) i++;
    if (source[i] !== '=') {
      attributes.set(name!, true);
      continue;
    }
    i++;
    while (/\s/.test(source[i] ?? '')) i++;
    const quote = source[i];
    if (quote === '"' || quote === "'") {
      const close = source.indexOf(quote, i + 1);
      if (close < 0) fail(`has an unclosed ${quote} in ${name}`);
      attributes.set(name!, source.slice(i + 1, close));
      i = close + 1;
    } else if (quote === '{') {
      const { value, end } = readExpression(source, i + 1, fail);
      attributes.set(name!, value);
      i = end;
    } else {
      fail(`has no value after ${name}=`);
    }
  }
}

/** `{`...`}`, `{"..."}`, `{'...'}` become strings; anything else (true, 3, [..]) is kept as an expression. */
function readExpression(source: string, from: number, fail: (what: string) => never): { value: AttributeValue; end: number } {
  let i = from;
  while (/\s/.test(source[i] ?? '')) i++;
  const quote = source[i];
  if (quote === '`' || quote === '"' || quote === "'") {
    let text = '';
    let j = i + 1;
    for (; j < source.length && source[j] !== quote; j++) {
      const ch = source[j]!;
      if (ch === '\\') {
        text += unescape(source[++j] ?? '');
      } else if (quote === '`' && ch === '$' && source[j + 1] === '{') {
        fail('uses ${...} inside a template command; write the text out (the shell expands $NAME itself)');
      } else {
        text += ch;
      }
    }
    if (j >= source.length) fail(`has an unclosed ${quote} string`);
    j++;
    while (/\s/.test(source[j] ?? '')) j++;
    if (source[j] !== '}') fail('has something after the string inside {...}');
    return { value: text, end: j + 1 };
  }
  let depth = 1;
  let j = i;
  for (; j < source.length && depth > 0; j++) {
    if (source[j] === '{') depth++;
    else if (source[j] === '}') depth--;
  }
  if (depth > 0) fail('has an unclosed {');
  return { value: { expression: source.slice(i, j - 1) }, end: j };
}

/** The escapes of a JavaScript string or template literal that lessons use. */
function unescape(char: string): string {
  return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[char] ?? char;
}
