/** @module Inline SVG charts: bars scaled to their maximum, with an accessible title and description. */
import { describe, expect, it } from 'vitest';
import { barChartSvg, columnChartSvg } from '../../../src/quiz/chart-svg.ts';

describe('inline SVG charts', () => {
  it('draws one bar per topic, scaled to its maximum, with a title and a text description', () => {
    const svg = barChartSvg('Score per topic', [
      { label: 'Replication', value: 3, max: 4, valueText: '3 of 4' },
      { label: 'Cost & <pricing>', value: 0, max: 2, valueText: '0 of 2' },
    ]);
    expect(svg).toMatch(/^<svg class="chart" role="img"/);
    expect(svg).toContain('<title id="chart-1-title">Score per topic</title>');
    expect(svg).toContain('Replication: 3 of 4; Cost &amp; &lt;pricing&gt;: 0 of 2');
    expect(svg.match(/class="chart__bar"/g)).toHaveLength(2);
    expect(svg).toMatch(/width="176" height="18" rx="3" class="chart__bar"/);
  });

  it('draws activity over time and says so when there is none', () => {
    expect(columnChartSvg('Activity', [], 'items')).toContain('No activity yet.');
    const svg = columnChartSvg('Activity', [{ label: '2026-11-20', value: 2 }, { label: '2026-11-21', value: 4 }], 'items');
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('2026-11-21: 4 items');
  });
});
