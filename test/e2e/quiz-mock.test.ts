/**
 * @module A five-question mock interview in real Chromium against the real server (`node --import tsx
 * src/server/main.ts`, real SQLite, real bank): start, answer every question, flag one, submit, and read the
 * results page with its per-topic breakdown chart.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startCachelabServer, type CachelabServer, type Chromium } from '../support/e2e-harness.ts';

const root = resolve(import.meta.dirname, '../..');
/** Waits for a condition on the page; generous, because two cores are shared with other test runs. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** Answers whatever question is shown: first option, first box, a moved step, or a written answer. */
async function answerCurrentQuestion(page: Page): Promise<void> {
  const form = page.locator('[data-answer-form]');
  if (await form.locator('textarea').count()) {
    await form.locator('textarea').fill('Replication is asynchronous, so a failover can lose the last acknowledged writes.');
  } else if (await form.locator('[data-ordering]').count()) {
    await form.getByRole('button', { name: /^Move down/ }).first().click();
  } else {
    await form.locator('input[name="answer"]').first().check();
  }
  await form.getByRole('button', { name: 'Save answer' }).click();
}

/**
 * Opens a page of the built site; reloads while it is missing, because another `astro build` in the same checkout
 * (`npm test` builds first) briefly empties dist/.
 */
async function openBuiltPage(page: Page, url: string, ready: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const response = await page.goto(url);
    if (response?.ok() && (await page.locator(ready).count()) > 0) return;
    if (attempt === 30) throw new Error(`${url} did not load (status ${response?.status()}); is dist/ built?`);
    await page.waitForTimeout(1000);
  }
}

const built = existsSync(join(root, 'dist/quiz/session/index.html'));

describe.runIf(built)('a mock interview in Chromium', () => {
  let server: CachelabServer;
  let browser: Chromium;
  let context: BrowserContext;

  beforeAll(async () => {
    // The quiz starts no sandbox, so the server keeps its default port range; it gets 10 s to exit after SIGTERM.
    server = await startCachelabServer({ dataDirPrefix: 'cachelab-e2e-quiz-', portRange: false, killAfterMs: 10_000 });
    browser = await launchChromium();
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('answers five questions, submits, and shows the score with a per-topic chart and every explanation', async () => {
    const page = await context.newPage();
    await openBuiltPage(page, `${server.url}/quiz/`, '[data-start-form]');
    await page.getByLabel(/Mock interview: timed/).check();
    await page.getByLabel('Questions', { exact: true }).fill('5');
    await page.getByLabel('Minutes').fill('10');
    await page.getByRole('button', { name: 'Start', exact: true }).click();

    await page.waitForURL(/\/quiz\/session\/\?id=/);
    await poll(() => page.locator('[data-timer]').textContent()).toMatch(/^(10:00|9:\d\d) left$/);
    for (let n = 1; n <= 5; n++) {
      await poll(() => page.locator('legend .question__number').textContent()).toBe(`Question ${n} of 5`);
      await answerCurrentQuestion(page);
      await poll(() => page.locator('[data-status]').textContent()).toBe(`Answer saved. ${n} of 5 answered.`);
      // Before submit nothing about the right answer is on the page.
      expect(await page.locator('[data-feedback]').innerHTML()).toBe('');
      if (n === 2) {
        await page.getByRole('button', { name: 'Flag for review' }).click();
        await poll(() => page.getByRole('button', { name: /^Question 2: answered, flagged for review$/ }).count()).toBe(1);
      }
      if (n < 5) await page.getByRole('button', { name: 'Next' }).click();
    }

    await page.getByRole('button', { name: 'Submit interview' }).click();
    await poll(() => page.locator('[data-confirm-text]').textContent()).toMatch(/0 questions not answered and 1 flagged/);
    await page.getByRole('button', { name: 'Submit now' }).click();

    await page.waitForURL(/\/quiz\/results\/\?id=/);
    await poll(() => page.locator('[data-score]').textContent()).toMatch(/of 5 \(\d+ %\)/);
    const chart = page.locator('[data-breakdown-chart] svg[role="img"]');
    await poll(() => chart.count()).toBe(1);
    expect(await chart.locator('title').first().textContent()).toBe('Score per topic');
    const topicRows = await page.locator('[data-breakdown-table] tbody tr').count();
    expect(topicRows).toBeGreaterThan(0);
    expect(await chart.locator('.chart__bar').count()).toBe(topicRows);
    expect(await page.locator('[data-times-table] tbody tr').count()).toBe(5);
    const questions = page.locator('[data-result-question]');
    expect(await questions.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const question = questions.nth(i);
      expect(await question.locator('.feedback__verdict').count()).toBe(1);
      expect(await question.locator('.feedback__sources a[href^="https://"]').count()).toBeGreaterThan(0);
    }
  });

  it('lets a keyboard user answer a practice question and hears the verdict', async () => {
    const page = await context.newPage();
    await openBuiltPage(page, `${server.url}/quiz/`, '[data-start-form]');
    await page.getByLabel('Questions', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/\/quiz\/session\/\?id=/);
    await poll(() => page.locator('legend .question__number').textContent()).toBe('Question 1 of 1');

    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { tag: el?.tagName ?? '', type: el?.getAttribute('type') ?? '', text: el?.textContent?.trim() ?? '', move: el?.dataset.move ?? '' };
    });
    /** Presses Tab until `done` holds for the focused element (bounded, so a focus trap fails the test). */
    async function tabUntil(done: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
      for (let i = 0; i < 60; i++) {
        if (done(await focused())) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`focus never reached the control; last: ${JSON.stringify(await focused())}`);
    }
    const form = page.locator('[data-answer-form]');
    if (await form.locator('textarea').count()) {
      await tabUntil((f) => f.tag === 'TEXTAREA');
      await page.keyboard.type('Asynchronous replication can lose acknowledged writes on failover.');
    } else if (await form.locator('[data-ordering]').count()) {
      await tabUntil((f) => f.move === 'down');
      await page.keyboard.press('Enter');
      await poll(() => page.locator('[data-status]').textContent()).toMatch(/^Moved ".+" to position 2 of \d+\.$/);
    } else if (await form.locator('input[name="answer"]').count()) {
      await tabUntil((f) => f.tag === 'INPUT' && (f.type === 'radio' || f.type === 'checkbox'));
      await page.keyboard.press('Space');
    }
    await tabUntil((f) => f.tag === 'BUTTON' && /^(Check answer|Check the exercise)$/.test(f.text));
    await page.keyboard.press('Enter');
    await poll(() => page.locator('[data-status]').textContent())
      .toMatch(/^(Correct|Not quite|Partly right: \d+ %|Compare your answer with the model answer, then tick what you covered|Not passed yet: pass the exercise first)\. The explanation follows below\.$/);
    expect(await page.locator('[data-feedback] .feedback__sources a').count()).toBeGreaterThan(0);
  });
});
