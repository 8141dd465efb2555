/** @module Polls a condition until it holds or a deadline passes: readiness is observed, never assumed after a sleep. */

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Completes the error message: "Timed out after 5000 ms waiting for <what>". */
  what: string;
  signal?: AbortSignal;
}

/** Resolves with the first truthy value returned by `check`; errors thrown by `check` count as "not yet". */
export async function waitUntil<T>(check: () => Promise<T | undefined | null | false>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 20;
  let lastError: unknown;
  for (;;) {
    if (options.signal?.aborted) throw new Error(`Stopped waiting for ${options.what}: the sandbox is being deleted.`);
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}${cause}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
