/**
 * @module The only terminal code in a page's initial JavaScript: it waits until a panel is on screen (or a
 * <TryIt> Run button fires `cachelab:run`), then loads xterm and the terminal app with a dynamic import.
 * Run commands that arrive while that loads are kept and run in order once the terminal is ready.
 */
import type { SandboxSpec, Topology } from '../../../sandbox/model.ts';
import { DEFAULT_SPECS } from './default-specs.ts';
import type { MountedTerminal } from './terminal-app.ts';

const RUN_EVENT = 'cachelab:run';
const mounted = new WeakMap<HTMLElement, Promise<MountedTerminal>>();
let enabled = false;

function topologyOf(root: HTMLElement): Topology {
  const value = root.dataset.topology;
  return value === 'replication' || value === 'cluster' ? value : 'single';
}

/** Loads and mounts the terminal in `root` once; with `spec`, (re)starts it on a sandbox of that shape. */
export function startTerminal(root: HTMLElement, spec?: SandboxSpec): Promise<MountedTerminal> {
  const existing = mounted.get(root);
  if (existing) {
    if (spec) void existing.then((terminal) => terminal.restart(spec));
    return existing;
  }
  const status = root.querySelector('[data-terminal-status]');
  if (status) status.textContent = 'Loading the terminal…';
  const loading = import('./terminal-app.ts').then(({ mountTerminal }) =>
    mountTerminal(root, spec ?? DEFAULT_SPECS[topologyOf(root)]),
  );
  mounted.set(root, loading);
  loading.catch(() => {
    mounted.delete(root);
    if (status) status.textContent = 'The terminal could not be loaded. Check your connection and reload the page.';
  });
  return loading;
}

export function enableTerminalPanels(): void {
  if (enabled) return;
  enabled = true;
  const panels = [...document.querySelectorAll<HTMLElement>('[data-terminal]')];
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      void startTerminal(entry.target as HTMLElement);
    }
  });
  for (const panel of panels) if (panel.dataset.autostart === 'visible') observer.observe(panel);

  window.addEventListener(RUN_EVENT, (event) => {
    const command = (event as CustomEvent<{ command?: unknown }>).detail?.command;
    const panel = document.querySelector<HTMLElement>('[data-terminal]');
    if (typeof command !== 'string' || !panel) return;
    observer.unobserve(panel);
    void startTerminal(panel).then((terminal) => terminal.run(command));
  });
}
