/**
 * @module Local line editing for the browser terminal: the learner edits a line in the page and only whole lines
 * go to the server. Pure logic (no DOM, no xterm), so every key binding is unit-tested; `render` produces the
 * escape sequences that redraw the prompt line, wrapped lines included.
 */

export type EditorAction =
  | { kind: 'none' }
  | { kind: 'redraw' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'clear-screen' }
  | { kind: 'complete'; line: string; cursor: number }
  | { kind: 'bell' };

const ESC = '\x1b';

/** Visible width of a prompt that may contain ANSI colour. */
export function visibleLength(text: string): number {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').length;
}

export class LineEditor {
  buffer = '';
  cursor = 0;
  prompt = '$ ';
  private history: string[];
  /** Position while browsing history; history.length means "the line being typed". */
  private historyIndex: number;
  private draft = '';
  /** Rows above the cursor the last render used, so the next one can move back to the prompt's start. */
  private renderedCursorRow = 0;

  constructor(history: readonly string[] = [], private readonly maxHistory = 500) {
    this.history = [...history].slice(-maxHistory);
    this.historyIndex = this.history.length;
  }

  get entries(): readonly string[] {
    return this.history;
  }

  /** Handles one chunk of terminal input (a key's escape sequence). Multi-line pastes are split by the caller. */
  handle(data: string): EditorAction {
    switch (data) {
      case '\r':
      case '\n':
        return this.submit();
      case '\x7f':
      case '\b':
        if (this.cursor === 0) return { kind: 'bell' };
        this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
        this.cursor -= 1;
        return { kind: 'redraw' };
      case `${ESC}[3~`:
      case '\x04':
        if (this.cursor >= this.buffer.length) return { kind: 'bell' };
        this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
        return { kind: 'redraw' };
      case `${ESC}[D`:
      case '\x02':
        return this.moveTo(this.cursor - 1);
      case `${ESC}[C`:
      case '\x06':
        return this.moveTo(this.cursor + 1);
      case `${ESC}[H`:
      case `${ESC}OH`:
      case `${ESC}[1~`:
      case '\x01':
        return this.moveTo(0);
      case `${ESC}[F`:
      case `${ESC}OF`:
      case `${ESC}[4~`:
      case '\x05':
        return this.moveTo(this.buffer.length);
      case `${ESC}[1;5D`:
      case `${ESC}b`:
        return this.moveTo(this.wordStart(this.cursor));
      case `${ESC}[1;5C`:
      case `${ESC}f`:
        return this.moveTo(this.wordEnd(this.cursor));
      case '\x15':
        this.buffer = this.buffer.slice(this.cursor);
        this.cursor = 0;
        return { kind: 'redraw' };
      case '\x0b':
        this.buffer = this.buffer.slice(0, this.cursor);
        return { kind: 'redraw' };
      case '\x17': {
        const start = this.wordStart(this.cursor);
        this.buffer = this.buffer.slice(0, start) + this.buffer.slice(this.cursor);
        this.cursor = start;
        return { kind: 'redraw' };
      }
      case `${ESC}[A`:
      case '\x10':
        return this.browse(-1);
      case `${ESC}[B`:
      case '\x0e':
        return this.browse(1);
      case '\x03':
        return { kind: 'interrupt' };
      case '\x0c':
        return { kind: 'clear-screen' };
      case '\t':
        return { kind: 'complete', line: this.buffer, cursor: this.cursor };
      default:
        return this.insert(data);
    }
  }

  /** Inserts typed or pasted text (control characters other than tab are dropped). */
  insert(text: string): EditorAction {
    const clean = text.replace(/\t/g, ' ').replace(/[\x00-\x1f\x7f]/g, '');
    // Unknown escape sequences (F-keys, Alt combinations) are swallowed rather than inserted as garbage.
    if (clean === '' || text.startsWith(ESC)) return { kind: 'none' };
    this.buffer = this.buffer.slice(0, this.cursor) + clean + this.buffer.slice(this.cursor);
    this.cursor += clean.length;
    return { kind: 'redraw' };
  }

  /** Replaces the whole line (history, a queued paste line, the lesson's Run button). */
  setLine(line: string): void {
    this.buffer = line;
    this.cursor = line.length;
  }

  /** Applies Tab completion candidates; returns the candidates to list when they are still ambiguous. */
  applyCompletions(items: readonly string[]): string[] {
    if (items.length === 0) return [];
    const start = this.wordStartForCompletion(this.cursor);
    const word = this.buffer.slice(start, this.cursor);
    const candidates = items.filter((item) => item.toLowerCase().startsWith(word.toLowerCase()));
    const usable = candidates.length > 0 ? candidates : [...items];
    const prefix = commonPrefix(usable);
    if (usable.length === 1) {
      this.replaceWord(start, `${usable[0]} `);
      return [];
    }
    if (prefix.length > word.length) {
      this.replaceWord(start, prefix);
      return [];
    }
    return usable;
  }

  /** Records a submitted line in history (skipping blanks and immediate repeats). */
  remember(line: string): void {
    if (line.trim() === '' || this.history.at(-1) === line) return;
    this.history.push(line);
    if (this.history.length > this.maxHistory) this.history.splice(0, this.history.length - this.maxHistory);
  }

  /**
   * Escape sequences that redraw prompt + buffer in place and leave the cursor at `cursor`. `fresh` means the
   * terminal cursor is at the start of an empty row (after output), not on the previous render.
   */
  render(cols: number, { fresh = false }: { fresh?: boolean } = {}): string {
    const width = Math.max(1, cols);
    let out = '';
    if (!fresh && this.renderedCursorRow > 0) out += `${ESC}[${this.renderedCursorRow}A`;
    out += `\r${ESC}[J${this.prompt}${this.buffer}`;
    const promptWidth = visibleLength(this.prompt);
    const end = promptWidth + this.buffer.length;
    // At an exact multiple of the width the cursor sits in the "pending wrap" state; a space + CR moves it to a
    // real next row so the relative moves below count rows correctly.
    if (end > 0 && end % width === 0) out += ` \r`;
    const endRow = Math.floor(end / width);
    const target = promptWidth + this.cursor;
    const targetRow = Math.floor(target / width);
    const targetCol = target % width;
    if (endRow > targetRow) out += `${ESC}[${endRow - targetRow}A`;
    out += '\r';
    if (targetCol > 0) out += `${ESC}[${targetCol}C`;
    this.renderedCursorRow = targetRow;
    return out;
  }

  /** The terminal cursor moved off the prompt line (output was printed): the next render starts fresh. */
  detachRender(): void {
    this.renderedCursorRow = 0;
  }

  /** Sequence that moves the terminal cursor from its current place to just below the rendered line. */
  moveBelow(cols: number): string {
    const end = visibleLength(this.prompt) + this.buffer.length;
    const endRow = Math.floor(end / Math.max(1, cols));
    const down = endRow - this.renderedCursorRow;
    this.renderedCursorRow = 0;
    return `${down > 0 ? `${ESC}[${down}B` : ''}\r\n`;
  }

  private submit(): EditorAction {
    const line = this.buffer;
    this.remember(line);
    this.historyIndex = this.history.length;
    this.draft = '';
    return { kind: 'submit', line };
  }

  /** Clears the line after submit/interrupt. */
  reset(): void {
    this.buffer = '';
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.draft = '';
  }

  private moveTo(position: number): EditorAction {
    const next = Math.max(0, Math.min(this.buffer.length, position));
    if (next === this.cursor) return { kind: 'none' };
    this.cursor = next;
    return { kind: 'redraw' };
  }

  private browse(step: -1 | 1): EditorAction {
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return { kind: 'bell' };
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex = next;
    this.setLine(next === this.history.length ? this.draft : this.history[next]!);
    return { kind: 'redraw' };
  }

  private wordStart(from: number): number {
    let i = from;
    while (i > 0 && this.buffer[i - 1] === ' ') i -= 1;
    while (i > 0 && this.buffer[i - 1] !== ' ') i -= 1;
    return i;
  }

  private wordStartForCompletion(from: number): number {
    let i = from;
    while (i > 0 && this.buffer[i - 1] !== ' ') i -= 1;
    return i;
  }

  private wordEnd(from: number): number {
    let i = from;
    while (i < this.buffer.length && this.buffer[i] === ' ') i += 1;
    while (i < this.buffer.length && this.buffer[i] !== ' ') i += 1;
    return i;
  }

  private replaceWord(start: number, word: string): void {
    let end = this.cursor;
    while (end < this.buffer.length && this.buffer[end] !== ' ') end += 1;
    const rest = this.buffer.slice(end);
    const replacement = word.endsWith(' ') && rest.startsWith(' ') ? word.trimEnd() : word;
    this.buffer = this.buffer.slice(0, start) + replacement + rest;
    this.cursor = start + replacement.length;
  }
}

export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const word of words.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < word.length && prefix[i]!.toLowerCase() === word[i]!.toLowerCase()) i += 1;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
