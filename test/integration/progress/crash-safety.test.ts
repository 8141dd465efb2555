/** @module Every acknowledged write survives SIGKILL of the process writing it. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSqliteProgressStore } from '../../../src/progress/sqlite-progress-store.ts';

const root = resolve(import.meta.dirname, '../../..');
const LEARNER = 'crashtest00000000000';

describe('progress survives a killed server', () => {
  it('keeps every acknowledged exercise pass after SIGKILL in the middle of writing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cachelab-crash-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), dataDir, LEARNER], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));

    const acknowledged: number[] = [];
    const lines = createInterface({ input: child.stdout });
    await new Promise<void>((enough, fail) => {
      lines.on('line', (line) => {
        const match = /^ack (\d+)$/.exec(line);
        if (!match) return;
        acknowledged.push(Number(match[1]));
        // Kill mid-stream: well after the first writes, while the loop is still running at full speed.
        if (acknowledged.length === 300) {
          child.kill('SIGKILL');
          enough();
        }
      });
      child.on('exit', () => (acknowledged.length < 300 ? fail(new Error(`writer exited early: ${stderr}`)) : enough()));
    });
    expect(await exited).toBe('SIGKILL');
    // The stdout pipe may still hold acks printed before the kill; read them all.
    await new Promise<void>((done) => (child.stdout.readableEnded ? done() : child.stdout.on('end', done)));

    const store = openSqliteProgressStore(dataDir);
    onTestFinished(() => store.dispose());
    const passed = new Set((await store.exerciseStatus(LEARNER)).filter((s) => s.passed).map((s) => s.exerciseId));
    const lost = acknowledged.filter((i) => !passed.has(`exercise-${i}`));
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(lost).toEqual([]);
  });
});
