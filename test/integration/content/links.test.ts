/**
 * @module Every internal link and #anchor in the built site resolves (run after `astro build`, as `npm test` does),
 * and every quiz question's lesson link points at a built lesson section.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = resolve(import.meta.dirname, '../../..');
const dist = join(root, 'dist');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' || name === '_astro' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const decode = (value: string) =>
  value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The page URL of a built file: dist/lessons/a/b/index.html -> /lessons/a/b/. */
const urlOf = (file: string) => `/${file.slice(dist.length + 1)}`.replace(/index\.html$/, '');

/** The built file a site-relative path is served from, or undefined. */
function fileFor(pathname: string): string | undefined {
  const clean = decodeURIComponent(pathname);
  const candidates = clean.endsWith('/') ? [join(dist, clean, 'index.html')] : [join(dist, clean), join(dist, clean, 'index.html'), join(dist, `${clean}.html`)];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    const html = readFileSync(file, 'utf8');
    ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((match) => decode(match[1] ?? '')));
    idCache.set(file, ids);
  }
  return ids;
}

describe.skipIf(!existsSync(join(dist, 'index.html')))('links in the built site', () => {
  const pages = existsSync(dist) ? htmlFiles(dist) : [];

  it('has the home page, the track, search and a page per lesson', () => {
    expect(pages.map(urlOf)).toEqual(expect.arrayContaining(['/', '/lessons/', '/search/']));
    expect(pages.filter((page) => urlOf(page).split('/').length === 5 && urlOf(page).startsWith('/lessons/')).length).toBeGreaterThan(0);
  });

  it('resolves every internal link and anchor', () => {
    // Grouped by problem, so a missing page linked from every header reads as one line, not one per page.
    const problems = new Map<string, string[]>();
    const report = (from: string, problem: string) => problems.set(problem, [...(problems.get(problem) ?? []), from]);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const match of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)) {
        const href = decode(match[1] ?? '');
        if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue; // external, mailto:, data:
        const target = new URL(href, `http://site${urlOf(page)}`);
        // /api/* is answered by the server (e.g. a progress export download), not by a built page.
        if (target.pathname.startsWith('/api/')) continue;
        const file = href.startsWith('#') ? page : fileFor(target.pathname);
        if (!file) {
          report(urlOf(page), `${href} (no page at ${target.pathname})`);
          continue;
        }
        const anchor = decodeURIComponent(target.hash.slice(1));
        if (anchor && !idsOf(file).has(anchor)) report(urlOf(page), `${href} (no element with id "${anchor}" on ${urlOf(file)})`);
      }
    }
    const lines = [...problems].map(([problem, from]) => `${problem}, linked from ${from.length} page(s): ${[...new Set(from)].slice(0, 3).join(', ')}`);
    expect(lines).toEqual([]);
  });

  it('links every quiz question to a built lesson and section', () => {
    const quizDir = join(root, 'content/quiz');
    const broken: string[] = [];
    for (const name of existsSync(quizDir) ? readdirSync(quizDir).filter((n) => /\.ya?ml$/.test(n)) : []) {
      const questions = parseYaml(readFileSync(join(quizDir, name), 'utf8')) as { id?: string; lesson?: string }[] | null;
      for (const question of Array.isArray(questions) ? questions : []) {
        if (!question.lesson) continue;
        const [lesson = '', anchor] = question.lesson.split('#');
        const file = fileFor(`/lessons/${lesson}/`);
        if (!file) broken.push(`${name}#${question.id}: lesson "${lesson}" is not built`);
        else if (anchor && !idsOf(file).has(anchor)) broken.push(`${name}#${question.id}: no section "#${anchor}" in lesson ${lesson}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
