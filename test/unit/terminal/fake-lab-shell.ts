/**
 * @module A tiny LabShell for gateway unit tests: `echo <words>`, `enter` (changes the prompt, like interactive
 * redis-cli), `wait` (runs until interrupted, like SUBSCRIBE), `count` (how many lines it has run).
 */
import type { LabShell, ShellOutput } from '../../../src/shell/lab-shell.ts';

export class FakeLabShell implements LabShell {
  prompt = '$ ';
  readonly history: string[] = [];
  disposed = false;
  size = { cols: 80, rows: 24 };
  private stop: (() => void) | undefined;
  private out: ShellOutput | undefined;

  async run(line: string, out: ShellOutput): Promise<void> {
    this.history.push(line);
    const [command, ...rest] = line.trim().split(/\s+/);
    if (command === 'echo') out.output(`${rest.join(' ')}\r\n`);
    else if (command === 'enter') this.prompt = '127.0.0.1:7000> ';
    else if (command === 'count') out.output(`${this.history.length}\r\n`);
    else if (command === 'wait') {
      this.out = out;
      out.output('Reading messages... (press Ctrl-C to quit)\r\n');
      await new Promise<void>((resolve) => {
        this.stop = resolve;
      });
      this.stop = undefined;
    } else if (command) out.error(`unknown command ${command}`);
  }

  /** A message arriving while `wait` runs (a PUBLISH to a subscribed channel). */
  emit(text: string): void {
    this.out?.output(text);
  }

  interrupt(): void {
    this.stop?.();
  }

  async complete(line: string): Promise<string[]> {
    return ['echo', 'enter', 'count', 'wait'].filter((word) => word.startsWith(line.trim()));
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
  }

  async dispose(): Promise<void> {
    this.stop?.();
    this.disposed = true;
  }
}
