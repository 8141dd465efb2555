/**
 * @module What createLabShell takes: the learner's sandbox and the engine (for `lab reset`), limits with
 * defaults, and extra `lab` subcommands (the exercises module adds `lab check`, `lab hint`, `lab solution`).
 */
import { z } from 'zod';
import type { Sandbox, SandboxEngine } from '../../sandbox/sandbox-engine.ts';
import type { LabShell, ShellOutput } from './lab-shell.ts';

export const labShellLimitsSchema = z
  .object({
    maxLineBytes: z.number().int().positive().default(64 * 1024).describe('Longest line accepted'),
    linesPerSecond: z.number().positive().default(20).describe('Token-bucket refill rate (lines per second)'),
    burst: z.number().int().positive().default(40).describe('Token-bucket size (lines accepted at once)'),
    maxOutputLines: z.number().int().positive().default(2000).describe('Lines one command may print'),
    maxOutputBytes: z.number().int().positive().default(256 * 1024).describe('Bytes one command may print'),
    connectTimeoutMs: z.number().int().positive().default(2000).describe('redis-cli connect timeout'),
    maxReplyBytes: z.number().int().positive().default(8 * 1024 * 1024).describe('Largest single reply read from Redis'),
    benchmarkTimeoutMs: z.number().int().positive().default(60_000).describe('redis-benchmark is killed after this long'),
    maxHistory: z.number().int().positive().default(500).describe('History entries kept per session'),
  })
  .strict();
export type LabShellLimits = z.infer<typeof labShellLimitsSchema>;

/** What a `lab` subcommand gets to work with. Output text may use \n line ends (converted for the terminal). */
export interface LabCommandContext {
  readonly sandbox: Sandbox;
  readonly engine: SandboxEngine;
  readonly out: ShellOutput;
  /** Aborted on Ctrl-C or when the command's output reaches the cap. */
  readonly signal: AbortSignal;
  readonly cols: number;
  readonly history: readonly string[];
  /** Points this terminal at another of the learner's sandboxes (e.g. one just restored from a snapshot). */
  useSandbox?(sandbox: Sandbox): void;
  /** Asks a y/N question as the next prompt (like `lab reset`); `run` runs only if the learner answers y. */
  confirm?(question: LabConfirmation): void;
}

/** A y/N question the shell shows as its prompt, and what to do on "y". */
export interface LabConfirmation {
  /** The whole prompt, ending in "[y/N] ". */
  prompt: string;
  run(out: ShellOutput): Promise<void>;
}

/** A `lab <name>` subcommand; `summary` is its line in `lab help` / `help lab`. */
export interface LabCommand {
  readonly name: string;
  readonly summary: string;
  /** e.g. "lab check [exercise]"; defaults to "lab <name>". */
  readonly usage?: string;
  run(args: string[], ctx: LabCommandContext): Promise<void>;
}

export interface LabShellOptions {
  /** The learner's own sandbox. */
  sandbox: Sandbox;
  /** Used by `lab reset` (delete + create with the same spec and owner). */
  engine: SandboxEngine;
  /** Called after `lab reset` replaced the sandbox, so the gateway can follow it. */
  onSandboxChange?: (sandbox: Sandbox) => void;
  /** redis-benchmark binary (default "redis-benchmark"). */
  redisBenchmark?: string;
  limits?: Partial<LabShellLimits>;
  /**
   * Consulted by `lab reset`: a confirmation returned here replaces the default (replace the sandbox), e.g. an
   * exercise running in the sandbox restores its starting state instead. `lab reset --yes` runs it directly.
   */
  resetOverride?: (sandbox: Sandbox) => LabConfirmation | undefined;
  /** Extra `lab` subcommands by name; they may not replace the built-in ones. */
  extraLabCommands?: Record<string, LabCommand>;
  cols?: number;
  rows?: number;
}

/** The shell createLabShell returns: the LabShell contract plus the sandbox it currently talks to. */
export interface SandboxLabShell extends LabShell {
  readonly sandbox: Sandbox;
}
