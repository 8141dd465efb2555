/** @module The quiz timer's clock, injectable so tests can move time instead of waiting for a deadline. */

export interface QuizClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. Must not keep the process alive. */
  setTimer(fn: () => void, ms: number): () => void;
}

// setTimeout's delay is a signed 32-bit number of ms; longer waits are re-armed in steps.
const MAX_DELAY_MS = 2 ** 31 - 1;

export const systemClock: QuizClock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    let handle: NodeJS.Timeout;
    const target = Date.now() + ms;
    const arm = () => {
      const left = target - Date.now();
      handle = setTimeout(left > MAX_DELAY_MS ? arm : fn, Math.min(Math.max(left, 0), MAX_DELAY_MS));
      handle.unref();
    };
    arm();
    return () => clearTimeout(handle);
  },
};
