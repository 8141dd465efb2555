/** @module The browser terminal's local line editing: key bindings, history, completion, wrapped redraws. */
import { describe, expect, it } from 'vitest';
import { commonPrefix, LineEditor } from '../../../src/components/terminal/line-editor.ts';

function type(editor: LineEditor, ...keys: string[]) {
  return keys.map((key) => editor.handle(key)).at(-1);
}

describe('LineEditor', () => {
  it('inserts at the cursor and moves with arrows, Home/End and Ctrl-A/E', () => {
    const editor = new LineEditor();
    editor.insert('SET k v');
    type(editor, '\x1b[D', '\x1b[D');
    editor.insert('X');
    expect(editor.buffer).toBe('SET kX v');
    type(editor, '\x01');
    expect(editor.cursor).toBe(0);
    type(editor, '\x1b[F');
    expect(editor.cursor).toBe(8);
    type(editor, '\x1b[H');
    expect(editor.cursor).toBe(0);
    type(editor, '\x05');
    expect(editor.cursor).toBe(8);
  });

  it('deletes with Backspace, Delete, Ctrl-U, Ctrl-K and Ctrl-W', () => {
    const editor = new LineEditor();
    editor.insert('GET greeting now');
    type(editor, '\x7f');
    expect(editor.buffer).toBe('GET greeting no');
    type(editor, '\x17');
    expect(editor.buffer).toBe('GET greeting ');
    type(editor, '\x01', '\x1b[3~');
    expect(editor.buffer).toBe('ET greeting ');
    type(editor, '\x1b[C', '\x1b[C', '\x0b');
    expect(editor.buffer).toBe('ET');
    type(editor, '\x15');
    expect(editor.buffer).toBe('');
  });

  it('submits the line, keeps history and browses it with up/down, restoring the draft', () => {
    const editor = new LineEditor(['PING']);
    editor.insert('SET a 1');
    expect(type(editor, '\r')).toEqual({ kind: 'submit', line: 'SET a 1' });
    editor.reset();
    editor.insert('draft');
    type(editor, '\x1b[A');
    expect(editor.buffer).toBe('SET a 1');
    type(editor, '\x1b[A');
    expect(editor.buffer).toBe('PING');
    expect(type(editor, '\x1b[A')).toEqual({ kind: 'bell' });
    type(editor, '\x1b[B', '\x1b[B');
    expect(editor.buffer).toBe('draft');
    expect(editor.entries).toEqual(['PING', 'SET a 1']);
  });

  it('maps Ctrl-C, Ctrl-L and Tab to actions', () => {
    const editor = new LineEditor();
    editor.insert('SUB');
    expect(type(editor, '\x03')).toEqual({ kind: 'interrupt' });
    expect(type(editor, '\x0c')).toEqual({ kind: 'clear-screen' });
    expect(type(editor, '\t')).toEqual({ kind: 'complete', line: 'SUB', cursor: 3 });
  });

  it('completes a unique candidate, extends a common prefix, and lists ambiguous ones', () => {
    const editor = new LineEditor();
    editor.insert('redis-cli --no');
    expect(editor.applyCompletions(['--no-auth-warning'])).toEqual([]);
    expect(editor.buffer).toBe('redis-cli --no-auth-warning ');
    editor.setLine('SUB');
    expect(editor.applyCompletions(['SUBSCRIBE', 'SUBSTR'])).toEqual([]);
    expect(editor.buffer).toBe('SUBS');
    expect(editor.applyCompletions(['SUBSCRIBE', 'SUBSTR'])).toEqual(['SUBSCRIBE', 'SUBSTR']);
    editor.setLine('ssub');
    editor.applyCompletions(['SSUBSCRIBE', 'SUNSUBSCRIBE']);
    expect(editor.buffer).toBe('SSUBSCRIBE ');
    expect(commonPrefix(['lab status', 'lab stop'])).toBe('lab st');
  });

  it('drops control characters and unknown escape sequences instead of inserting them', () => {
    const editor = new LineEditor();
    type(editor, '\x1b[15~');
    editor.insert('a\x1bb\x07c');
    expect(editor.buffer).toBe('abc');
  });

  it('redraws a wrapped line from its first row and puts the cursor back where it belongs', () => {
    const editor = new LineEditor();
    editor.prompt = '$ ';
    editor.insert('x'.repeat(12));
    const first = editor.render(10, { fresh: true });
    expect(first).toBe('\r\x1b[J$ xxxxxxxxxxxx\r\x1b[4C');
    editor.handle('\x01');
    const second = editor.render(10);
    expect(second.startsWith('\x1b[1A\r\x1b[J$ ')).toBe(true);
    expect(second.endsWith('\x1b[1A\r\x1b[2C')).toBe(true);
  });
});
