/**
 * @module The DOM around the terminal that TerminalPanel.astro renders: status line, problem box with its
 * actions, toolbar buttons, the touch key bar, and the transcript element. Keeps terminal-app.ts about the
 * terminal itself.
 */
import type { SandboxDescription } from '../../../sandbox/model.ts';

const SCREEN_READER_KEY = 'cachelab-terminal-screen-reader';

export interface ProblemAction {
  label: string;
  run: () => unknown;
}

/** Key bar buttons send what the physical key would (Esc is handled by the app). */
const KEY_SEQUENCES: Record<string, string> = {
  tab: '\t',
  'ctrl-c': '\x03',
  up: '\x1b[A',
  down: '\x1b[B',
  escape: 'escape',
};

function part<T extends HTMLElement>(root: HTMLElement, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`TerminalPanel markup is missing ${selector}; render it with TerminalPanel.astro.`);
  return element;
}

export class PanelChrome {
  readonly screen: HTMLElement;
  readonly transcript: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly problemBox: HTMLElement;

  constructor(private readonly root: HTMLElement) {
    this.screen = part(root, '[data-terminal-screen]');
    this.transcript = part(root, '[data-terminal-transcript]');
    this.statusLine = part(root, '[data-terminal-status]');
    this.problemBox = part(root, '[data-terminal-problem]');
    for (const button of root.querySelectorAll<HTMLButtonElement>('[data-terminal-action]')) button.disabled = false;
    const toggle = root.querySelector<HTMLButtonElement>('[data-terminal-action="screen-reader"]');
    toggle?.setAttribute('aria-pressed', String(this.screenReaderPreferred));
    root.dataset.terminalState = 'starting';
  }

  get screenReaderPreferred(): boolean {
    try {
      return localStorage.getItem(SCREEN_READER_KEY) === 'on';
    } catch {
      return false;
    }
  }

  status(text: string): void {
    this.statusLine.textContent = text;
  }

  ready(sandbox: SandboxDescription): void {
    this.root.dataset.sandboxId = sandbox.id;
  }

  connected(): void {
    this.root.dataset.terminalState = 'connected';
  }

  problem(message: string, actions: ProblemAction[]): void {
    this.root.dataset.terminalState = 'problem';
    const text = document.createElement('p');
    text.textContent = message;
    const buttons = actions.map((action) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.label;
      button.addEventListener('click', () => {
        button.disabled = true;
        void Promise.resolve(action.run()).catch((error: unknown) => this.status(error instanceof Error ? error.message : String(error)));
      });
      return button;
    });
    this.problemBox.replaceChildren(text, ...buttons);
    this.problemBox.hidden = false;
  }

  clearProblem(): void {
    this.problemBox.hidden = true;
    this.problemBox.replaceChildren();
  }

  async copy(text: string, done: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.status(done);
    } catch {
      this.status('The browser blocked the clipboard: select the text and use your copy shortcut.');
    }
  }

  onCopyLast(handler: () => unknown): void {
    this.button('copy-last')?.addEventListener('click', () => void handler());
  }

  onScreenReader(handler: (on: boolean) => void): void {
    const button = this.button('screen-reader');
    button?.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      try {
        localStorage.setItem(SCREEN_READER_KEY, on ? 'on' : 'off');
      } catch {
        // The toggle still applies to this page.
      }
      handler(on);
      this.status(on ? 'Screen reader mode on.' : 'Screen reader mode off.');
    });
  }

  onKey(handler: (sequence: string) => void): void {
    for (const button of this.root.querySelectorAll<HTMLButtonElement>('[data-terminal-key]')) {
      // pointerdown + preventDefault keeps focus (and the on-screen keyboard) in the terminal.
      button.addEventListener('pointerdown', (event) => event.preventDefault());
      button.addEventListener('click', () => {
        const sequence = KEY_SEQUENCES[button.dataset.terminalKey ?? ''];
        if (sequence) handler(sequence);
      });
    }
  }

  private button(action: string): HTMLButtonElement | null {
    return this.root.querySelector<HTMLButtonElement>(`[data-terminal-action="${action}"]`);
  }
}
