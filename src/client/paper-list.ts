/**
 * Instant filtering and sorting of the papers list (progressive enhancement of
 * src/components/PaperListPage.astro on the /papers/ lists). Without JavaScript the filters are
 * links to pre-rendered lists. With it, a filter or sort loads `papers/list.json` once, filters
 * and sorts every paper in place (filters combine), and keeps the view in the URL
 * (`papers/?theme=ssm&year=2024&sort=upvotes`) so it can be shared. On a theme page a filter or
 * sort opens that view of /papers/, with the theme kept.
 */
import {
  applyState,
  defaultDirection,
  filterCounts,
  listStateQuery,
  PAGE_SIZE,
  parseListState,
  rowsOfListJson,
  SORT_KEYS,
  type ListFilters,
  type ListJson,
  type ListRow,
  type ListState,
  type SortKey,
} from '../core/paper-list/index.ts';
import { formatDay, plural } from '../core/text.ts';
import { normaliseBase } from '../core/urls.ts';

interface ListData {
  themes: Record<string, string>;
  rows: ListRow[];
}

const BASE = normaliseBase(import.meta.env.BASE_URL);
const SORT_LABELS: Record<SortKey, string> = { added: 'most recently added', published: 'published', upvotes: 'upvotes', title: 'title' };

function cell(className: string, label: string | null, text: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.className = className;
  if (label) td.dataset.label = label;
  td.textContent = text;
  return td;
}

function renderRow(row: ListRow, themes: ListData['themes']): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const title = document.createElement('td');
  title.className = 'title';
  const link = document.createElement('a');
  link.href = `${BASE}papers/${row.slug}/`;
  link.textContent = row.title;
  title.append(link);
  if (row.authors) {
    const authors = document.createElement('span');
    authors.className = 'authors';
    authors.textContent = row.authors;
    title.append(authors);
  }
  const chips = document.createElement('td');
  chips.className = 'themes';
  if (row.themes.length > 0) {
    const list = document.createElement('ul');
    list.className = 'chips';
    for (const slug of row.themes) {
      const item = document.createElement('li');
      const chip = document.createElement('a');
      chip.className = 'chip';
      chip.href = `${BASE}themes/${slug}/`;
      chip.textContent = themes[slug] ?? slug;
      item.append(chip);
      list.append(item);
    }
    chips.append(list);
  }
  tr.append(
    title,
    cell('date', 'Added', formatDay(row.added)),
    cell('date', 'Published', row.published ? formatDay(row.published) : '–'),
    cell('num', 'Upvotes', row.upvotes ? String(row.upvotes) : '–'),
    chips,
  );
  return tr;
}

export function startPaperList(): void {
  const view = document.querySelector<HTMLElement>('[data-paper-list]');
  if (!view) return;
  const table = view.querySelector<HTMLTableElement>('table.papers')!;
  const caption = view.querySelector<HTMLElement>('#list-caption')!;
  const more = view.querySelector<HTMLButtonElement>('#list-more')!;
  const pages = view.querySelector<HTMLElement>('#list-pages');
  const sortGroup = view.querySelector<HTMLElement>('[data-list-sort]')!;
  const sortSelect = view.querySelector<HTMLSelectElement>('#list-sort')!;
  const reverse = view.querySelector<HTMLButtonElement>('#list-direction')!;
  const links = [...view.querySelectorAll<HTMLAnchorElement>('[data-list-filters] a[data-filter]')];
  const pageFilter = JSON.parse(view.dataset.paperList ?? '{}') as ListFilters;
  const listPath = `${BASE}papers/`;

  let data: Promise<ListData> | undefined;
  const load = () => (data ??= fetch(view.dataset.listJson!).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    return response.json().then((json: ListJson): ListData => ({ themes: json.themes, rows: rowsOfListJson(json) }));
  }));

  // The static page's own view: its filter, most recently added first.
  let state: ListState = { ...parseListState(''), ...pageFilter };
  let shown: ListRow[] = [];
  /** Whether this page has put views in the history (Back then shows the earlier view). */
  let pushed = false;

  const showHeaderSort = () => {
    for (const th of table.tHead!.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) {
      th.setAttribute('aria-sort', 'none');
      if (th.dataset.sort === state.sort) th.setAttribute('aria-sort', state.dir === 'asc' ? 'ascending' : 'descending');
    }
    sortSelect.value = state.sort;
  };

  const showMore = (themes: ListData['themes']) => {
    const body = table.tBodies[0]!;
    const start = body.rows.length;
    body.append(...shown.slice(start, start + PAGE_SIZE).map((row) => renderRow(row, themes)));
    more.hidden = body.rows.length >= shown.length;
  };

  const render = async () => {
    showHeaderSort();
    caption.textContent = 'Loading…';
    let list: ListData;
    try {
      list = await load();
    } catch (error) {
      caption.textContent = 'The list could not load. Use the filter links without JavaScript, or reload the page.';
      console.error(error);
      return;
    }
    shown = applyState(list.rows, state);
    for (const body of [...table.tBodies]) body.remove();
    table.append(document.createElement('tbody'));
    showMore(list.themes);
    if (pages) pages.hidden = true;
    caption.textContent = `${plural(shown.length, 'paper')}, sorted by ${SORT_LABELS[state.sort]}${state.dir === defaultDirection(state.sort) ? '' : ' (reversed)'}.`;
    const counts = filterCounts(list.rows, state);
    for (const link of links) {
      const filter = link.dataset.filter as keyof ListFilters;
      const value = link.dataset.value ?? '';
      if (value) link.querySelector('.count')!.textContent = `(${counts[filter].get(value) ?? 0})`;
      if ((state[filter] ?? '') === value) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  };

  const go = (next: ListState) => {
    const url = `${listPath}${listStateQuery(next)}`;
    if (view.dataset.instant !== 'true') {
      location.assign(url);
      return;
    }
    state = next;
    history.pushState(null, '', url);
    pushed = true;
    void render();
  };

  for (const link of links) {
    link.addEventListener('click', (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      const filter = link.dataset.filter as keyof ListFilters;
      go({ ...state, [filter]: link.dataset.value || undefined });
    });
  }
  const sortBy = (sort: SortKey, dir: ListState['dir']) => go({ ...state, sort, dir });
  sortSelect.addEventListener('change', () => sortBy(sortSelect.value as SortKey, defaultDirection(sortSelect.value as SortKey)));
  reverse.addEventListener('click', () => sortBy(state.sort, state.dir === 'asc' ? 'desc' : 'asc'));
  for (const th of table.tHead!.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) {
    const key = th.dataset.sort as SortKey;
    if (!(SORT_KEYS as readonly string[]).includes(key)) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.replaceChildren(button);
    // A second click on the sorted column reverses it.
    button.addEventListener('click', () => sortBy(key, state.sort === key ? (state.dir === 'asc' ? 'desc' : 'asc') : defaultDirection(key)));
  }
  more.addEventListener('click', () => void load().then((list) => showMore(list.themes)));
  sortGroup.hidden = false;

  // On a phone the filters fold behind "Filters" (the page ships them open for no-JS readers).
  const filters = view.querySelector<HTMLDetailsElement>('#list-filters');
  if (filters && matchMedia('(max-width: 40rem)').matches) filters.open = false;

  // A shared view (`?theme=...&sort=...`); on a year or week page its query adds to the page's filter.
  const fromUrl = () => {
    state = { ...pageFilter, ...parseListState(location.search) };
    void render();
  };
  // Only history entries this page made; a jump to #main (the skip link) fires popstate too.
  window.addEventListener('popstate', () => pushed && fromUrl());
  if (location.search && view.dataset.instant === 'true') fromUrl();
}
