/**
 * @module The only terminal code in a page's initial JavaScript: it waits until a panel is on screen (or a
 * <TryIt> Run button fires `cachelab:run`), then loads xterm and the terminal app with a dynamic import.
 * Run commands that arrive while that loads are kept and run in order once the terminal is ready.
 */
import type { SandboxSpec, Topology } from '../../../sandbox/model.ts';
import { DEFAULT_SPECS } from './default-specs.ts';
import type { InitialSandbox, MountedTerminal } from './terminal-app.ts';

const RUN_EVENT = 'cachelab:run';
/** An exercise panel's Start: detail { sandboxId, topology, notice? }; the terminal switches to that sandbox. */
const SANDBOX_EVENT = 'cachelab:sandbox';
const mounted = new WeakMap<HTMLElement, Promise<MountedTerminal>>();
let enabled = false;

function topologyOf(root: HTMLElement): Topology {
  const value = root.dataset.topology;
  return value === 'replication' || value === 'cluster' ? value : 'single';
}

/** Loads and mounts the terminal in `root` once; with `spec`, (re)starts it on a sandbox of that shape. */
export function startTerminal(root: HTMLElement, spec?: SandboxSpec, sandbox?: InitialSandbox): Promise<MountedTerminal> {
  const existing = mounted.get(root);
  if (existing) {
    if (sandbox) void existing.then((terminal) => terminal.attach(sandbox.sandboxId, sandbox.notice));
    else if (spec) void existing.then((terminal) => terminal.restart(spec));
    return existing;
  }
  const status = root.querySelector('[data-terminal-status]');
  if (status) status.textContent = 'Loading the terminal…';
  const loading = import('./terminal-app.ts').then(({ mountTerminal }) =>
    mountTerminal(root, spec ?? DEFAULT_SPECS[topologyOf(root)], sandbox),
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

  window.addEventListener(SANDBOX_EVENT, (event) => {
    const detail = (event as CustomEvent<{ sandboxId?: unknown; notice?: unknown }>).detail;
    const panel = document.querySelector<HTMLElement>('[data-terminal]');
    if (typeof detail?.sandboxId !== 'string' || !panel) return;
    observer.unobserve(panel);
    void startTerminal(panel, undefined, { sandboxId: detail.sandboxId, notice: typeof detail.notice === 'string' ? detail.notice : undefined });
  });
}
