/**
 * @module Caps what one command may print (lines and bytes). Past the cap it prints one
 * `(output truncated: ...)` line, drops the rest and tells the running command to stop.
 */
import type { ShellOutput } from '../lab-shell.ts';

export interface OutputLimits {
  maxLines: number;
  maxBytes: number;
}

export class OutputLimiter implements ShellOutput {
  private lines = 0;
  private bytes = 0;
  private truncatedAt: 'lines' | 'bytes' | undefined;
  private lastEndedLine = true;

  constructor(
    private readonly target: ShellOutput,
    private readonly limits: OutputLimits,
    private readonly onTruncate: () => void,
  ) {}

  get truncated(): boolean {
    return this.truncatedAt !== undefined;
  }

  /** Text with \n line ends; the terminal gets \r\n. */
  output(data: string): void {
    if (this.truncatedAt || data.length === 0) return;
    let kept = '';
    let index = 0;
    while (index < data.length) {
      const newline = data.indexOf('\n', index);
      const piece = newline === -1 ? data.slice(index) : data.slice(index, newline + 1);
      const size = Buffer.byteLength(piece);
      const endsLine = newline !== -1;
      if (this.bytes + size > this.limits.maxBytes) {
        this.truncatedAt = 'bytes';
      } else if (endsLine && this.lines + 1 > this.limits.maxLines) {
        this.truncatedAt = 'lines';
      }
      if (this.truncatedAt) break;
      kept += piece;
      this.bytes += size;
      if (endsLine) this.lines += 1;
      index += piece.length;
    }
    if (kept) {
      this.target.output(toTerminal(kept));
      this.lastEndedLine = kept.endsWith('\n');
    }
    if (this.truncatedAt) {
      const limit =
        this.truncatedAt === 'lines'
          ? `more than ${this.limits.maxLines} lines`
          : `more than ${Math.round(this.limits.maxBytes / 1024)} KB`;
      const sep = this.lastEndedLine ? '' : '\r\n';
      this.target.output(`${sep}(output truncated: ${limit}; narrow the command, e.g. SCAN with COUNT or LRANGE with a range)\r\n`);
      this.onTruncate();
    }
  }

  error(message: string): void {
    if (this.truncatedAt) return;
    this.target.error(message);
  }
}

/** \n -> \r\n without doubling an existing \r\n. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
