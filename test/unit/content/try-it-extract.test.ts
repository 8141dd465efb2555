/** @module Unit tests: reading <TryIt> blocks (command, expectError, note) out of lesson MDX without a build. */
import { describe, expect, it } from 'vitest';
import { extractTryIt, tryItLines } from '../../../src/content/try-it-extract.ts';
import { readLessonFiles } from '../../../src/content/lesson-files.ts';
import { readFileSync } from 'node:fs';

describe('extractTryIt', () => {
  it('reads plain and template commands with their notes and lines, in document order', () => {
    const source = [
      '# Title',
      '<TryIt command="SET greeting hello" note="Stores a string." />',
      '',
      '<TryIt command={`SET k 1',
      'INCR k`} note="Two lines." />',
    ].join('\n');
    expect(extractTryIt(source)).toEqual([
      { command: 'SET greeting hello', expectError: false, note: 'Stores a string.', line: 2 },
      { command: 'SET k 1\nINCR k', expectError: false, note: 'Two lines.', line: 4 },
    ]);
  });

  it('applies template-literal escapes such as \\n and \\` and keeps quotes inside the command', () => {
    const [call] = extractTryIt('<TryIt command={`SET p \'{"a":1}\' EX 5\\nGET p\\nECHO \\`x\\``} />');
    expect(call!.command).toBe('SET p \'{"a":1}\' EX 5\nGET p\nECHO `x`');
  });

  it('finds expectError as a bare attribute or ={true}, in any attribute order, and not in a command or note', () => {
    const calls = extractTryIt(
      [
        '<TryIt expectError command="redis-cli PING" />',
        '<TryIt command="GET k" expectError={true} note="n/a >" />',
        '<TryIt command="ECHO expectError" note="says expectError" />',
        '<TryIt command="GET k" expectError={false} />',
      ].join('\n'),
    );
    expect(calls.map((c) => c.expectError)).toEqual([true, true, false, false]);
    expect(calls[1]!.note).toBe('n/a >');
  });

  it('reads a command whose text contains > and />, and {"..."} strings', () => {
    const calls = extractTryIt('<TryIt\n  command={"XREADGROUP GROUP g c STREAMS s >"}\n  note="ends with />, fine"\n/>');
    expect(calls).toEqual([{ command: 'XREADGROUP GROUP g c STREAMS s >', expectError: false, note: 'ends with />, fine', line: 1 }]);
  });

  it('skips <TryIt> shown inside fenced code blocks', () => {
    const source = ['```mdx', '<TryIt command="NOT RUN" />', '```', '<TryIt command="RUN" />'].join('\n');
    expect(extractTryIt(source).map((c) => c.command)).toEqual(['RUN']);
  });

  it('says which line is wrong when a block has no command or an unclosed value', () => {
    expect(() => extractTryIt('text\n<TryIt note="no command" />')).toThrow(/line 2: <TryIt> needs command=/);
    expect(() => extractTryIt('<TryIt command={`GET k} />')).toThrow(/line 1: <TryIt> has an unclosed ` string/);
    expect(() => extractTryIt('<TryIt command={`GET ${key}`} />')).toThrow(/\$\{\.\.\.\}/);
  });

  it('splits a block into the lines the terminal runs, skipping blank ones', () => {
    expect(tryItLines('SET k 1\r\n\nGET k\n')).toEqual(['SET k 1', 'GET k']);
  });

  it('reads every lesson of the track, each with at least one block', () => {
    for (const lesson of readLessonFiles()) {
      const calls = extractTryIt(readFileSync(lesson.file, 'utf8'));
      expect(calls.length, lesson.id).toBeGreaterThan(0);
      for (const call of calls) expect(tryItLines(call.command).length, `${lesson.id}:${call.line}`).toBeGreaterThan(0);
    }
  });
});
