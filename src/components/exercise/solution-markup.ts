/**
 * @module The solution's Markdown as HTML in the browser, escaped first: fenced code blocks become <pre>, numbered and
 * bulleted lines become lists, other blocks paragraphs with `code` and **bold**. Exercise authors write nothing more.
 */
import { escapeHtml, inlineMarkup } from '../mdx/inline-markup.ts';

export function solutionMarkup(markdown: string): string {
  const html: string[] = [];
  const blocks = markdown.replace(/\r\n/g, '\n').split(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/m);
  blocks.forEach((block, i) => {
    // split() with one capture group alternates prose (even) and code (odd).
    if (i % 2 === 1) {
      html.push(`<pre><code>${escapeHtml(block.replace(/\n$/, ''))}</code></pre>`);
      return;
    }
    for (const paragraph of block.split(/\n\s*\n/)) {
      const lines = paragraph.split('\n').filter((line) => line.trim() !== '');
      if (lines.length === 0) continue;
      if (lines.every((line) => /^\s*\d+\.\s/.test(line))) {
        html.push(`<ol>${lines.map((line) => `<li>${inlineMarkup(line.replace(/^\s*\d+\.\s/, ''))}</li>`).join('')}</ol>`);
      } else if (lines.every((line) => /^\s*[-*]\s/.test(line))) {
        html.push(`<ul>${lines.map((line) => `<li>${inlineMarkup(line.replace(/^\s*[-*]\s/, ''))}</li>`).join('')}</ul>`);
      } else html.push(`<p>${inlineMarkup(lines.join(' '))}</p>`);
    }
  });
  return html.join('\n');
}
