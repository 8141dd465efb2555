/**
 * @module A graded exercise end to end in real Chromium against the real server (`node --import tsx src/server/main.ts`,
 * built site, real sandbox, real SQLite file): open the data-structures lesson, start `strings-counters`, solve it by
 * typing in the terminal, press Check and see it pass, reload and see it still passed.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExerciseRegistry } from '../../src/exercises/exercise-registry.ts';
import { launchChromium, startCachelabServer, type CachelabServer, type Chromium } from '../support/e2e-harness.ts';

const root = resolve(import.meta.dirname, '../..');
const LESSON = '1-foundations/3-data-structures';
const EXERCISE = 'strings-counters';

const transcript = (page: Page) => page.locator('[data-terminal-transcript]').textContent().then((text) => text ?? '');

/** Types one line into the terminal as the learner would and waits for the shell's next prompt. */
async function typeLine(page: Page, line: string): Promise<string> {
  const before = (await transcript(page)).length;
  await page.locator('[data-terminal-screen]').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => {
      const added = (await transcript(page)).slice(before);
      return added.includes(line) && added.endsWith('$ ');
    }, { timeout: 30_000 })
    .toBe(true);
  return (await transcript(page)).slice(before);
}

const built = existsSync(join(root, 'dist/lessons', LESSON, 'index.html'));

describe.skipIf(!built)('a graded exercise in the browser, against the real server', () => {
  let server: CachelabServer | undefined;
  let browser: Chromium | undefined;
  let page: Page;
  const panel = () => page.locator(`[data-exercise-panel="${EXERCISE}"]`);

  beforeAll(async () => {
    server = await startCachelabServer({ dataDirPrefix: 'cachelab-exercise-e2e-' });
    browser = await launchChromium({ viewport: { width: 1440, height: 900 } });
    page = browser.page;
    await page.goto(`${server.url}/lessons/${LESSON}/`);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('shows the exercise with its title, points and instructions, and no hint or solution text', async () => {
    await expect.poll(() => panel().getByRole('button', { name: 'Start' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await panel().getByRole('heading', { level: 3 }).textContent()).toMatch(/^Strings and counters/);
    expect(await panel().textContent()).toContain('10 points');
    expect(await panel().locator('.exercise__instructions').textContent()).toContain('page:home:views');
    expect(await panel().locator('[data-exercise-status]').textContent()).toBe('Not started');
    // The hints and the solution live on the server until asked for.
    const html = await page.content();
    const definition = (await ExerciseRegistry.load()).get(EXERCISE)!;
    for (const secret of [...definition.hints, definition.solution]) {
      const fragment = secret.slice(0, 30);
      expect(html.includes(fragment), `the page must not contain "${fragment}"`).toBe(false);
    }
  });

  it('without JavaScript shows the instructions and no dead buttons', async () => {
    const noJs = await launchChromium({ profilePrefix: 'cachelab-chromium-nojs-', javaScriptEnabled: false });
    try {
      const plain = await noJs.context.newPage();
      await plain.goto(`${server!.url}/lessons/${LESSON}/`);
      const section = plain.locator(`[data-exercise-panel="${EXERCISE}"]`);
      expect(await section.locator('.exercise__instructions').isVisible()).toBe(true);
      expect(await section.locator('button:visible').count()).toBe(0);
    } finally {
      await noJs.dispose();
    }
  });

  it('starts the exercise and moves the terminal to its sandbox, with the starting state', async () => {
    // The terminal beside the lesson connects first, as it does for a learner who reads before starting.
    await expect.poll(() => page.locator('[data-terminal]').getAttribute('data-terminal-state'), { timeout: 60_000 }).toBe('connected');
    const started = page.waitForResponse((r) => r.url().endsWith(`/api/exercises/${EXERCISE}/start`));
    await panel().getByRole('button', { name: 'Start' }).click();
    const sandbox = (await (await started).json()) as { id: string; notice: string | null };
    await expect.poll(() => panel().locator('[data-exercise-message]').textContent(), { timeout: 30_000 }).toMatch(/Ready: the terminal now uses/);
    await expect.poll(() => page.locator('[data-terminal]').getAttribute('data-sandbox-id'), { timeout: 30_000 }).toBe(sandbox.id);
    // The terminal's single-node sandbox had the right shape, so the exercise reused it and says so there.
    expect(sandbox.notice).toMatch(/^Reused your single sandbox/);
    await expect.poll(() => transcript(page), { timeout: 30_000 }).toContain(sandbox.notice!);
    expect(await typeLine(page, 'GET page:home:views')).toContain('"41"');
  });

  it('solves it by typing in the terminal; lab check and the Check button agree that it passed', async () => {
    for (const line of [
      `SET product:1001 '{"name":"Travel mug","price_cents":1299}' EX 300`,
      'INCRBY page:home:views 11',
      'SET ratelimit:user:42 0 EX 60 NX',
      'INCR ratelimit:user:42',
      'INCR ratelimit:user:42',
      'INCR ratelimit:user:42',
    ]) {
      await typeLine(page, line);
    }
    expect(await typeLine(page, 'lab check')).toMatch(/PASSED: all \d+ conditions are met/);

    await panel().getByRole('button', { name: 'Hint' }).click();
    await expect.poll(() => panel().locator('[data-exercise-hints] li').count()).toBe(1);

    await panel().getByRole('button', { name: 'Check' }).click();
    const verdict = panel().locator('[data-exercise-result] [data-verdict]');
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 30_000 }).toBe('passed');
    const marks = await panel().locator('[data-exercise-result] li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.passed));
    expect(marks.length).toBeGreaterThanOrEqual(5);
    expect(marks.every((m) => m === 'true')).toBe(true);
    expect(await panel().locator('[data-exercise-result] li').first().textContent()).toMatch(/^✔Met: /);
    await expect.poll(() => panel().locator('[data-exercise-status]').textContent()).toMatch(/^Passed · 2 checks · hints 1 of \d+$/);
  });

  it('asks before showing the solution; cancelling shows nothing', async () => {
    await panel().getByRole('button', { name: 'Solution' }).click();
    const dialog = panel().locator('dialog[data-exercise-confirm]');
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await dialog.textContent()).toContain('Viewing it is recorded');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(await panel().locator('[data-exercise-solution]').isHidden()).toBe(true);
  });

  it('is still passed after a reload, with the hint already unlocked', async () => {
    await page.reload();
    await expect.poll(() => panel().getAttribute('data-exercise-state'), { timeout: 15_000 }).toBe('passed');
    expect(await panel().locator('[data-exercise-status]').textContent()).toMatch(/^Passed · 2 checks/);
    expect(await panel().locator('[data-exercise-result] [data-verdict]').getAttribute('data-verdict')).toBe('passed');
    // The hint unlocked before the reload is shown again; no other hint text came with it.
    await expect.poll(() => panel().locator('[data-exercise-hints] li').count()).toBe(1);
    expect(await panel().locator('[data-exercise-solution]').isHidden()).toBe(true);
    const progress = await page.evaluate(() => fetch('/api/progress').then((r) => r.json()));
    expect(progress.totals.exercisesPassed).toBe(1);
  });
});
