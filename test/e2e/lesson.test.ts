/**
 * @module A lesson end to end in real Chromium against the real server (`node --import tsx src/server/main.ts`,
 * built site, real sandbox): the diagram renders as SVG, completing the lesson shows on the track, and Run on a
 * <TryIt> shows the command's output in the terminal beside the text.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLessonFiles } from '../../src/content/lesson-files.ts';
import { lessonUrl } from '../../src/content/lesson-url.ts';
import { launchChromium, startCachelabServer, type CachelabServer, type Chromium } from '../support/e2e-harness.ts';

const root = resolve(import.meta.dirname, '../..');

/** A lesson on a single-node sandbox with a <TryIt> that starts with PING (answer: PONG); diagram preferred. */
function pickLesson() {
  const built = readLessonFiles().filter((lesson) => existsSync(join(root, 'dist/lessons', lesson.id, 'index.html')));
  const pings = built.filter((lesson) => /<TryIt\s+command=(\{`|")PING\b/.test(lesson.body));
  return pings.find((l) => l.data.topology === 'single' && l.body.includes('<Diagram')) ?? pings.find((l) => l.data.topology === 'single') ?? pings[0];
}

const lesson = existsSync(join(root, 'sandbox/index.ts')) ? pickLesson() : undefined;

describe.skipIf(!lesson)('a lesson with its terminal, against the real server', () => {
  let server: CachelabServer | undefined;
  let browser: Chromium | undefined;
  let page: Page;

  beforeAll(async () => {
    server = await startCachelabServer({ dataDirPrefix: 'cachelab-lesson-e2e-' });
    browser = await launchChromium({ viewport: { width: 1440, height: 900 } });
    page = browser.page;
    await page.goto(`${server.url}${lessonUrl(lesson!.id)}`);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('serves the lesson with the terminal mount for its topology', async () => {
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(lesson!.data.title);
    expect(await page.locator(`[data-terminal][data-topology="${lesson!.data.topology}"]`).count()).toBe(1);
  });

  it('renders the lesson diagram as SVG', async () => {
    const figures = page.locator('figure[data-diagram]');
    if ((await figures.count()) === 0) return;
    await figures.first().scrollIntoViewIfNeeded();
    await expect.poll(() => figures.first().getAttribute('data-diagram-state'), { timeout: 30_000 }).toBe('rendered');
    expect(await figures.first().locator('svg').count()).toBe(1);
  });

  it('records the lesson as complete and shows it on the track map', async () => {
    const button = page.getByRole('button', { name: 'Mark this lesson as complete' });
    await button.waitFor({ state: 'visible', timeout: 15_000 });
    await button.click();
    await expect.poll(() => page.locator('[data-lesson-progress] [role="status"]').textContent()).toContain('completed');
    const track = await browser!.context.newPage();
    await track.goto(`${server!.url}/lessons/`);
    const stop = track.locator(`[data-track-map] [data-lesson="${lesson!.id}"]`);
    await expect.poll(() => stop.getAttribute('data-lesson-state'), { timeout: 15_000 }).toBe('done');
    await track.close();
  });

  it('runs a TryIt command in the real sandbox and shows its output in the terminal', async () => {
    const block = page.locator('[data-try^="PING"]').first();
    await block.scrollIntoViewIfNeeded();
    await block.getByRole('button', { name: /^Run/ }).click();
    await page.waitForFunction(() => /PONG/.test(document.querySelector('[data-terminal-transcript]')?.textContent ?? ''), undefined, {
      timeout: 60_000,
    });
    const transcript = await page.locator('[data-terminal-transcript]').textContent();
    expect(transcript).toContain('PING');
    expect(transcript).toContain('PONG');
  });
});
