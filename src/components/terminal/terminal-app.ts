/**
 * @module The browser terminal, loaded on demand (never part of a page's initial JavaScript): xterm with the fit
 * and web-links addons, local line editing, the WebSocket connection, the plain-text transcript, and the panel's
 * status line, actions and touch key bar.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { SandboxSpec } from '../../../sandbox/model.ts';
import type { ServerFrame } from '../../server/terminal/frames.ts';
import { loadHistory, saveHistory } from './history-store.ts';
import { LineEditor, type EditorAction } from './line-editor.ts';
import { PanelChrome } from './panel-chrome.ts';
import { deleteOtherSandboxes, describeShape, ensureSandbox, forgetSandbox, SandboxApiError } from './sandbox-client.ts';
import { TerminalConnection, type ConnectionState } from './terminal-connection.ts';
import { darkTheme, lightTheme, pageIsDark } from './terminal-theme.ts';
import { plainText, Transcript } from './transcript.ts';

export interface MountedTerminal {
  /** Runs one or more lines (a <TryIt> block) as if typed, one after another. */
  run(command: string): void;
  /** Replaces the sandbox with one of another shape (the playground's Create button). */
  restart(spec: SandboxSpec): void;
  dispose(): void;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export function mountTerminal(root: HTMLElement, initialSpec: SandboxSpec): MountedTerminal {
  const chrome = new PanelChrome(root);
  const transcript = new Transcript(chrome.transcript);
  const editor = new LineEditor(loadHistory());
  const term = new Terminal({
    cursorBlink: true,
    fontSize: 14,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    scrollback: 5000,
    // Lab shell output is meant to use \r\n, but a bare \n must never staircase the screen.
    convertEol: true,
    theme: pageIsDark() ? darkTheme : lightTheme,
    screenReaderMode: chrome.screenReaderPreferred,
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  term.open(chrome.screen);
  fit.fit();

  let spec = initialSpec;
  let connection: TerminalConnection | undefined;
  let busy = false;
  let promptShown = false;
  let atLineStart = true;
  let queue: string[] = [];
  let typeahead = '';
  let lastOutput = '';
  const cleanups: (() => void)[] = [];

  function write(data: string, { record = true }: { record?: boolean } = {}): void {
    if (data === '') return;
    term.write(data);
    if (record) transcript.append(data);
    atLineStart = /\n$/.test(data) || (atLineStart && /^\x1b\[[0-9;]*[A-Za-z]$/.test(data));
  }

  function showPrompt(): void {
    if (!atLineStart) write('\r\n');
    editor.detachRender();
    term.write(editor.render(term.cols, { fresh: true }));
    // The transcript gets the prompt now and the line once it is submitted, so it reads like the screen.
    transcript.append(editor.prompt);
    promptShown = true;
  }

  /** Moves the terminal below the editable line before anything else is printed. */
  function leavePrompt(): void {
    if (!promptShown) return;
    term.write(editor.moveBelow(term.cols));
    promptShown = false;
    atLineStart = true;
  }

  function submit(line: string): void {
    leavePrompt();
    transcript.append(`${line}\n`);
    saveHistory(editor.entries);
    editor.reset();
    if (line.trim() === '' || !connection) {
      showPrompt();
      return;
    }
    busy = true;
    lastOutput = '';
    connection.sendLine(line);
  }

  function runNext(): void {
    if (busy || !connection) return;
    const next = queue.shift();
    if (next === undefined) return;
    editor.setLine(next);
    term.write(editor.render(term.cols));
    editor.remember(next);
    submit(next);
  }

  function onAction(action: EditorAction): void {
    switch (action.kind) {
      case 'redraw':
        term.write(editor.render(term.cols));
        break;
      case 'submit':
        submit(action.line);
        break;
      case 'interrupt':
        queue = [];
        typeahead = '';
        if (busy) {
          connection?.interrupt();
          write('^C');
        } else {
          editor.setLine(editor.buffer);
          term.write(`${editor.render(term.cols)}^C`);
          leavePrompt();
          transcript.append(`${editor.buffer}^C\n`);
          editor.reset();
          showPrompt();
        }
        break;
      case 'clear-screen':
        term.clear();
        term.write('\x1b[H\x1b[2J');
        atLineStart = true;
        if (!busy) showPrompt();
        break;
      case 'complete':
        connection?.complete(action.line, action.cursor);
        break;
      default:
        break;
    }
  }

  /**
   * Keys typed while a command runs are kept (not echoed) like a real terminal's type-ahead: Enter queues the
   * line, the rest appears at the next prompt. Ctrl-C still goes straight to the running command.
   */
  function typedAhead(data: string): void {
    if (data === '\x03') {
      onAction({ kind: 'interrupt' });
      return;
    }
    if (data === '\x7f' || data === '\b') {
      typeahead = typeahead.slice(0, -1);
      return;
    }
    if (data.startsWith('\x1b')) return;
    const parts = data.split(/\r\n|\r|\n/);
    typeahead += parts[0]!.replace(/[\x00-\x1f\x7f]/g, '');
    for (const part of parts.slice(1)) {
      if (typeahead.trim() !== '') queue.push(typeahead);
      typeahead = part.replace(/[\x00-\x1f\x7f]/g, '');
    }
  }

  function typed(data: string): void {
    if (busy) {
      typedAhead(data);
      return;
    }
    const lines = data.split(/\r\n|\r|\n/);
    if (lines.length === 1) {
      onAction(data.length === 1 || data.startsWith('\x1b') ? editor.handle(data) : editor.insert(data));
      return;
    }
    // A paste of several lines: each non-empty line runs in turn, after the previous one's prompt.
    const [first, ...rest] = lines;
    editor.insert(first!);
    term.write(editor.render(term.cols));
    const line = editor.buffer;
    queue.push(...rest.filter((l) => l.trim() !== ''));
    if (line.trim() !== '') {
      editor.remember(line);
      submit(line);
    } else runNext();
  }

  function onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'output':
        leavePrompt();
        write(frame.data);
        lastOutput += plainText(frame.data);
        break;
      case 'error':
        leavePrompt();
        if (!atLineStart) write('\r\n');
        write(`\x1b[31m${frame.message}\x1b[0m\r\n`);
        lastOutput += `${frame.message}\n`;
        break;
      case 'prompt':
        editor.prompt = frame.prompt;
        // The greeting prompt of a (re)connect can arrive while our own lines are still on their way: wait for theirs.
        if (busy && connection?.hasPending) break;
        leavePrompt();
        busy = false;
        if (queue.length === 0 && typeahead !== '') {
          editor.setLine(typeahead);
          typeahead = '';
        }
        showPrompt();
        runNext();
        break;
      case 'completions': {
        if (busy) break;
        const ambiguous = editor.applyCompletions(frame.items);
        if (ambiguous.length > 0) {
          leavePrompt();
          term.write(`${ambiguous.slice(0, 200).join('  ')}\r\n`);
          atLineStart = true;
          showPrompt();
        } else term.write(editor.render(term.cols));
        break;
      }
    }
  }

  function onState(state: ConnectionState): void {
    // 'connecting' keeps the current status line ("Ready in N ms ..."): the socket opens in a few ms.
    if (state.state === 'connecting') return;
    if (state.state === 'open') {
      chrome.clearProblem();
      if (state.resumed) chrome.status('Reconnected: your shell is as you left it.');
      chrome.connected();
      term.focus();
    } else if (state.state === 'reconnecting') {
      chrome.status(`Connection lost; reconnecting in ${Math.ceil(state.inMs / 1000)} s (attempt ${state.attempt})…`);
    } else if (state.code === 4404) {
      forgetSandbox(spec);
      chrome.problem(`${state.reason} Sandboxes are deleted after a while without use.`, [{ label: 'Create a new sandbox', run: () => void start() }]);
    } else if (state.code === 4409) {
      chrome.problem('This terminal is open in another tab or window.', [{ label: 'Use it here', run: () => connection?.connect() }]);
    } else {
      chrome.problem(state.reason || 'The terminal connection closed.', state.retryable ? [{ label: 'Reconnect', run: () => connection?.connect() }] : []);
    }
  }

  async function start(): Promise<void> {
    connection?.dispose();
    connection = undefined;
    busy = false;
    leavePrompt();
    chrome.clearProblem();
    chrome.status(`Creating a ${spec.topology} sandbox…`);
    try {
      const ready = await ensureSandbox(spec);
      const shape = describeShape(ready.sandbox);
      chrome.status(
        ready.reused
          ? `Reusing your sandbox ${ready.sandbox.replicationGroupId} (${shape}).`
          : `Ready in ${ready.waitedMs} ms: ${ready.sandbox.replicationGroupId} (${shape}).`,
      );
      chrome.ready(ready.sandbox);
      connection = new TerminalConnection(ready.sandbox.id, { frame: onFrame, state: onState });
      connection.connect();
      connection.resize(term.cols, term.rows);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SandboxApiError && error.status === 429) {
        chrome.problem(message, [
          {
            label: 'Delete my other sandbox',
            run: async () => {
              chrome.status('Deleting your other sandboxes…');
              await deleteOtherSandboxes();
              await start();
            },
          },
        ]);
      } else chrome.problem(message, [{ label: 'Try again', run: () => void start() }]);
      chrome.status('No sandbox.');
    }
  }

  term.onData(typed);
  term.onResize(({ cols, rows }) => {
    connection?.resize(cols, rows);
    if (promptShown) term.write(editor.render(cols));
  });
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    const key = event.key.toLowerCase();
    const ctrlShift = event.ctrlKey && event.shiftKey && !event.altKey;
    if ((ctrlShift && key === 'c') || (!isMac && event.ctrlKey && !event.shiftKey && key === 'c' && term.hasSelection())) {
      void chrome.copy(term.getSelection(), 'Selection copied.');
      term.clearSelection();
      event.preventDefault();
      return false;
    }
    if (ctrlShift && key === 'v') {
      event.preventDefault();
      void navigator.clipboard?.readText().then(typed, () => chrome.status('Paste with Ctrl-V (the browser blocked clipboard access).'));
      return false;
    }
    // Let the browser fire its paste event (xterm turns it into onData) instead of sending ^V.
    if (event.ctrlKey && !event.shiftKey && key === 'v') return false;
    return true;
  });

  const resizeObserver = new ResizeObserver(() => {
    if (chrome.screen.offsetParent !== null) fit.fit();
  });
  resizeObserver.observe(chrome.screen);
  cleanups.push(() => resizeObserver.disconnect());

  const applyTheme = () => {
    term.options.theme = pageIsDark() ? darkTheme : lightTheme;
  };
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  scheme.addEventListener('change', applyTheme);
  window.addEventListener('cachelab:theme', applyTheme);
  const refit = () => requestAnimationFrame(() => chrome.screen.offsetParent !== null && fit.fit());
  window.addEventListener('cachelab:terminal-resize', refit);
  window.addEventListener('cachelab:terminal-visibility', refit);
  cleanups.push(() => {
    scheme.removeEventListener('change', applyTheme);
    window.removeEventListener('cachelab:theme', applyTheme);
    window.removeEventListener('cachelab:terminal-resize', refit);
    window.removeEventListener('cachelab:terminal-visibility', refit);
  });

  chrome.onCopyLast(() => chrome.copy(lastOutput.trimEnd(), lastOutput ? 'Last output copied.' : 'Nothing to copy yet.'));
  chrome.onScreenReader((on) => {
    term.options.screenReaderMode = on;
  });
  chrome.onKey((key) => {
    term.focus();
    if (key === 'escape') {
      // Esc on the key bar abandons the line being typed, as Ctrl-U then Ctrl-K would.
      if (!busy) {
        editor.setLine('');
        onAction({ kind: 'redraw' });
      }
    } else typed(key);
  });

  void start();

  return {
    run(command) {
      const lines = command.split(/\r?\n/).filter((line) => line.trim() !== '');
      if (lines.length === 0) return;
      if (!busy && promptShown && editor.buffer !== '') {
        editor.setLine('');
        term.write(editor.render(term.cols));
      }
      queue.push(...lines);
      runNext();
      term.focus();
    },
    restart(next) {
      spec = next;
      queue = [];
      term.reset();
      transcript.clear();
      promptShown = false;
      atLineStart = true;
      void start();
    },
    dispose() {
      connection?.dispose();
      for (const cleanup of cleanups) cleanup();
      term.dispose();
    },
  };
}
