/**
 * @module Every <TryIt> command of every lesson, run in document order through the real lab shell against a real
 * sandbox of the lesson's topology (the shape the lesson's terminal gets): no refusal and no error reply unless the
 * block is marked `expectError`, and a block marked `expectError` really fails.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { DEFAULT_SPECS } from '../../../src/components/terminal/default-specs.ts';
import { readLessonFiles } from '../../../src/content/lesson-files.ts';
import { extractTryItBlocks } from '../../../src/content/try-it-blocks.ts';
import { createLabShell, type ShellOutput } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';

/** Streaming commands (SUBSCRIBE, MONITOR, BLPOP 0, redis-benchmark) are stopped like a learner would: Ctrl-C. */
const LINE_TIMEOUT_MS = 20_000;
const ERROR_REPLY = /^\(error\)|command not found/m;

let harness: Awaited<ReturnType<typeof startTestEngine>>;

beforeAll(async () => {
  harness = await startTestEngine(41000);
}, 120_000);

afterAll(async () => {
  await harness?.dispose();
});

interface LineResult {
  line: string;
  text: string;
  errors: string[];
}

async function runLine(shell: ReturnType<typeof createLabShell>, line: string): Promise<LineResult> {
  const result: LineResult = { line, text: '', errors: [] };
  const out: ShellOutput = { output: (data) => (result.text += data), error: (message) => result.errors.push(message) };
  const running = shell.run(line, out);
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<void>((done) => {
    timer = setTimeout(() => {
      shell.interrupt();
      done();
    }, LINE_TIMEOUT_MS);
  });
  await Promise.race([running, stopped]);
  clearTimeout(timer);
  await running;
  return result;
}

const failed = (result: LineResult) => result.errors.length > 0 || ERROR_REPLY.test(result.text.replace(/\r\n/g, '\n'));
const firstProblem = (result: LineResult) =>
  result.errors[0] ?? result.text.replace(/\r\n/g, '\n').split('\n').find((text) => ERROR_REPLY.test(text)) ?? '';

describe.each(readLessonFiles().map((lesson) => [lesson.id, lesson] as const))('lesson %s', (_id, lesson) => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await harness.engine.create(DEFAULT_SPECS[lesson.data.topology], `try-it-${lesson.data.order}`);
  }, 120_000);

  afterAll(async () => {
    if (sandbox) await harness.engine.delete(sandbox.id).catch(() => undefined);
  });

  it(`runs every TryIt command on a ${lesson.data.topology} sandbox as the lesson says`, async () => {
    const shell = createLabShell({ sandbox, engine: harness.engine, limits: { linesPerSecond: 1000, burst: 1000 } });
    const problems: string[] = [];
    try {
      for (const block of extractTryItBlocks(readFileSync(lesson.file, 'utf8'))) {
        const results: LineResult[] = [];
        for (const line of block.command.split('\n')) results.push(await runLine(shell, line));
        const failures = results.filter(failed);
        const where = `${lesson.file}:${block.line}`;
        if (!block.expectError && failures.length > 0) {
          for (const failure of failures) problems.push(`${where}: "${failure.line}" -> ${firstProblem(failure)}`);
        } else if (block.expectError && failures.length === 0) {
          problems.push(`${where}: marked expectError, but "${block.command.split('\n').join(' / ')}" succeeded`);
        }
      }
    } finally {
      await shell.dispose();
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
