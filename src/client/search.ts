/**
 * The search page: reads the form (also filled from the URL, so the header's plain GET form
 * and shared links work), loads Pagefind on first use and renders results. Nothing here runs
 * on other pages.
 */
import { FILTERS, SORTS } from './search-options.ts';
import { orderByTitleMatch } from '../core/search/title-match.ts';
import { plural } from '../core/text.ts';
import { normaliseBase } from '../core/urls.ts';
import { SEARCH_LANGUAGE } from '../core/search/index-language.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}
interface PagefindResult {
  data(): Promise<PagefindResultData>;
}
interface SearchOptions {
  filters?: Record<string, string[]>;
  sort?: Record<string, string>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  preload(query: string): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(
    query: string | null,
    options: SearchOptions,
  ): Promise<{ results: PagefindResult[]; filters: Record<string, Record<string, number>> } | null>;
}

const PAGE_SIZE = 10;
const TITLE_WEIGHT = 10;
const BASE = normaliseBase(import.meta.env.BASE_URL);

let pagefind: Promise<Pagefind> | undefined;
/**
 * Pagefind, set up and already fetching its entry file, metadata and wasm. It runs on the page's
 * own thread (`noWorker`): its worker would first have to fetch and start a second copy of
 * Pagefind (43 KB) before loading anything, and could not use the files the page preloads.
 */
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`).then(async (module: Pagefind) => {
    // A title match adds this much to a result's score: the title weighs most (issue 16).
    await module.options({ baseUrl: BASE, excerptLength: 28, noWorker: true, ranking: { metaWeights: { title: TITLE_WEIGHT } } });
    void module.init();
    // Pagefind splits every query into graphemes with Intl.Segmenter, and chromium's first
    // segmenter costs 17-75 ms (ICU data): made now, it costs that while the index files download.
    for (const _ of new Intl.Segmenter(SEARCH_LANGUAGE, { granularity: 'grapheme' }).segment(' '));
    return module;
  });
  return pagefind;
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`search page: #${id} is missing`);
  return found as T;
}

/** "2023 · added 2026-W46 · 12 upvotes": what shows that a filter or sort took effect. */
function resultFacts(meta: PagefindResultData['meta']): string {
  const facts = [meta.authors, meta.year, meta.week && `added ${meta.week}`];
  if (meta.upvotes !== undefined) facts.push(meta.upvotes === '1' ? '1 upvote' : `${meta.upvotes} upvotes`);
  return facts.filter(Boolean).join(' · ');
}

function renderResult(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.className = 'paper-title';
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  item.append(link);
  const facts = document.createElement('p');
  facts.className = 'meta';
  facts.textContent = resultFacts(data.meta);
  item.append(facts);
  const themes = data.filters.theme ?? [];
  if (themes.length > 0) {
    const chips = document.createElement('ul');
    chips.className = 'chips';
    chips.setAttribute('aria-label', 'Themes');
    chips.append(
      ...themes.map((theme) => {
        const chip = document.createElement('li');
        chip.className = 'chip';
        chip.textContent = theme;
        return chip;
      }),
    );
    item.append(chips);
  }
  // The paper's one-line summary (as in digests and feeds), then where the query matched.
  if (data.meta.summary) {
    const summary = document.createElement('p');
    summary.textContent = data.meta.summary;
    item.append(summary);
  }
  if (!data.meta.summary || data.excerpt.includes('<mark>')) {
    const excerpt = document.createElement('p');
    excerpt.className = data.meta.summary ? 'excerpt meta' : 'excerpt';
    excerpt.innerHTML = data.excerpt; // Pagefind escapes page text; it adds only <mark>.
    item.append(excerpt);
  }
  return item;
}

/**
 * Each filter option's label with the number of results it would leave ("Quantization (12)"),
 * or the bare label while the counts are unknown (`counts` null).
 */
function showFilterCounts(form: HTMLFormElement, counts: Record<string, Record<string, number>> | null): void {
  for (const [field, filter] of Object.entries(FILTERS)) {
    const select = form.elements.namedItem(field);
    if (!(select instanceof HTMLSelectElement)) continue;
    for (const option of select.options) {
      if (!option.value) continue;
      const label = option.dataset.label ?? option.value;
      option.textContent = counts ? `${label} (${counts[filter]?.[option.value] ?? 0})` : label;
    }
  }
}

export function startSearchPage(): void {
  const form = element<HTMLFormElement>('search-form');
  const status = element<HTMLElement>('search-status');
  const list = element<HTMLOListElement>('search-results');
  const more = element<HTMLButtonElement>('search-more');
  let run = 0;
  let pending: PagefindResult[] = [];
  let filterIndexes: Promise<unknown> | undefined;
  let countsKnown = false;

  const fields = () => new FormData(form);
  /** Shows the next page of results; the first page puts title matches first (`query` set). */
  const showMore = async (token: number, query = '') => {
    const page = pending.slice(0, PAGE_SIZE);
    pending = pending.slice(PAGE_SIZE);
    let data = await Promise.all(page.map((result) => result.data()));
    if (token !== run) return;
    if (query) data = orderByTitleMatch(query, data, (result) => result.meta.title ?? '');
    list.append(...data.map(renderResult));
    more.hidden = pending.length === 0;
  };

  /** The query and options of the results shown, for counting them again. */
  let shown: { token: number; query: string; options: SearchOptions } | undefined;
  /**
   * Pagefind counts a filter's options only for filter indexes it has loaded, and a search loads
   * only those of the filters in use. Loaded, they make every later search count all their
   * values: at 10,000 papers its search took 5-10x longer (about 100 ms more for "quantization").
   * So the indexes load when the reader reaches for the filters (or opened the page with one in
   * use), and the results shown are counted again then. A failure leaves the options without counts.
   */
  const loadFilterCounts = async () => {
    try {
      const engine = await loadPagefind();
      filterIndexes ??= engine.filters().then(() => (countsKnown = true));
      await filterIndexes;
      if (!shown || shown.token !== run) return;
      const counted = await engine.search(shown.query || null, shown.options);
      if (shown.token === run && counted) showFilterCounts(form, counted.filters);
    } catch (error) {
      filterIndexes = undefined;
      console.warn('search: the filter counts could not load', error);
    }
  };

  const search = async () => {
    const token = ++run;
    const values = fields();
    const query = String(values.get('q') ?? '').trim();
    const filters: Record<string, string[]> = {};
    for (const [field, filter] of Object.entries(FILTERS)) {
      const value = String(values.get(field) ?? '');
      if (value) filters[filter] = [value];
    }
    const sortValue = String(values.get('sort') ?? '');
    const sort = SORTS.find((option) => option.value === sortValue)?.sort ?? null;

    const params = new URLSearchParams();
    for (const [key, value] of values) if (value) params.set(key, String(value));
    history.replaceState(null, '', params.size ? `?${params}` : location.pathname);

    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const engine = await loadPagefind();
      const options: SearchOptions = { filters, ...(sort ? { sort } : {}) };
      const counting = countsKnown;
      const response = await engine.search(query || null, options);
      if (token !== run || !response) return; // a newer search superseded this one
      pending = response.results;
      list.replaceChildren();
      showFilterCounts(form, counting ? response.filters : null);
      const count = pending.length;
      await showMore(token, sort ? '' : query);
      if (token !== run) return;
      status.textContent = count === 0 ? 'No papers found.' : `${plural(count, 'paper')} found.`;
      shown = { token, query, options };
      // The filter indexes are loading, or loaded while this search ran: count when they are in.
      if (!counting && filterIndexes) void loadFilterCounts();
    } catch (error) {
      status.textContent = 'Search could not load. Reload the page to try again.';
      console.error(error);
    }
  };

  // Fill the form from the URL (the header search box submits ?q=...).
  const params = new URLSearchParams(location.search);
  for (const [key, value] of params) {
    const control = form.elements.namedItem(key);
    if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) control.value = value;
  }
  // On a phone the filters fold behind their "Filters" summary unless one is in use; the page
  // ships them open so that they are there without JavaScript.
  const filtersInUse = [...Object.keys(FILTERS), 'sort'].some((key) => params.get(key));
  const filterControls = element<HTMLDetailsElement>('search-filters');
  if (!filtersInUse && matchMedia('(max-width: 40rem)').matches) filterControls.open = false;
  if (filtersInUse) void loadFilterCounts();
  for (const event of ['focusin', 'pointerdown']) filterControls.addEventListener(event, () => void loadFilterCounts(), { once: true });

  let timer: ReturnType<typeof setTimeout> | undefined;
  // Load Pagefind now: people open this page to search (a failure shows when the search runs).
  void loadPagefind().catch(() => undefined);
  const box = element<HTMLInputElement>('search-q');
  form.addEventListener('input', (event) => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
    // The index chunks of the words typed so far download during the pause before the search.
    if (event.target === box && box.value.trim()) void loadPagefind().then((engine) => engine.preload(box.value.trim())).catch(() => undefined);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void search();
  });
  more.addEventListener('click', () => void showMore(run));
  if (params.size > 0) void search();
}
