/**
 * @module Browser side of the lesson layout: open/close the terminal (side column on wide screens, bottom sheet on
 * narrow ones), drag or arrow-key the divider to resize it, and open it when a <TryIt> Run button fires.
 * Tells the terminal about visibility and size changes with `cachelab:terminal-visibility` / `cachelab:terminal-resize`.
 */

const WIDE_QUERY = '(min-width: 64rem)';
const OPEN_KEY = 'cachelab-terminal-open';
const WIDTH_KEY = 'cachelab-terminal-width';
const MIN_WIDTH = 25;
const MAX_WIDTH = 70;
const DEFAULT_WIDTH = 42;

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Without storage the layout still works; it just forgets the choice.
  }
}

const clamp = (value: number) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(value)));

export function enhanceLessonLayout(): void {
  const shell = document.querySelector<HTMLElement>('[data-lesson-shell]');
  const divider = shell?.querySelector<HTMLElement>('[data-terminal-divider]');
  if (!shell || !divider) return;
  const wide = matchMedia(WIDE_QUERY);
  const toggles = shell.querySelectorAll<HTMLButtonElement>('[data-terminal-toggle]');

  const setOpen = (open: boolean, { remember }: { remember: boolean }) => {
    const changed = shell.dataset.terminalOpen !== String(open);
    shell.dataset.terminalOpen = String(open);
    for (const toggle of toggles) {
      toggle.setAttribute('aria-expanded', String(open));
      const label = toggle.querySelector('[data-toggle-label]');
      if (label) label.textContent = open ? toggle.dataset.labelOpen ?? 'Hide terminal' : toggle.dataset.labelClosed ?? 'Show terminal';
    }
    if (remember && wide.matches) store(OPEN_KEY, String(open));
    if (changed) window.dispatchEvent(new CustomEvent('cachelab:terminal-visibility', { detail: { open } }));
  };

  const setWidth = (percent: number, { remember }: { remember: boolean }) => {
    const width = clamp(percent);
    shell.style.setProperty('--terminal-width', `${width}%`);
    divider.setAttribute('aria-valuenow', String(width));
    divider.setAttribute('aria-valuetext', `Terminal ${width}% of the width`);
    if (remember) store(WIDTH_KEY, String(width));
    window.dispatchEvent(new CustomEvent('cachelab:terminal-resize', { detail: { width } }));
  };

  // Wide screens remember the learner's choice (open by default); narrow screens always start on the text.
  const applyScreen = () => setOpen(wide.matches ? stored(OPEN_KEY) !== 'false' : false, { remember: false });
  applyScreen();
  wide.addEventListener('change', applyScreen);
  setWidth(Number(stored(WIDTH_KEY)) || DEFAULT_WIDTH, { remember: false });

  for (const toggle of toggles) {
    toggle.hidden = false;
    toggle.addEventListener('click', () => {
      const open = shell.dataset.terminalOpen !== 'true';
      setOpen(open, { remember: true });
      if (open) shell.querySelector<HTMLElement>('[data-terminal-body]')?.focus({ preventScroll: true });
    });
  }

  window.addEventListener('cachelab:run', () => setOpen(true, { remember: false }));
  // An exercise's Start button moved the terminal to the exercise sandbox: show it.
  window.addEventListener('cachelab:sandbox', () => setOpen(true, { remember: false }));

  divider.addEventListener('pointerdown', (event) => {
    if (!wide.matches) return;
    event.preventDefault();
    divider.setPointerCapture(event.pointerId);
    shell.dataset.resizing = 'true';
    const bounds = shell.getBoundingClientRect();
    const move = (moveEvent: PointerEvent) => setWidth(((bounds.right - moveEvent.clientX) / bounds.width) * 100, { remember: false });
    const stop = (upEvent: PointerEvent) => {
      divider.releasePointerCapture(upEvent.pointerId);
      divider.removeEventListener('pointermove', move);
      delete shell.dataset.resizing;
      store(WIDTH_KEY, divider.getAttribute('aria-valuenow') ?? String(DEFAULT_WIDTH));
    };
    divider.addEventListener('pointermove', move);
    divider.addEventListener('pointerup', stop, { once: true });
    divider.addEventListener('pointercancel', stop, { once: true });
  });

  // Keyboard resizing per the WAI-ARIA window splitter pattern: the arrows move the divider itself.
  divider.addEventListener('keydown', (event) => {
    const now = Number(divider.getAttribute('aria-valuenow')) || DEFAULT_WIDTH;
    const steps: Record<string, number> = { ArrowLeft: now + 5, ArrowRight: now - 5, Home: MAX_WIDTH, End: MIN_WIDTH };
    const next = steps[event.key];
    if (event.key === 'Enter') {
      setOpen(shell.dataset.terminalOpen !== 'true', { remember: true });
    } else if (next !== undefined) {
      event.preventDefault();
      setWidth(next, { remember: true });
    }
  });
}
