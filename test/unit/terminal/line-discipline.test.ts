/** @module The terminal's line discipline: one line at a time, pastes and <TryIt> blocks queued, type-ahead, Ctrl-C. */
import { describe, expect, it } from 'vitest';
import { LineDiscipline, type LineSink } from '../../../src/components/terminal/line-discipline.ts';
import { LineEditor } from '../../../src/components/terminal/line-editor.ts';
import { plainText } from '../../../src/components/terminal/transcript.ts';

function setup() {
  const screen = { text: '', cols: 80, write(data: string) { screen.text += data; }, clear() {} };
  const transcript = { text: '', append(data: string) { transcript.text += plainText(data); } };
  const sent: string[] = [];
  const events: string[] = [];
  const sink: LineSink = {
    sendLine: (line) => sent.push(line),
    interrupt: () => events.push('interrupt'),
    complete: (line, cursor) => events.push(`complete ${line}|${cursor}`),
    get hasPending() {
      return pending;
    },
  };
  let pending = false;
  const discipline = new LineDiscipline(screen, new LineEditor(), transcript);
  discipline.connect(sink);
  discipline.frame({ type: 'prompt', prompt: '$ ', seq: 0 });
  return {
    discipline,
    sent,
    events,
    transcript,
    setPending: (value: boolean) => {
      pending = value;
    },
    reply: (output: string, prompt = '$ ') => {
      if (output) discipline.frame({ type: 'output', data: output });
      discipline.frame({ type: 'prompt', prompt });
    },
  };
}

describe('LineDiscipline', () => {
  it('sends a typed line on Enter and shows the prompt the server sends back', () => {
    const t = setup();
    for (const key of 'PING') t.discipline.typed(key);
    t.discipline.typed('\r');
    expect(t.sent).toEqual(['PING']);
    t.reply('PONG\r\n', '127.0.0.1:7000> ');
    expect(t.transcript.text).toBe('$ PING\nPONG\n127.0.0.1:7000> ');
    expect(t.discipline.lastOutput).toBe('PONG\n');
  });

  it('runs a pasted block one line at a time, each after the previous prompt', () => {
    const t = setup();
    t.discipline.typed('SET a 1\rGET a\r\rDEL a');
    expect(t.sent).toEqual(['SET a 1']);
    t.reply('OK\r\n');
    expect(t.sent).toEqual(['SET a 1', 'GET a']);
    t.reply('"1"\r\n');
    t.reply('(integer) 1\r\n');
    expect(t.sent).toEqual(['SET a 1', 'GET a', 'DEL a']);
  });

  it('runs <TryIt> lines as if typed, and keeps type-ahead for after them', () => {
    const t = setup();
    t.discipline.run('lab status\nlab topology');
    expect(t.sent).toEqual(['lab status']);
    t.discipline.typed('x');
    t.discipline.typed('y');
    t.reply('status\r\n');
    expect(t.sent).toEqual(['lab status', 'lab topology']);
    t.reply('picture\r\n');
    expect(t.transcript.text.endsWith('$ ')).toBe(true);
    t.discipline.typed('\r');
    expect(t.sent.at(-1)).toBe('xy');
  });

  it('Ctrl-C interrupts a running command and drops the queued lines', () => {
    const t = setup();
    t.discipline.typed('SUBSCRIBE news\rPING');
    t.discipline.typed('\x03');
    expect(t.events).toEqual(['interrupt']);
    t.reply('');
    expect(t.sent).toEqual(['SUBSCRIBE news']);
    expect(t.transcript.text).toContain('SUBSCRIBE news\n^C\n$ ');
  });

  it('waits for its own prompt when a reconnect greeting arrives first', () => {
    const t = setup();
    t.discipline.typed('GET k\r');
    t.setPending(true);
    t.discipline.frame({ type: 'prompt', prompt: '$ ', seq: 0 });
    t.discipline.typed('\r');
    t.discipline.run('PING');
    expect(t.sent).toEqual(['GET k']);
    t.setPending(false);
    t.reply('"v"\r\n');
    expect(t.sent).toEqual(['GET k', 'PING']);
  });

  it('asks the server to complete on Tab and applies the answer', () => {
    const t = setup();
    for (const key of 'lab sta') t.discipline.typed(key);
    t.discipline.typed('\t');
    expect(t.events).toEqual(['complete lab sta|7']);
    t.discipline.frame({ type: 'completions', items: ['status'] });
    t.discipline.typed('\r');
    expect(t.sent).toEqual(['lab status ']);
  });
});
