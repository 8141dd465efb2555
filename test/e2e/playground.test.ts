/**
 * @module The playground in real Chromium against the real server (`node --import tsx src/server/main.ts`, built
 * site, real sandboxes): create a cluster, use redis-cli -c, Ctrl-C, history, multi-line paste, transcript.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startCachelabServer, type CachelabServer, type Chromium } from '../support/e2e-harness.ts';

const root = resolve(import.meta.dirname, '../..');
let server: CachelabServer | undefined;
let browser: Chromium | undefined;
let page: Page;
let base: string;

/** The terminal's plain-text transcript (the role="log" view). */
const transcript = () => page.locator('[data-terminal-transcript]').evaluate((el) => el.textContent ?? '');

async function waitForTranscript(pattern: RegExp, timeout = 30_000): Promise<string> {
  await page.waitForFunction(
    ([source, flags]) => new RegExp(source!, flags).test(document.querySelector('[data-terminal-transcript]')?.textContent ?? ''),
    [pattern.source, pattern.flags],
    { timeout, polling: 50 },
  );
  return transcript();
}

/** Types a line into the terminal and waits until the next prompt has been shown after it. */
async function typeLine(line: string): Promise<string> {
  const before = (await transcript()).length;
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (offset) => {
      const text = document.querySelector('[data-terminal-transcript]')?.textContent ?? '';
      return /(\$ |> )$/.test(text.slice(offset + 1)) && text.length > offset;
    },
    before,
    { timeout: 30_000, polling: 50 },
  );
  return (await transcript()).slice(before);
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/playground/index.html'))) {
    throw new Error('dist/ has no /playground page: run `npx astro build` before the e2e tests.');
  }
  server = await startCachelabServer();
  base = server.url;
  browser = await launchChromium({ profilePrefix: 'cachelab-e2e-chromium-', viewport: { width: 1280, height: 900 } });
  page = browser.page;
  // Keeps a handle on the page's sockets so a test can drop one the way a network blip would.
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const sockets: WebSocket[] = [];
    (window as unknown as { __sockets: WebSocket[] }).__sockets = sockets;
    window.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    };
  });

});

afterAll(async () => {
  await browser?.dispose();
  await server?.dispose();
});

describe('/playground in Chromium', () => {
  it('creates a cluster and connects a terminal to it', async () => {
    await page.goto(`${base}/playground`);
    await page.getByLabel(/Cluster mode enabled/).check();
    await page.getByRole('button', { name: 'Create sandbox' }).click();
    await page.locator('[data-terminal][data-terminal-state="connected"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-terminal-status]').textContent()).resolves.toMatch(/Ready in \d+ ms.*3 shards x 1 replica/);
    await waitForTranscript(/\$ $/);
    await page.locator('.xterm').click();
  });

  it('runs SET and GET typed at the $ prompt against the cluster', async () => {
    await typeLine('SET greeting hello');
    expect(await typeLine('GET greeting')).toMatch(/^GET greeting\n(-> Redirected[^\n]*\n)?"hello"\n/);
  });

  it('shows the redirect lines in redis-cli -c mode', async () => {
    const entered = await typeLine('redis-cli -c -h $CONFIG --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning');
    expect(entered).toMatch(/:\d+> $/);
    let redirects = '';
    for (const key of ['a', 'b', 'c']) redirects += await typeLine(`SET ${key} ${key}`);
    expect(redirects).toMatch(/-> Redirected to slot \[\d+\] located at /);
    expect(await typeLine('GET greeting')).toMatch(/"hello"/);
  });

  it('Tab completes a command name, and Ctrl-C ends a SUBSCRIBE and returns to the prompt', async () => {
    await page.keyboard.type('SUBSCR');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => /> SUBSCRIBE\s*$/.test((document.querySelector('.xterm-rows') as HTMLElement).innerText.trimEnd() + ' '), undefined, {
      timeout: 30_000,
      polling: 50,
    });
    await page.keyboard.type('news');
    await page.keyboard.press('Enter');
    await waitForTranscript(/> SUBSCRIBE news\n/);
    await waitForTranscript(/Reading messages/);
    await page.keyboard.press('Control+c');
    await waitForTranscript(/\^C\n[^\n]*> $/);
    expect(await typeLine('PING')).toMatch(/PONG/);
  });

  it('the up arrow brings back the previous command', async () => {
    const pongs = ((await transcript()).match(/PONG/g) ?? []).length;
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (count) => (document.querySelector('[data-terminal-transcript]')?.textContent?.match(/PONG/g) ?? []).length > count,
      pongs,
      { timeout: 30_000, polling: 50 },
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\ntranscript tail: ${(await transcript()).slice(-300)}`);
    });
    expect(await transcript()).toMatch(/> PING\nPONG\n[^\n]*> PING\nPONG\n[^\n]*> $/);
  });

  it('a paste of three lines runs three commands, one after another', async () => {
    const before = (await transcript()).length;
    await page.locator('.xterm-helper-textarea').evaluate((area) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'SET p1 first\nAPPEND p1 -second\nGET p1');
      area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const text = (await waitForTranscript(/"first-second"\s*\n[^\n]*> $/)).slice(before);
    // In cluster mode each command may first print its redirect line.
    const redirect = '(-> Redirected to slot [^\\n]*\\n)?';
    expect(text).toMatch(new RegExp(`SET p1 first\\n${redirect}OK`));
    expect(text).toMatch(new RegExp(`APPEND p1 -second\\n${redirect}\\(integer\\) 12`));
    expect(text).toMatch(new RegExp(`GET p1\\n${redirect}"first-second"`));
  });

  it('the transcript view holds the same text as the terminal screen', async () => {
    const screen = await page.locator('.xterm-rows').evaluate((el) => (el as HTMLElement).innerText);
    const squash = (text: string) => text.replace(/\s+/g, '');
    expect(squash(screen).length).toBeGreaterThan(20);
    expect(squash(await transcript())).toContain(squash(screen));
  });

  it('reconnects after the socket drops and resumes the same shell (interactive redis-cli, keys)', async () => {
    const promptBefore = (await transcript()).split('\n').at(-1);
    await page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.at(-1)!.close(4000, 'test drops the connection'));
    await page.waitForFunction(() => /Reconnected/.test(document.querySelector('[data-terminal-status]')?.textContent ?? ''), undefined, {
      timeout: 30_000,
      polling: 50,
    });
    const after = await typeLine('GET p1');
    expect(after).toMatch(/"first-second"/);
    // Still inside the same interactive redis-cli, on the same node: the shell itself survived the drop.
    expect(promptBefore).toMatch(/^127\.0\.0\.1:\d+> $/);
    expect(after.endsWith(promptBefore!)).toBe(true);
  });

  it('after `lab reset`, a reload finds the replacement sandbox instead of creating another', async () => {
    await typeLine('exit');
    const reset = await typeLine('lab reset --yes');
    const newId = /New sandbox (sb-[a-z0-9]+)/.exec(reset)?.[1];
    expect(newId).toBeDefined();
    await page.reload();
    await page.getByLabel(/Cluster mode enabled/).check();
    await page.getByRole('button', { name: 'Create sandbox' }).click();
    await page.locator('[data-terminal][data-terminal-state="connected"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-terminal-status]').textContent()).toMatch(/Reusing your sandbox/);
    expect(await page.locator('[data-terminal]').getAttribute('data-sandbox-id')).toBe(newId);
    const mine = await page.evaluate(async () => (await (await fetch('/api/sandboxes')).json()).length);
    expect(mine).toBe(1);
  });

  it('at the per-learner sandbox cap, says so and offers to delete the other sandbox', async () => {
    // The cluster above plus one more fill this learner's two sandboxes (CACHELAB_SANDBOXES_PER_LEARNER default).
    const extra = await page.evaluate(async () => (await fetch('/api/sandboxes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"topology":"single"}' })).status);
    expect(extra).toBe(201);
    const second = await browser!.context.newPage();
    try {
      await second.goto(`${base}/playground`);
      await second.getByLabel(/Replication group/).check();
      await second.getByRole('button', { name: 'Create sandbox' }).click();
      const problem = second.locator('[data-terminal-problem]');
      await problem.getByRole('button', { name: 'Delete my other sandbox' }).waitFor({ timeout: 30_000 });
      expect(await problem.textContent()).toMatch(/sandbox/i);
      await problem.getByRole('button', { name: 'Delete my other sandbox' }).click();
      await second.locator('[data-terminal][data-terminal-state="connected"]').waitFor({ timeout: 60_000 });
      expect(await second.locator('[data-terminal-status]').textContent()).toMatch(/1 primary \+ 2 replicas/);
    } finally {
      await second.close();
    }
  });
});
