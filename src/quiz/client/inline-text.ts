/** @module Question text to HTML: escaped, with `backticks` as <code> (the bank's only markup). */
import { escapeHtml } from '../chart-svg.ts';

export function inlineText(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

export const MODE_TITLES: Record<string, string> = {
  practice: 'Practice',
  mock: 'Mock interview',
  review: 'Daily review',
  lesson: 'Lesson checkpoint',
};
