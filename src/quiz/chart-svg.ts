/**
 * @module Inline SVG charts as markup strings (results breakdown, progress over time). Each chart is role="img"
 * with a title and description; pages also render the same data as a table, the text alternative.
 */

export interface BarDatum {
  label: string;
  value: number;
  max: number;
  /** How the value is read out, e.g. "3 of 4 (75 %)". */
  valueText: string;
}

export interface ColumnDatum {
  label: string;
  value: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

let chartCount = 0;
function chartIds(): { title: string; desc: string } {
  chartCount += 1;
  return { title: `chart-${chartCount}-title`, desc: `chart-${chartCount}-desc` };
}

/** One horizontal bar per datum (labels can be long: topic names). */
export function barChartSvg(title: string, data: readonly BarDatum[], width = 640): string {
  const ids = chartIds();
  const labelWidth = 270;
  const valueWidth = 120;
  const barArea = width - labelWidth - valueWidth - 16;
  const rowHeight = 30;
  const height = data.length * rowHeight + 8;
  const summary = data.map((d) => `${d.label}: ${d.valueText}`).join('; ');
  const rows = data
    .map((d, i) => {
      const y = 4 + i * rowHeight;
      const fraction = d.max > 0 ? Math.max(0, Math.min(1, d.value / d.max)) : 0;
      return [
        `<g class="chart__row" data-label="${escapeHtml(d.label)}">`,
        // Long names are shortened in the drawing only; the description and the table keep them whole.
        `<text x="${labelWidth - 8}" y="${y + 19}" text-anchor="end" class="chart__label">${escapeHtml(d.label.length > 34 ? `${d.label.slice(0, 33)}…` : d.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 5}" width="${barArea}" height="18" rx="3" class="chart__track"/>`,
        `<rect x="${labelWidth}" y="${y + 5}" width="${Math.round(barArea * fraction)}" height="18" rx="3" class="chart__bar"/>`,
        `<text x="${labelWidth + barArea + 8}" y="${y + 19}" class="chart__value">${escapeHtml(d.valueText)}</text>`,
        '</g>',
      ].join('');
    })
    .join('');
  return (
    `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="100%" aria-labelledby="${ids.title} ${ids.desc}">` +
    `<title id="${ids.title}">${escapeHtml(title)}</title><desc id="${ids.desc}">${escapeHtml(summary)}</desc>${rows}</svg>`
  );
}

/** Vertical columns over time (one per day), with the first and last label under the axis. */
export function columnChartSvg(title: string, data: readonly ColumnDatum[], unit: string, width = 640): string {
  const ids = chartIds();
  const height = 180;
  const top = 12;
  const bottom = 28;
  const left = 36;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...data.map((d) => d.value));
  const step = (width - left - 8) / Math.max(1, data.length);
  const barWidth = Math.max(2, Math.min(28, step * 0.7));
  const summary = data.length === 0 ? 'No activity yet.' : data.map((d) => `${d.label}: ${d.value} ${unit}`).join('; ');
  const bars = data
    .map((d, i) => {
      const h = Math.round((d.value / max) * plotHeight);
      const x = left + i * step + (step - barWidth) / 2;
      return `<rect x="${x.toFixed(1)}" y="${top + plotHeight - h}" width="${barWidth.toFixed(1)}" height="${h}" rx="2" class="chart__bar"><title>${escapeHtml(`${d.label}: ${d.value} ${unit}`)}</title></rect>`;
    })
    .join('');
  const first = data[0];
  const last = data.at(-1);
  const axis =
    `<line x1="${left}" y1="${top + plotHeight}" x2="${width - 8}" y2="${top + plotHeight}" class="chart__axis"/>` +
    `<text x="${left - 6}" y="${top + 10}" text-anchor="end" class="chart__value">${max}</text>` +
    `<text x="${left - 6}" y="${top + plotHeight}" text-anchor="end" class="chart__value">0</text>` +
    (first ? `<text x="${left}" y="${height - 8}" class="chart__label">${escapeHtml(first.label)}</text>` : '') +
    (last && last !== first ? `<text x="${width - 8}" y="${height - 8}" text-anchor="end" class="chart__label">${escapeHtml(last.label)}</text>` : '');
  return (
    `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="100%" aria-labelledby="${ids.title} ${ids.desc}">` +
    `<title id="${ids.title}">${escapeHtml(title)}</title><desc id="${ids.desc}">${escapeHtml(summary)}</desc>${axis}${bars}</svg>`
  );
}
