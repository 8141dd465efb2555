/**
 * @module xterm colours for the site's light and dark themes. ANSI yellow/white are darkened in the light theme
 * because redis-cli-style hints printed in them would be unreadable on a white background.
 */
import type { ITheme } from '@xterm/xterm';

export const lightTheme: ITheme = {
  background: '#fbfbfc',
  foreground: '#1c1f24',
  cursor: '#1c1f24',
  cursorAccent: '#fbfbfc',
  selectionBackground: '#b6d3f5',
  black: '#1c1f24',
  red: '#b3261e',
  green: '#1e7a34',
  yellow: '#8a6100',
  blue: '#0a5cad',
  magenta: '#8a3ea8',
  cyan: '#0b6e79',
  white: '#5b6270',
  brightBlack: '#5b6270',
  brightRed: '#c9372c',
  brightGreen: '#23883c',
  brightYellow: '#946b00',
  brightBlue: '#1a6cc0',
  brightMagenta: '#9b4dbb',
  brightCyan: '#0f7f8a',
  brightWhite: '#1c1f24',
};

export const darkTheme: ITheme = {
  background: '#11151b',
  foreground: '#e3e6eb',
  cursor: '#e3e6eb',
  cursorAccent: '#11151b',
  selectionBackground: '#35507a',
  black: '#11151b',
  red: '#ff7b72',
  green: '#7ee787',
  yellow: '#e3b341',
  blue: '#79c0ff',
  magenta: '#d2a8ff',
  cyan: '#76e3ea',
  white: '#c9d1d9',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#aff5b4',
  brightYellow: '#f2cc60',
  brightBlue: '#a5d6ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#b3f0ff',
  brightWhite: '#ffffff',
};

/** The page's theme: the `dark`/`light` class the site sets on <html>, else the OS preference. */
export function pageIsDark(): boolean {
  const root = document.documentElement.classList;
  if (root.contains('dark')) return true;
  if (root.contains('light')) return false;
  return matchMedia('(prefers-color-scheme: dark)').matches;
}
