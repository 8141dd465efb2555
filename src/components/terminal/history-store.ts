/**
 * @module Command history kept across visits in localStorage. localStorage belongs to the same browser profile
 * as the learner cookie, so in practice the history is per learner without the page ever reading the
 * (HttpOnly) learner id.
 */
const KEY = 'cachelab-terminal-history';

export function loadHistory(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

export function saveHistory(entries: readonly string[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(entries.slice(-500)));
  } catch {
    // Storage full or disabled: history still works for this page.
  }
}
