/**
 * @module The harness the e2e tests share: the production server as a child process and real Chromium with a fresh profile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { formatPortRange, testPortRange } from './test-port-range.ts';

const root = resolve(import.meta.dirname, '../..');

/** Chromium switches every e2e test runs with; playwright adds --headless itself for `headless: true`. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type LaunchOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

export interface CachelabServerOptions {
  /** Prefix of the temporary CACHELAB_DATA_DIR, so a leftover directory names the test that made it. */
  dataDirPrefix?: string;
  /** Give the server this test file's own sandbox port range (CACHELAB_PORT_RANGE); false for servers that start no sandbox. */
  portRange?: boolean;
  /** How long the server may take to exit after SIGTERM (it deletes its sandboxes first) before it gets SIGKILL. */
  killAfterMs?: number;
  /** More environment for the server, applied over the harness's own variables. */
  env?: Record<string, string>;
}

export interface CachelabServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  child: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after `killAfterMs`), waits for it to exit, and removes its data dir. */
  dispose(): Promise<void>;
}

export interface ChromiumOptions extends Omit<LaunchOptions, 'executablePath' | 'headless' | 'args'> {
  /** Prefix of the temporary profile directory. */
  profilePrefix?: string;
}

export interface Chromium {
  context: BrowserContext;
  /** The tab the persistent context opened with. */
  page: Page;
  /** Closes the browser and removes its profile. */
  dispose(): Promise<void>;
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

/** SIGTERM (the server deletes its sandboxes), then SIGKILL if it has not exited after the bound. */
async function stopChild(child: ChildProcess, killAfterMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}

/**
 * The production server (`node --import tsx src/server/main.ts`) on a free port with its own data dir and no warm
 * pool; resolves once it prints "listening on".
 */
export async function startCachelabServer(options: CachelabServerOptions = {}): Promise<CachelabServer> {
  const { dataDirPrefix = 'cachelab-e2e-data-', portRange = true, killAfterMs = 20_000, env = {} } = options;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CACHELAB_DATA_DIR: dataDir,
      CACHELAB_WARM_POOL: 'none',
      ...(portRange ? { CACHELAB_PORT_RANGE: formatPortRange(testPortRange()) } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const dispose = async () => {
    await stopChild(child, killAfterMs);
    rmSync(dataDir, { recursive: true, force: true });
  };
  let log = '';
  try {
    await new Promise<void>((ready, fail) => {
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('listening on')) ready();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => fail(new Error(`the server exited (${code}) before listening:\n${log}`)));
    });
  } catch (error) {
    await dispose();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, child, dispose };
}

/** Real Chromium with a fresh profile (playwright takes the profile as launchPersistentContext's argument, not as --user-data-dir). */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Chromium> {
  const { profilePrefix = 'cachelab-chromium-', ...contextOptions } = options;
  const profile = mkdtempSync(join(tmpdir(), profilePrefix));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      ...contextOptions,
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const dispose = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
