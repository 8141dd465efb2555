/** @module Reading and switching the page theme (class on <html>, choice kept in localStorage). */

export type Theme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'cachelab-theme';
export const THEME_EVENT = 'cachelab:theme';

export function currentTheme(): Theme {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

/** Sets the class on <html>, optionally remembers the choice, and tells diagrams/terminal to redraw. */
export function applyTheme(theme: Theme, { store }: { store: boolean }): void {
  const root = document.documentElement;
  root.classList.toggle('dark', theme === 'dark');
  root.classList.toggle('light', theme === 'light');
  if (store) {
    try {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // Storage can be disabled (private mode, policies): the theme still applies for this page.
    }
  }
  window.dispatchEvent(new CustomEvent(THEME_EVENT, { detail: { theme } }));
}
