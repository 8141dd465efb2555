/** @module The solution's Markdown in the exercise panel: escaped first, then code blocks, lists, paragraphs, `code`. */
import { describe, expect, it } from 'vitest';
import { solutionMarkup } from '../../../src/components/exercise/solution-markup.ts';

describe('solutionMarkup', () => {
  it('turns a fenced block into <pre> and the prose around it into paragraphs with inline code', () => {
    const html = solutionMarkup('Rank the players:\n\n```text\nZADD board 1200 alice\nZREVRANK board bob\n```\n\n`ZREVRANK` counts from 0.');
    expect(html).toBe(
      '<p>Rank the players:</p>\n<pre><code>ZADD board 1200 alice\nZREVRANK board bob</code></pre>\n<p><code>ZREVRANK</code> counts from 0.</p>',
    );
  });

  it('renders numbered and bulleted lines as lists', () => {
    expect(solutionMarkup('1. first\n2. **second**')).toBe('<ol><li>first</li><li><strong>second</strong></li></ol>');
    expect(solutionMarkup('- one\n- two')).toBe('<ul><li>one</li><li>two</li></ul>');
  });

  it('escapes HTML everywhere, inside code blocks too', () => {
    const html = solutionMarkup('<img src=x onerror=alert(1)>\n\n```\nSET k "<b>"\n```');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('SET k &quot;&lt;b&gt;&quot;');
  });
});
