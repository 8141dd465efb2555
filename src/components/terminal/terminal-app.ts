/**
 * @module The browser terminal, loaded on demand (never part of a page's initial JavaScript): xterm with the fit
 * and web-links addons, clipboard keys, theme and size; the sandbox and connection lifecycle behind the status line
 * and problem box. Line handling lives in line-discipline.ts.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { SandboxSpec } from '../../../sandbox/model.ts';
import { loadHistory } from './history-store.ts';
import { LineDiscipline } from './line-discipline.ts';
import { LineEditor } from './line-editor.ts';
import { PanelChrome } from './panel-chrome.ts';
import {
  adoptSandbox,
  deleteOtherSandboxes,
  deleteSandbox,
  describeShape,
  ensureSandbox,
  forgetSandbox,
  rememberSandbox,
  SandboxApiError,
} from './sandbox-client.ts';
import { TerminalConnection, type ConnectionState } from './terminal-connection.ts';
import { darkTheme, lightTheme, pageIsDark } from './terminal-theme.ts';
import { Transcript } from './transcript.ts';

export interface MountedTerminal {
  /** Runs one or more lines (a <TryIt> block) as if typed, one after another. */
  run(command: string): void;
  /** Replaces the sandbox with one of another shape (the playground's Create button). */
  restart(spec: SandboxSpec): void;
  /** Moves the terminal to an existing sandbox of the learner (an exercise's); `notice` is printed in the terminal. */
  attach(sandboxId: string, notice?: string): void;
  dispose(): void;
}

/** A sandbox to connect to instead of creating one (an exercise was started before the terminal loaded). */
export interface InitialSandbox {
  sandboxId: string;
  notice?: string;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export function mountTerminal(root: HTMLElement, initialSpec: SandboxSpec, initialSandbox?: InitialSandbox): MountedTerminal {
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
  const discipline = new LineDiscipline(term, editor, transcript);
  const cleanups: (() => void)[] = [];
  /** Bumped by every start/adopt, so a slower earlier one never connects after a later one (exercise Start during load). */
  let generation = 0;

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

  function connectTo(sandboxId: string): void {
    connection = new TerminalConnection(sandboxId, {
      frame: (frame) => discipline.frame(frame),
      state: onState,
      sandboxMoved: (id) => {
        rememberSandbox(spec, id);
        root.dataset.sandboxId = id;
      },
    });
    discipline.connect(connection);
    connection.connect();
    connection.resize(term.cols, term.rows);
  }

  async function start(): Promise<void> {
    connection?.dispose();
    connection = undefined;
    discipline.connect(undefined);
    chrome.clearProblem();
    chrome.status(`Creating a ${spec.topology} sandbox…`);
    const mine = ++generation;
    try {
      const ready = await ensureSandbox(spec);
      if (mine !== generation) return;
      const shape = describeShape(ready.sandbox);
      chrome.status(
        ready.reused
          ? `Reusing your sandbox ${ready.sandbox.replicationGroupId} (${shape}).`
          : `Ready in ${ready.waitedMs} ms: ${ready.sandbox.replicationGroupId} (${shape}).`,
      );
      chrome.ready(ready.sandbox);
      connectTo(ready.sandbox.id);
    } catch (error) {
      if (mine !== generation) return;
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

  /** Connects to an existing sandbox (an exercise's); the notice says what the server did to make room for it. */
  async function adopt(sandboxId: string, notice?: string): Promise<void> {
    const note = notice ? `\x1b[36m${notice}\x1b[0m\r\n` : '';
    if (connection?.sandboxId === sandboxId) {
      if (note) discipline.frame({ type: 'output', data: note });
      if (note && !discipline.running) discipline.frame({ type: 'prompt', prompt: editor.prompt });
      return;
    }
    connection?.dispose();
    connection = undefined;
    discipline.connect(undefined);
    chrome.clearProblem();
    if (note) discipline.frame({ type: 'output', data: note });
    chrome.status('Connecting to the exercise sandbox…');
    const mine = ++generation;
    try {
      const adopted = await adoptSandbox(sandboxId);
      if (mine !== generation) return;
      spec = adopted.spec;
      chrome.status(`Exercise sandbox ${adopted.sandbox.replicationGroupId} (${describeShape(adopted.sandbox)}).`);
      chrome.ready(adopted.sandbox);
      connectTo(adopted.sandbox.id);
    } catch (error) {
      if (mine !== generation) return;
      chrome.problem(error instanceof Error ? error.message : String(error), [{ label: 'Try again', run: () => adopt(sandboxId) }]);
    }
  }

  const typed = (data: string) => discipline.typed(data);
  term.onData(typed);
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  term.onResize(({ cols, rows }) => {
    discipline.resized(cols);
    // Dragging the divider fires many resizes; the server only needs the size the learner settles on.
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => connection?.resize(cols, rows), 150);
  });
  cleanups.push(() => clearTimeout(resizeTimer));
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

  chrome.onCopyLast(() => {
    const last = discipline.lastOutput.trimEnd();
    return chrome.copy(last, last ? 'Last output copied.' : 'Nothing to copy yet.');
  });
  chrome.onScreenReader((on) => {
    term.options.screenReaderMode = on;
  });
  chrome.onKey((key) => {
    term.focus();
    if (key === 'escape') discipline.abandonLine();
    else typed(key);
  });

  if (initialSandbox) void adopt(initialSandbox.sandboxId, initialSandbox.notice);
  else void start();

  return {
    run(command) {
      discipline.run(command);
      term.focus();
    },
    restart(next) {
      const previous = { spec, id: root.dataset.sandboxId };
      spec = next;
      connection?.dispose();
      connection = undefined;
      discipline.connect(undefined);
      discipline.reset();
      term.reset();
      transcript.clear();
      // A new shape replaces this terminal's sandbox rather than piling up against the per-learner cap.
      const replaced = JSON.stringify(previous.spec) !== JSON.stringify(next) && previous.id ? deleteSandbox(previous.spec, previous.id) : Promise.resolve();
      void replaced.catch(() => undefined).then(() => start());
    },
    attach(sandboxId, notice) {
      void adopt(sandboxId, notice);
    },
    dispose() {
      connection?.dispose();
      for (const cleanup of cleanups) cleanup();
      term.dispose();
    },
  };
}
