/**
 * @module When an exercise's setup last ran on a sandbox, so checks only count events after it. Kept in memory:
 * sandboxes do not outlive the platform process either (orphans are reaped at start-up).
 */
const marks = new Map<string, number>();

const keyOf = (sandboxId: string, exerciseId: string) => `${sandboxId}\u0000${exerciseId}`;

export function markStart(sandboxId: string, exerciseId: string): number {
  const now = Date.now();
  marks.set(keyOf(sandboxId, exerciseId), now);
  return now;
}

/** The last setup time, or undefined when setup has not run in this process. */
export function startOf(sandboxId: string, exerciseId: string): number | undefined {
  return marks.get(keyOf(sandboxId, exerciseId));
}
