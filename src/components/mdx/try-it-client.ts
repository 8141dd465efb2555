/**
 * @module Browser side of <TryIt>: one delegated click handler for every Run and Copy button on the page.
 * Run dispatches `cachelab:run` on window ({ detail: { command } }); the terminal panel listens for it and the
 * lesson layout opens the terminal if it is collapsed.
 */

/** The event the terminal panel listens for; detail.command may hold several lines, run one after another. */
export const RUN_EVENT = 'cachelab:run';
export type RunEventDetail = { command: string };

let enabled = false;

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API is unavailable on plain http (non-localhost) origins: fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function announce(block: HTMLElement, message: string): void {
  const status = block.querySelector<HTMLElement>('.try-it__status');
  if (status) status.textContent = message;
}

/** Enables the Run/Copy buttons (disabled in the HTML so no-JS readers never see dead buttons). */
export function enableTryIt(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-try] button[data-try-action]')) {
    button.disabled = false;
  }
  if (enabled) return;
  enabled = true;
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-try] button[data-try-action]');
    const block = button?.closest<HTMLElement>('[data-try]');
    if (!button || !block) return;
    const command = block.dataset.try ?? '';
    if (button.dataset.tryAction === 'run') {
      window.dispatchEvent(new CustomEvent<RunEventDetail>(RUN_EVENT, { detail: { command } }));
      announce(block, 'Sent to the terminal.');
    } else {
      void copyText(command).then((ok) => announce(block, ok ? 'Copied to the clipboard.' : 'Copy failed: select the text and copy it by hand.'));
    }
  });
}
