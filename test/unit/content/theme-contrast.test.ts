/** @module The design tokens of both themes meet WCAG AA contrast (4.5:1 for text, 3:1 for focus rings and UI borders). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(resolve(import.meta.dirname, '../../../src/styles/global.css'), 'utf8');

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const TEXT_PAIRS: [string, string][] = [
  ['text', 'bg'], ['text', 'surface'], ['text', 'surface-2'], ['text-muted', 'bg'], ['text-muted', 'surface'],
  ['accent-text', 'bg'], ['accent-text', 'surface'], ['accent-contrast', 'accent'], ['code-text', 'code-bg'],
  ['level-basic', 'bg'], ['level-intermediate', 'bg'], ['level-advanced', 'bg'], ['level-basic', 'surface'],
  ['level-intermediate', 'surface'], ['level-advanced', 'surface'],
  // The callout icon letter is drawn in the page background colour on the callout colour.
  ['bg', 'note'], ['bg', 'warning'], ['bg', 'interview'], ['bg', 'console'],
];
const UI_PAIRS: [string, string][] = [['focus', 'bg'], ['focus', 'surface'], ['border-strong', 'bg'], ['accent', 'bg']];

describe.each([
  ['light', tokens(':root')],
  ['dark (class)', tokens(':root.dark')],
  ['dark (prefers-color-scheme)', tokens(':root:not(.light)')],
])('the %s theme', (_name, palette) => {
  it.each(TEXT_PAIRS)('shows --%s on --%s at 4.5:1 or more', (fg, bg) => {
    expect(palette[fg], `--${fg} missing`).toBeDefined();
    expect(contrast(palette[fg]!, palette[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(UI_PAIRS)('shows --%s against --%s at 3:1 or more', (fg, bg) => {
    expect(contrast(palette[fg]!, palette[bg]!)).toBeGreaterThanOrEqual(3);
  });
});

describe('the two dark palettes', () => {
  it('are identical (class toggle and OS setting look the same)', () => {
    expect(tokens(':root:not(.light)')).toEqual(tokens(':root.dark'));
  });
});
