/**
 * @module Browser side of the search page: loads Pagefind's JS API from /pagefind/pagefind.js on first use and
 * renders the matches (title, part, excerpt with highlights). Reads and writes ?q= so searches can be linked.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string; part?: string };
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  debouncedSearch(query: string, options?: object, ms?: number): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const PAGEFIND_URL = '/pagefind/pagefind.js';
const MAX_RESULTS = 20;
let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  // A runtime URL (not a module specifier): the index only exists in the built site, so the bundler must not touch it.
  pagefind ??= import(/* @vite-ignore */ PAGEFIND_URL).then(async (module: Pagefind) => {
    await module.options({ excerptLength: 24 });
    return module;
  });
  return pagefind;
}

function renderResult(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  item.append(link);
  if (data.meta.part) {
    const part = document.createElement('p');
    part.className = 'result__part';
    part.textContent = data.meta.part;
    item.append(part);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'result__excerpt';
  // Pagefind escapes the page text and adds only <mark> elements around the matches.
  excerpt.innerHTML = data.excerpt;
  item.append(excerpt);
  return item;
}

export function enableSearch(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-form]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  if (!form || !input || !status || !list) return;

  const run = async (query: string) => {
    const trimmed = query.trim();
    const url = new URL(location.href);
    if (trimmed) url.searchParams.set('q', trimmed);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!trimmed) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    let api: Pagefind;
    try {
      api = await loadPagefind();
    } catch {
      status.textContent = 'The search index is missing. It is built by `npm run build` (not by the dev server).';
      return;
    }
    const search = await api.debouncedSearch(trimmed, {}, 200);
    if (search === null) return; // superseded by a newer keystroke
    const data = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
    list.replaceChildren(...data.map(renderResult));
    status.textContent =
      search.results.length === 0
        ? `No lesson mentions “${trimmed}”.`
        : `${search.results.length} matching lesson${search.results.length === 1 ? '' : 's'}${search.results.length > MAX_RESULTS ? `, showing the first ${MAX_RESULTS}` : ''}.`;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(input.value);
  });
  input.addEventListener('input', () => void run(input.value));
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}
