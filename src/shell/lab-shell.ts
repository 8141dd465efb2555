/**
 * @module The contract between the lab shell (server-side, one per terminal session) and whatever
 * carries it to the learner (the WebSocket gateway, tests, the exercise checker's transcript).
 */
export interface ShellOutput {
  /** Text to show, with \r\n line ends; may contain ANSI colour the shell produced itself, never raw learner data. */
  output(data: string): void;
  /** A refusal or failure the learner should read (one line, no stack trace). */
  error(message: string): void;
}

export interface LabShell {
  /**
   * The prompt to show now: "$ " at the shell, redis-cli's "<host>:<port>> " (or "<host>:<port>[db]> ",
   * "not connected> ") inside interactive redis-cli, a "[y/N] " question while `lab reset` asks to confirm.
   */
  readonly prompt: string;
  /**
   * Runs one line. Resolves when the line is finished (including long-running commands that were
   * interrupted). Output goes to `out` as it is produced. Lines are never run concurrently:
   * the gateway awaits each before the next.
   */
  run(line: string, out: ShellOutput): Promise<void>;
  /** Ctrl-C: stops the running command (SUBSCRIBE, MONITOR, BLPOP, redis-benchmark, -r/-i loops). */
  interrupt(): void;
  /** Tab completion for `line` with the cursor at `cursor`; returns whole candidate words. */
  complete(line: string, cursor: number): Promise<string[]>;
  /** Terminal width/height, for the few outputs that wrap (lab topology). */
  resize(cols: number, rows: number): void;
  /** The session's command history, oldest first. */
  readonly history: readonly string[];
  dispose(): Promise<void>;
}
