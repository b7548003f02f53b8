/**
 * Progressive enhancement for `table[data-sortable]`: headers with `data-sort="<key>"` become
 * buttons that sort the body rows by `data-<key>` on each row (`data-type="number"` compares
 * numerically). Without JavaScript the table keeps its server-rendered order.
 */
type Direction = 'ascending' | 'descending';

function compareRows(key: string, numeric: boolean, direction: Direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  return (a: HTMLTableRowElement, b: HTMLTableRowElement): number => {
    const x = a.dataset[key] ?? '';
    const y = b.dataset[key] ?? '';
    const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
    // Ties (and missing values, stored as '' or -1) keep the default order.
    return sign * order || Number(a.dataset.index) - Number(b.dataset.index);
  };
}

function enhance(table: HTMLTableElement): void {
  const body = table.tBodies[0];
  if (!body) return;
  const rows = Array.from(body.rows);
  rows.forEach((row, index) => (row.dataset.index = String(index)));
  const headers = Array.from(table.querySelectorAll<HTMLTableCellElement>('th[data-sort]'));
  for (const th of headers) {
    const key = th.dataset.sort!;
    const numeric = th.dataset.type === 'number';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener('click', () => {
      const current = th.getAttribute('aria-sort');
      // Text starts A-Z; dates and numbers start with the largest.
      const first: Direction = th.dataset.type === 'text' && key === 'title' ? 'ascending' : 'descending';
      const direction: Direction = current === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', direction);
      body.append(...rows.slice().sort(compareRows(key, numeric, direction)));
    });
  }
}

export function enhanceSortableTables(): void {
  document.querySelectorAll<HTMLTableElement>('table[data-sortable]').forEach(enhance);
}
