/** @module The lab shell's public API: createLabShell for the WebSocket gateway, LabCommand for the exercises module. */
import type { LabShellOptions, SandboxLabShell } from './lab-shell-options.ts';
import { LabShellSession } from './lab-shell-session.ts';

export type { LabShell, ShellOutput } from './lab-shell.ts';
export type { LabCommand, LabCommandContext, LabConfirmation, LabShellLimits, LabShellOptions, SandboxLabShell } from './lab-shell-options.ts';

/** One shell per terminal session; dispose() it when the session ends for good. */
export function createLabShell(options: LabShellOptions): SandboxLabShell {
  return new LabShellSession(options);
}
