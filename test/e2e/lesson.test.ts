/**
 * @module A lesson end to end in real Chromium against the real server (`node --import tsx src/server/main.ts`,
 * built site, real sandbox): the diagram renders as SVG, completing the lesson shows on the track, and Run on a
 * <TryIt> shows the command's output in the terminal beside the text.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLessonFiles } from '../../src/content/lesson-files.ts';
import { lessonUrl } from '../../src/content/lesson-url.ts';
import { formatPortRange, testPortRange } from '../support/test-port-range.ts';

const root = resolve(import.meta.dirname, '../..');
const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** Starts the production server on a free port with its own data dir and no warm pool; resolves once it listens. */
async function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CACHELAB_DATA_DIR: tempDir('cachelab-lesson-e2e-'),
      CACHELAB_WARM_POOL: 'none',
      CACHELAB_PORT_RANGE: formatPortRange(testPortRange()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('listening on')) ready();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the server exited (${code}) before listening:\n${log}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

/** SIGTERM (the server deletes its sandboxes), then SIGKILL if it has not exited after a bound. */
async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** A lesson on a single-node sandbox with a <TryIt> that starts with PING (answer: PONG); diagram preferred. */
function pickLesson() {
  const built = readLessonFiles().filter((lesson) => existsSync(join(root, 'dist/lessons', lesson.id, 'index.html')));
  const pings = built.filter((lesson) => /<TryIt\s+command=(\{`|")PING\b/.test(lesson.body));
  return pings.find((l) => l.data.topology === 'single' && l.body.includes('<Diagram')) ?? pings.find((l) => l.data.topology === 'single') ?? pings[0];
}

const lesson = existsSync(join(root, 'sandbox/index.ts')) ? pickLesson() : undefined;

describe.skipIf(!lesson)('a lesson with its terminal, against the real server', () => {
  let server: { child: ChildProcess; origin: string } | undefined;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    context = await chromium.launchPersistentContext(tempDir('cachelab-chromium-'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    await page.goto(`${server.origin}${lessonUrl(lesson!.id)}`);
  });

  afterAll(async () => {
    await context?.close();
    await stopServer(server?.child);
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
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
    const track = await context.newPage();
    await track.goto(`${server!.origin}/lessons/`);
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
