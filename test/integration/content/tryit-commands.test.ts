/**
 * @module Every lesson's <TryIt> blocks, run top to bottom through a real lab shell on a real sandbox of the lesson's
 * topology, line by line as the browser sends them: no refusal, no `(error)`, no "command not found" and no shell
 * error unless the block is marked expectError, and an expectError block really fails somewhere.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { DEFAULT_SPECS } from '../../../src/components/terminal/default-specs.ts';
import { readLessonFiles } from '../../../src/content/lesson-files.ts';
import { extractTryIt, tryItLines } from '../../../src/content/try-it-extract.ts';
import { createLabShell, type SandboxLabShell, type ShellOutput } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';

/** A TryIt line must finish by itself (lessons avoid streaming commands); past this it is stopped with Ctrl-C and fails. */
const LINE_LIMIT_MS = 45_000;
/**
 * An error reply as redis-cli prints it: "(error) ..." (also inside arrays, e.g. EXEC results), or the bare error
 * line of the commands redis-cli prints verbatim (INFO, CLUSTER INFO, CLIENT LIST ...); and the shell's own
 * "command not found".
 */
const ERROR_TEXT =
  /^(?:\s*\d+\) )*\(error\) |^(?:ERR|WRONGTYPE|NOPERM|NOAUTH|WRONGPASS|MOVED|ASK|CROSSSLOT|READONLY|NOGROUP|BUSYGROUP|EXECABORT|NOSCRIPT|OOM|MISCONF|CLUSTERDOWN|TRYAGAIN|LOADING|BUSY|NOREPLICAS|MASTERDOWN) |command not found/m;

interface LineRun {
  line: string;
  text: string;
  errors: string[];
  stopped: boolean;
}

let harness: Awaited<ReturnType<typeof startTestEngine>>;

beforeAll(async () => {
  harness = await startTestEngine();
}, 120_000);

afterAll(async () => {
  await harness?.dispose();
}, 120_000);

async function runTryItLine(shell: SandboxLabShell, line: string): Promise<LineRun> {
  const run: LineRun = { line, text: '', errors: [], stopped: false };
  const out: ShellOutput = {
    output: (data) => {
      run.text += data.replace(/\r\n/g, '\n');
    },
    error: (message) => {
      run.errors.push(message);
    },
  };
  const running = shell.run(line, out);
  const limit = setTimeout(() => {
    run.stopped = true;
    shell.interrupt();
  }, LINE_LIMIT_MS);
  try {
    await running;
  } finally {
    clearTimeout(limit);
  }
  return run;
}

function problemOf(run: LineRun): string | undefined {
  if (run.stopped) return `did not finish within ${LINE_LIMIT_MS / 1000} s (streaming commands do not belong in a TryIt)`;
  if (run.errors.length > 0) return run.errors[0];
  return run.text.split('\n').find((text) => ERROR_TEXT.test(text));
}

const lessons = readLessonFiles();

describe('the TryIt check itself', () => {
  it('notices error replies, refusals, unknown commands and bare verbatim errors, and passes a good line', async () => {
    const sandbox = await harness.engine.create(DEFAULT_SPECS.single, 'tryit-self-check');
    const shell = createLabShell({ sandbox, engine: harness.engine, limits: { linesPerSecond: 1000, burst: 1000 } });
    try {
      for (const bad of ['GET', 'SHUTDOWN', 'nosuchcommand', 'CLUSTER INFO', 'redis-cli -h nowhere PING', 'MULTI', 'GET k', 'EXEC']) {
        const run = await runTryItLine(shell, bad);
        if (bad === 'MULTI' || bad === 'GET k') continue;
        expect(problemOf(run), bad).toBeDefined();
      }
      expect(problemOf(await runTryItLine(shell, 'PING'))).toBeUndefined();
    } finally {
      await shell.dispose();
      await harness.engine.delete(sandbox.id);
    }
  }, 120_000);
});

describe.each(lessons.map((lesson) => [lesson.id, lesson] as const))('TryIt blocks of %s', (_id, lesson) => {
  let sandbox: Sandbox | undefined;
  const blocks = extractTryIt(readFileSync(lesson.file, 'utf8'));

  beforeAll(async () => {
    sandbox = await harness.engine.create(DEFAULT_SPECS[lesson.data.topology], `tryit-${lesson.data.order}`);
  }, 120_000);

  afterAll(async () => {
    if (sandbox) await harness.engine.delete(sandbox.id);
  }, 60_000);

  it(`run as the lesson says on a fresh ${lesson.data.topology} sandbox (${blocks.length} blocks)`, async () => {
    expect(blocks.length).toBeGreaterThan(0);
    const shell = createLabShell({ sandbox: sandbox!, engine: harness.engine, limits: { linesPerSecond: 1000, burst: 1000 } });
    const problems: string[] = [];
    try {
      for (const block of blocks) {
        const where = `${lesson.id}/index.mdx:${block.line}`;
        const runs: LineRun[] = [];
        for (const line of tryItLines(block.command)) runs.push(await runTryItLine(shell, line));
        const failures = runs.flatMap((run) => {
          const problem = problemOf(run);
          return problem === undefined ? [] : [`"${run.line}" -> ${problem}`];
        });
        if (!block.expectError) problems.push(...failures.map((failure) => `${where}: ${failure}`));
        else if (failures.length === 0) problems.push(`${where}: marked expectError, but every line succeeded`);
      }
    } finally {
      await shell.dispose();
    }
    expect(problems).toEqual([]);
  }, 240_000);
});
