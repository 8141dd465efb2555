/**
 * @module Lesson pages in real Chromium over the built site (dist/, served statically: no sandbox needed):
 * diagrams draw as SVG in the page theme, text/tables/code read without JavaScript, the terminal column collapses,
 * resizes and opens on Run, narrow screens get a toggle, the theme persists, keyboard users can skip to content,
 * and search finds lessons.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { readLessonFiles } from '../../src/content/lesson-files.ts';
import { lessonUrl } from '../../src/content/lesson-url.ts';
import { launchChromium, type Chromium } from '../support/e2e-harness.ts';

const dist = resolve(import.meta.dirname, '../../dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/** Serves dist/ like the production server does for pages (directory -> index.html); /api answers 404. */
function serveDist(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = normalize(join(dist, pathname));
    if (!file.startsWith(dist)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    done({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

const lessons = existsSync(join(dist, 'lessons')) ? readLessonFiles().filter((l) => existsSync(join(dist, 'lessons', l.id, 'index.html'))) : [];
const withDiagram = lessons.find((lesson) => lesson.body.includes('<Diagram'));
const withTable = lessons.find((lesson) => lesson.body.includes('<Compare'));

describe.skipIf(lessons.length === 0)('lesson pages in Chromium', () => {
  let server: Server;
  let origin: string;
  let browser: Chromium;
  let context: BrowserContext;

  async function openPage(path: string, options: { width?: number; height?: number } = {}): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width: options.width ?? 1440, height: options.height ?? 900 });
    await page.goto(`${origin}${path}`);
    return page;
  }

  beforeAll(async () => {
    ({ server, origin } = await serveDist());
    browser = await launchChromium({ colorScheme: 'light' });
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.dispose();
    await new Promise((done) => server?.close(done));
  });

  it.skipIf(!withDiagram)('draws a diagram as SVG when it nears the viewport, and redraws it in the dark theme', async () => {
    const page = await openPage(lessonUrl(withDiagram!.id));
    const figure = page.locator('figure[data-diagram]').first();
    await figure.scrollIntoViewIfNeeded();
    await expect.poll(() => figure.getAttribute('data-diagram-state'), { timeout: 30_000 }).toBe('rendered');
    expect(await figure.locator('svg').count()).toBe(1);
    // The source stays in the page for assistive technology and readers without JavaScript.
    expect(await figure.locator('pre code').textContent()).toMatch(/^(flowchart|graph|sequenceDiagram|stateDiagram)/m);
    const lightSvg = await figure.locator('svg').getAttribute('id');
    await page.getByRole('button', { name: 'Dark mode' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).toContain('dark');
    await expect.poll(() => figure.locator('svg').getAttribute('id'), { timeout: 30_000 }).not.toBe(lightSvg);
    await page.close();
  });

  it('keeps the text still while diagrams load as the reader scrolls (cumulative layout shift < 0.1)', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    // Layout shifts are summed per page the way Lighthouse does; 0.1 is the "good" threshold.
    await page.addInitScript(() => {
      const w = window as unknown as { layoutShift: number };
      w.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) w.layoutShift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const shifts: string[] = [];
    for (const lesson of lessons.filter((l) => l.body.includes('<Diagram'))) {
      await page.goto(`${origin}${lessonUrl(lesson.id)}`);
      const height = await page.evaluate(() => document.body.scrollHeight);
      for (let y = 0; y < height; y += 400) {
        await page.mouse.wheel(0, 400);
        await page.waitForTimeout(50); // pacing like a reader's wheel, not a wait for a condition
      }
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('figure[data-diagram]')].every((f) => f.dataset.diagramState !== 'waiting'), undefined, { timeout: 30_000 });
      const score = await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
      if (score >= 0.1) shifts.push(`${lesson.id}: ${score.toFixed(3)}`);
    }
    await page.close();
    expect(shifts).toEqual([]);
  });

  it('keeps the theme choice across pages', async () => {
    const page = await openPage('/');
    const before = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    await page.getByRole('button', { name: 'Dark mode' }).click();
    await page.goto(`${origin}/lessons/`);
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(!before);
    expect(await page.getByRole('button', { name: 'Dark mode' }).getAttribute('aria-pressed')).toBe(String(!before));
    await page.evaluate(() => localStorage.removeItem('cachelab-theme'));
    await page.close();
  });

  it('renders the text, tables and code of a lesson without JavaScript', async () => {
    const lesson = withTable ?? lessons[0]!;
    const noJs = await launchChromium({ colorScheme: 'light', javaScriptEnabled: false });
    onTestFinished(() => noJs.dispose());
    const page = await noJs.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${origin}${lessonUrl(lesson.id)}`);
    expect(await page.getByRole('heading', { level: 1, name: lesson.data.title }).isVisible()).toBe(true);
    expect(await page.locator('article [data-try] pre').first().isVisible()).toBe(true);
    if (withTable) expect(await page.locator('article table').first().isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Key takeaways' }).isVisible()).toBe(true);
    expect(await page.locator('#lesson-sources + ul a').count()).toBe(lesson.data.sources.length);
    // Without JavaScript there are no dead Run/Copy buttons.
    expect(await page.locator('[data-try] button:visible').count()).toBe(0);
  });

  it('lets keyboard users skip to the lesson text', async () => {
    const page = await openPage(lessonUrl(lessons[0]!.id));
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'On this page' }).count()).toBe(1);
    expect(await page.getByRole('complementary', { name: 'Terminal' }).count()).toBe(1);
    await page.close();
  });

  it('collapses and resizes the terminal on wide screens, and remembers it', async () => {
    const page = await openPage(lessonUrl(lessons[0]!.id));
    const shell = page.locator('[data-lesson-shell]');
    await expect.poll(() => shell.getAttribute('data-terminal-open')).toBe('true');
    const divider = page.getByRole('separator', { name: /Resize the terminal/ });
    const width = Number(await divider.getAttribute('aria-valuenow'));
    await divider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Number(await divider.getAttribute('aria-valuenow'))).toBe(width + 5);
    await page.getByRole('button', { name: 'Hide terminal' }).click();
    await expect.poll(() => shell.getAttribute('data-terminal-open')).toBe('false');
    expect(await page.locator('[data-terminal]').isVisible()).toBe(false);
    await page.reload();
    await expect.poll(() => shell.getAttribute('data-terminal-open')).toBe('false');
    await page.getByRole('button', { name: 'Show terminal' }).click();
    await expect.poll(() => shell.getAttribute('data-terminal-open')).toBe('true');
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBe(width + 5);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('sends a TryIt command to the terminal as a cachelab:run event and opens the terminal if it is closed', async () => {
    const page = await openPage(lessonUrl(lessons[0]!.id), { width: 420, height: 800 });
    const shell = page.locator('[data-lesson-shell]');
    // Narrow screen: the text first, the terminal behind a toggle.
    await expect.poll(() => shell.getAttribute('data-terminal-open')).toBe('false');
    expect(await page.locator('[data-terminal]').isVisible()).toBe(false);
    await page.evaluate(() => {
      (window as unknown as { runs: string[] }).runs = [];
      window.addEventListener('cachelab:run', (event) => (window as unknown as { runs: string[] }).runs.push((event as CustomEvent).detail.command));
    });
    const block = page.locator('[data-try]').first();
    const command = await block.getAttribute('data-try');
    await block.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { runs: string[] }).runs)).toEqual([command]);
    await expect.poll(() => shell.getAttribute('data-terminal-open')).toBe('true');
    expect(await page.locator('[data-terminal]').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Hide terminal' }).click();
    await expect.poll(() => page.locator('[data-terminal]').isVisible()).toBe(false);
    await page.close();
  });

  it('finds lessons with the search page', async () => {
    const page = await openPage('/search/');
    await page.getByLabel('Search for a command, metric or concept').fill('replica');
    const results = page.locator('[data-search-results] li');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const href = await results.first().locator('a').getAttribute('href');
    expect(href).toMatch(/^\/lessons\/[^/]+\/[^/]+\/(#.*)?$/);
    expect(page.url()).toContain('q=replica');
    await page.close();
  });
});
