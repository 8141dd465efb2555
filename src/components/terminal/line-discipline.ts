/**
 * @module What sits between the keyboard and the server, like a terminal's line discipline: echo and local editing
 * at the prompt, whole lines sent one at a time (pasted or <TryIt> lines wait for the previous prompt), type-ahead
 * while a command runs, Ctrl-C, completion, and a transcript that reads like the screen. No DOM and no xterm, so
 * unit tests drive it with a fake screen.
 */
import type { ServerFrame } from '../../server/terminal/frames.ts';
import { saveHistory } from './history-store.ts';
import type { EditorAction, LineEditor } from './line-editor.ts';
import { plainText } from './transcript.ts';

/** The part of xterm this needs. */
export interface Screen {
  write(data: string): void;
  readonly cols: number;
  clear(): void;
}

/** The part of the connection this needs. */
export interface LineSink {
  sendLine(line: string): void;
  interrupt(): void;
  complete(line: string, cursor: number): void;
  /** Lines sent whose prompt has not come back yet. */
  readonly hasPending: boolean;
}

export interface TranscriptLike {
  append(data: string): void;
}

const CONTROL = /[\x00-\x1f\x7f]/g;

export class LineDiscipline {
  private sink: LineSink | undefined;
  private busy = false;
  private promptShown = false;
  private atLineStart = true;
  private queue: string[] = [];
  private typeahead = '';
  private output = '';

  constructor(
    private readonly screen: Screen,
    private readonly editor: LineEditor,
    private readonly transcript: TranscriptLike,
  ) {}

  /** Plain text of the last command's output (the "Copy last output" button). */
  get lastOutput(): string {
    return this.output;
  }

  get running(): boolean {
    return this.busy;
  }

  /** A new connection (or none while a sandbox is being created); lines queued so far wait for its prompt. */
  connect(sink: LineSink | undefined): void {
    this.sink = sink;
    this.busy = false;
    this.leavePrompt();
  }

  /** Forgets everything on screen (the playground replacing its sandbox). */
  reset(): void {
    this.queue = [];
    this.typeahead = '';
    this.busy = false;
    this.promptShown = false;
    this.atLineStart = true;
    this.editor.reset();
  }

  /** Keyboard input from xterm (a key's sequence, or a whole paste). */
  typed(data: string): void {
    if (this.busy) {
      this.typedAhead(data);
      return;
    }
    const lines = data.split(/\r\n|\r|\n/);
    if (lines.length === 1) {
      this.act(data.length === 1 || data.startsWith('\x1b') ? this.editor.handle(data) : this.editor.insert(data));
      return;
    }
    // Enter, or a paste of several lines: each non-empty line runs in turn, after the previous one's prompt.
    const [first, ...rest] = lines;
    this.editor.insert(first!);
    this.screen.write(this.editor.render(this.screen.cols));
    const line = this.editor.buffer;
    this.queue.push(...rest.filter((l) => l.trim() !== ''));
    if (line.trim() !== '') {
      this.editor.remember(line);
      this.submit(line);
    } else this.runNext();
  }

  /** Lines from a <TryIt> Run button: run as if typed, one after another. */
  run(command: string): void {
    const lines = command.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length === 0) return;
    if (!this.busy && this.promptShown && this.editor.buffer !== '') {
      this.editor.setLine('');
      this.screen.write(this.editor.render(this.screen.cols));
    }
    this.queue.push(...lines);
    this.runNext();
  }

  /** Esc on the touch key bar: abandon the line being typed. */
  abandonLine(): void {
    if (this.busy) return;
    this.editor.setLine('');
    this.act({ kind: 'redraw' });
  }

  resized(cols: number): void {
    if (this.promptShown) this.screen.write(this.editor.render(cols));
  }

  frame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'output':
        this.leavePrompt();
        this.write(frame.data);
        this.output += plainText(frame.data);
        break;
      case 'error':
        this.leavePrompt();
        if (!this.atLineStart) this.write('\r\n');
        this.write(`\x1b[31m${frame.message}\x1b[0m\r\n`);
        this.output += `${frame.message}\n`;
        break;
      case 'prompt':
        this.editor.prompt = frame.prompt;
        // The greeting prompt of a (re)connect can arrive while our own lines are still on their way: wait for theirs.
        if (this.busy && this.sink?.hasPending) break;
        this.leavePrompt();
        this.busy = false;
        if (this.queue.length === 0 && this.typeahead !== '') {
          this.editor.setLine(this.typeahead);
          this.typeahead = '';
        }
        this.showPrompt();
        this.runNext();
        break;
      case 'completions': {
        if (this.busy) break;
        const ambiguous = this.editor.applyCompletions(frame.items);
        if (ambiguous.length > 0) {
          this.leavePrompt();
          this.screen.write(`${ambiguous.slice(0, 200).join('  ')}\r\n`);
          this.atLineStart = true;
          this.showPrompt();
        } else this.screen.write(this.editor.render(this.screen.cols));
        break;
      }
    }
  }

  private write(data: string): void {
    if (data === '') return;
    this.screen.write(data);
    this.transcript.append(data);
    this.atLineStart = /\n$/.test(data);
  }

  private showPrompt(): void {
    if (!this.atLineStart) this.write('\r\n');
    this.editor.detachRender();
    this.screen.write(this.editor.render(this.screen.cols, { fresh: true }));
    // The transcript gets the prompt now and the line once it is submitted, so it reads like the screen.
    this.transcript.append(this.editor.prompt);
    this.promptShown = true;
  }

  /** Moves below the editable line before anything else is printed. */
  private leavePrompt(): void {
    if (!this.promptShown) return;
    this.screen.write(this.editor.moveBelow(this.screen.cols));
    this.promptShown = false;
    this.atLineStart = true;
  }

  private submit(line: string): void {
    this.leavePrompt();
    this.transcript.append(`${line}\n`);
    saveHistory(this.editor.entries);
    this.editor.reset();
    if (line.trim() === '' || !this.sink) {
      this.showPrompt();
      return;
    }
    this.busy = true;
    this.output = '';
    this.sink.sendLine(line);
  }

  private runNext(): void {
    if (this.busy || !this.sink) return;
    const next = this.queue.shift();
    if (next === undefined) return;
    this.editor.setLine(next);
    this.screen.write(this.editor.render(this.screen.cols));
    this.editor.remember(next);
    this.submit(next);
  }

  private act(action: EditorAction): void {
    switch (action.kind) {
      case 'redraw':
        this.screen.write(this.editor.render(this.screen.cols));
        break;
      case 'submit':
        this.submit(action.line);
        break;
      case 'interrupt':
        this.interrupt();
        break;
      case 'clear-screen':
        this.screen.clear();
        this.screen.write('\x1b[H\x1b[2J');
        this.atLineStart = true;
        if (!this.busy) this.showPrompt();
        break;
      case 'complete':
        this.sink?.complete(action.line, action.cursor);
        break;
      default:
        break;
    }
  }

  private interrupt(): void {
    this.queue = [];
    this.typeahead = '';
    if (this.busy) {
      this.sink?.interrupt();
      this.write('^C');
      return;
    }
    this.editor.setLine(this.editor.buffer);
    this.screen.write(`${this.editor.render(this.screen.cols)}^C`);
    this.leavePrompt();
    this.transcript.append(`${this.editor.buffer}^C\n`);
    this.editor.reset();
    this.showPrompt();
  }

  /**
   * Keys typed while a command runs are kept (not echoed) like a real terminal's type-ahead: Enter queues the
   * line, the rest appears at the next prompt. Ctrl-C still goes straight to the running command.
   */
  private typedAhead(data: string): void {
    if (data === '\x03') {
      this.interrupt();
      return;
    }
    if (data === '\x7f' || data === '\b') {
      this.typeahead = this.typeahead.slice(0, -1);
      return;
    }
    if (data.startsWith('\x1b')) return;
    const parts = data.split(/\r\n|\r|\n/);
    this.typeahead += parts[0]!.replace(CONTROL, '');
    for (const part of parts.slice(1)) {
      if (this.typeahead.trim() !== '') this.queue.push(this.typeahead);
      this.typeahead = part.replace(CONTROL, '');
    }
  }
}
