/**
 * @module Browser side of the table of contents: opens it where there is room for a sidebar, closes it after a
 * jump on narrow layouts, and marks the heading currently being read.
 */

const WIDE_READING_COLUMN = 900;

export function enhanceTableOfContents(): void {
  const details = document.querySelector<HTMLDetailsElement>('[data-toc]');
  const reading = details?.closest<HTMLElement>('[data-reading]');
  if (!details || !reading) return;

  // Open as a sidebar when the reading column is wide; on narrow layouts it stays a closed sticky bar.
  let wasWide: boolean | undefined;
  new ResizeObserver(([entry]) => {
    const wide = (entry?.contentRect.width ?? 0) >= WIDE_READING_COLUMN;
    reading.dataset.tocLayout = wide ? 'sidebar' : 'bar';
    if (wide !== wasWide) details.open = wide;
    wasWide = wide;
  }).observe(reading);

  details.addEventListener('click', (event) => {
    if ((event.target as Element).closest('a') && reading.dataset.tocLayout === 'bar') details.open = false;
  });

  const links = new Map<string, HTMLAnchorElement>();
  for (const link of details.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) links.set(decodeURIComponent(link.hash.slice(1)), link);
  const headings = [...links.keys()].map((id) => document.getElementById(id)).filter((el): el is HTMLElement => el !== null);
  const visible = new Set<Element>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) visible.add(entry.target);
        else visible.delete(entry.target);
      }
      // The first heading in view wins; above all of them, keep the last one scrolled past.
      const current =
        headings.find((heading) => visible.has(heading)) ??
        [...headings].reverse().find((heading) => heading.getBoundingClientRect().top < 0);
      for (const [id, link] of links) {
        if (current && id === current.id) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
      }
    },
    { rootMargin: '-10% 0px -55% 0px' },
  );
  for (const heading of headings) observer.observe(heading);
}
