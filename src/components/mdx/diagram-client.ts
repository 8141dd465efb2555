/**
 * @module Browser side of <Diagram>: draws each figure's mermaid source as SVG once it nears the viewport, in the
 * page's current theme, and redraws on theme change. mermaid is imported dynamically so pages without diagrams,
 * and pages whose diagrams are never scrolled to, never download it.
 */
type Mermaid = typeof import('mermaid').default;

let mermaidPromise: Promise<Mermaid> | undefined;
let renderCount = 0;
const drawn = new Set<HTMLElement>();

function currentTheme(): 'dark' | 'default' {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'default';
}

function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import('mermaid').then((module) => module.default);
  return mermaidPromise;
}

async function draw(figure: HTMLElement): Promise<void> {
  const canvas = figure.querySelector<HTMLElement>('.diagram__canvas');
  const source = figure.querySelector('pre code')?.textContent ?? '';
  if (!canvas || source === '') return;
  const mermaid = await loadMermaid();
  // initialize() is global: set the theme right before each render so a redraw after a toggle picks it up.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: currentTheme(), fontFamily: 'inherit' });
  try {
    const { svg } = await mermaid.render(`mermaid-svg-${++renderCount}`, source);
    canvas.innerHTML = svg;
    canvas.querySelector('svg')?.setAttribute('aria-hidden', 'true');
    figure.dataset.diagramState = 'rendered';
    drawn.add(figure);
  } catch (error) {
    figure.dataset.diagramState = 'error';
    const message = document.createElement('p');
    message.className = 'diagram__fallback';
    message.textContent = `This diagram could not be drawn (${(error as Error).message.split('\n')[0]}). Its source is below.`;
    canvas.replaceChildren(message);
    figure.querySelector('details')?.setAttribute('open', '');
  }
}

let observer: IntersectionObserver | undefined;

/** Starts watching every not-yet-watched diagram on the page; safe to call more than once. */
export function watchDiagrams(): void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer?.unobserve(entry.target);
        void draw(entry.target as HTMLElement);
      }
    },
    // Draw well before the figure scrolls in, so the final height is settled off-screen.
    { rootMargin: '800px 0px' },
  );
  for (const figure of document.querySelectorAll<HTMLElement>('figure[data-diagram]:not([data-diagram-state])')) {
    figure.dataset.diagramState = 'waiting';
    observer.observe(figure);
  }
}

window.addEventListener('cachelab:theme', () => {
  for (const figure of drawn) void draw(figure);
});
