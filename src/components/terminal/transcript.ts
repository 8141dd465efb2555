/**
 * @module The plain-text twin of the terminal: everything shown, without colour codes, in a role="log" element
 * that screen readers and the browser's find-in-page can read. Bounded so a long session cannot grow the page
 * without limit.
 */

const MAX_CHARS = 200_000;

/** Removes ANSI escape sequences and carriage returns, keeping the text a learner would read. */
export function plainText(data: string): string {
  return data
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '')
    .replace(/\x1b[@-Z\\-_]/g, '')
    .replace(/\r\n/g, '\n')
    .replace(/\r/g, '')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

export class Transcript {
  private text = '';
  private readonly pre: HTMLPreElement;

  constructor(container: HTMLElement) {
    this.pre = container.querySelector('pre') ?? container.appendChild(document.createElement('pre'));
    this.pre.textContent = '';
  }

  append(data: string): void {
    const plain = plainText(data);
    if (plain === '') return;
    this.text += plain;
    if (this.text.length > MAX_CHARS) {
      this.text = this.text.slice(this.text.length - MAX_CHARS);
      this.pre.textContent = this.text;
      return;
    }
    this.pre.append(plain);
  }

  clear(): void {
    this.text = '';
    this.pre.textContent = '';
  }

  get value(): string {
    return this.text;
  }
}
