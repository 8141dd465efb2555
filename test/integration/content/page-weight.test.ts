/**
 * @module Budget of issue 4 §6 on the built site: a lesson page ships at most 50 KB of gzipped JavaScript before the
 * terminal is opened; mermaid only loads on demand. (The figures themselves: `node --import tsx test/bench/page-weight.ts`.)
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSON_JS_BUDGET_BYTES, measureLessonPages } from '../../bench/page-weight.ts';

const dist = resolve(import.meta.dirname, '../../../dist');

describe.skipIf(!existsSync(join(dist, 'lessons')))('lesson page weight', () => {
  const weights = measureLessonPages(dist);

  it('measures every built lesson page', () => {
    expect(weights.length).toBeGreaterThan(0);
  });

  it.each(weights.map((weight) => [weight.page, weight] as const))('%s ships <= 50 KB of gzipped JavaScript up front', (_page, weight) => {
    expect(weight.initialGzip).toBeLessThanOrEqual(LESSON_JS_BUDGET_BYTES);
  });

  it('keeps mermaid and xterm out of the JavaScript a lesson page loads up front', () => {
    for (const weight of weights) {
      expect(weight.initialFiles.filter((file) => /mermaid|xterm/i.test(file)), weight.page).toEqual([]);
    }
  });

  it('still reaches mermaid on demand from pages with diagrams', () => {
    expect(weights.some((weight) => weight.onDemandGzip > 100 * 1024)).toBe(true);
  });
});
