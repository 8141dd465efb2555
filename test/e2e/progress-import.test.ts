/**
 * @module The Progress page's import in real Chromium against the real app (createApp on a real SQLite file, serving the
 * built site): an edited export file is refused with the message on the page and nothing changes; the unchanged
 * file imports.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxEngine } from '../../sandbox/index.ts';
import { openSqliteProgressStore, type SqliteProgressStore } from '../../src/progress/sqlite-progress-store.ts';
import { createApp } from '../../src/server/app.ts';
import { LEARNER_COOKIE } from '../../src/server/identity.ts';
import { launchChromium } from '../support/e2e-harness.ts';
import { testPortRange } from '../support/test-port-range.ts';

const root = resolve(import.meta.dirname, '../..');
const distDir = join(root, 'dist');
const CHANGED = "This file was changed after it was exported, so it cannot be imported: exercise passes must come from the platform's own checks.";

describe.skipIf(!existsSync(join(distDir, 'progress/index.html')))('importing progress on the Progress page', () => {
  let workDir: string;
  const disposers: (() => Promise<unknown> | unknown)[] = [];
  let progress: SqliteProgressStore;
  let origin: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'cachelab-progress-e2e-'));
    disposers.push(() => rmSync(workDir, { recursive: true, force: true }));
    const engine = await createSandboxEngine({
      redisServer: 'redis-server',
      workDir: join(workDir, 'sandboxes'),
      snapshotDir: join(workDir, 'snapshots'),
      portRange: testPortRange(),
      maxmemoryMb: 64,
      sandboxesPerLearner: 1,
      maxSandboxes: 1,
      memoryBudgetMb: 1024,
      idleTimeoutMs: 60_000,
      maxLifetimeMs: 60_000,
      warmPool: {},
    });
    disposers.push(() => engine.dispose());
    progress = openSqliteProgressStore(join(workDir, 'data'));
    disposers.push(() => progress.dispose());
    const created = createApp({ engine, secret: 'e2e-secret-'.repeat(4), dataDir: join(workDir, 'data'), progress, distDir });
    disposers.push(() => created.dispose());
    const server = await new Promise<ReturnType<typeof serve>>((listening) => {
      const s = serve({ fetch: created.app.fetch, hostname: '127.0.0.1', port: 0 }, () => listening(s));
    });
    disposers.push(() => new Promise((closed) => server.close(closed)));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const browser = await launchChromium();
    disposers.push(() => browser.dispose());
    context = browser.context;
    page = browser.page;
    await page.goto(`${origin}/progress/`);
    // The learner cookie exists once the page's first API call has answered.
    await page.waitForFunction(() => /exercises passed/.test(document.querySelector('[data-totals]')?.textContent ?? ''), undefined, { timeout: 30_000 });
  });

  afterAll(async () => {
    for (const dispose of disposers.reverse()) await dispose();
  });

  /** Records a failed check for this browser's learner, as the checker would, and downloads the export file. */
  async function exportWithFailedCheck(): Promise<{ payload: { exerciseEvents: { passed: boolean | null }[] } }> {
    const cookie = (await context.cookies(origin)).find((c) => c.name === LEARNER_COOKIE)!;
    const learnerId = decodeURIComponent(cookie.value).split('.')[0]!;
    await progress.recordExerciseCheck(learnerId, 'leaderboard', false, [{ name: 'type', passed: false, message: 'it is a list' }]);
    return JSON.parse(await page.evaluate(() => fetch('/api/progress/export').then((r) => r.text())));
  }

  async function importFile(file: unknown): Promise<void> {
    await page.locator('[data-import-file]').setInputFiles({ name: 'cachelab-progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.locator('[data-import-confirm]').check();
    await page.locator('[data-import-form] button[type="submit"]').click();
  }

  it('tells the learner that a file from another cachelab server cannot be imported', async () => {
    expect(await page.locator('[data-import-rules]').textContent()).toMatch(/file from another\s+cachelab server/);
  });

  it('refuses a file with a forged pass, shows why, and leaves the progress as it was', async () => {
    const file = await exportWithFailedCheck();
    file.payload.exerciseEvents[0]!.passed = true;
    await importFile(file);
    await expect.poll(() => page.locator('[data-status]').textContent(), { timeout: 15_000 }).toContain(CHANGED);
    expect(await page.locator('[data-status]').textContent()).toMatch(/Link another browser/);
    await page.reload();
    await expect.poll(() => page.locator('[data-totals]').textContent(), { timeout: 15_000 }).toMatch(/0 exercises passed/);
    expect(await page.locator('[data-exercises] tbody').textContent()).toContain('Not yet');
  });

  it('imports the unchanged file', async () => {
    await importFile(await exportWithFailedCheck());
    await expect.poll(() => page.locator('[data-status]').textContent(), { timeout: 15_000 }).toBe('Progress imported.');
  });
});
