/** @module Fills every `[data-due-today]` element with the number of review questions due today (GET /api/quiz/stats). */
import { api } from './api.ts';

export async function fillDueToday(root: ParentNode = document): Promise<void> {
  const targets = [...root.querySelectorAll<HTMLElement>('[data-due-today]')];
  if (targets.length === 0) return;
  try {
    const stats = await api<{ dueToday: number }>(`/api/quiz/stats?tzOffset=${new Date().getTimezoneOffset()}`);
    for (const target of targets) target.textContent = String(stats.dueToday);
  } catch {
    // Without the API (static preview) the placeholder stays: the home page still works.
  }
}
