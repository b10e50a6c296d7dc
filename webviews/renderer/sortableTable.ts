/**
 * A table over rows already loaded: click a header to sort (again to reverse), rows appear in
 * batches ("Show N more") so thousands of them never land in the DOM at once. Sort and batch
 * survive a re-render of the same output (its state is kept by the caller).
 */
import { h } from '../common/dom';

export interface TableColumn<Row> {
  readonly label: string;
  readonly numeric?: boolean;
  /** Sort key; columns without one do not sort. */
  readonly sortValue?: (row: Row) => string | number | null;
  readonly render: (cell: HTMLTableCellElement, row: Row) => void;
}

export interface TableState {
  /** Column index and direction; undefined = the order the rows came in. */
  sort?: { column: number; descending: boolean };
  shown: number;
}

export interface TableOptions<Row> {
  readonly columns: readonly TableColumn<Row>[];
  readonly rows: readonly Row[];
  readonly state: TableState;
  readonly batch: number;
  /** Decorates a row element (class, data attributes, listeners). */
  readonly decorate?: (tr: HTMLTableRowElement, row: Row) => void;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

function sortedRows<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[], state: TableState): readonly Row[] {
  const sort = state.sort;
  const key = sort ? columns[sort.column]?.sortValue : undefined;
  if (!sort || !key) return rows;
  const sign = sort.descending ? -1 : 1;
  return rows.map((row, index) => ({ row, index, value: key(row) }))
    // Nulls stay last in both directions; ties keep their original order.
    .sort((x, y) => (x.value === null || y.value === null ? compare(x.value, y.value) : sign * compare(x.value, y.value)) || x.index - y.index)
    .map((e) => e.row);
}

export function sortableTable<Row>(options: TableOptions<Row>): HTMLElement {
  const { columns, state, batch } = options;
  const container = h('div', { class: 'table' });
  const draw = (): void => {
    const rows = sortedRows(columns, options.rows, state);
    const head = h('tr', {}, ...columns.map((column, index) => {
      const th = h('th', { class: `${column.numeric ? 'num' : ''}${column.sortValue ? ' sortable' : ''}`.trim(), plain: column.label });
      if (column.sortValue) {
        th.setAttribute('aria-sort', state.sort?.column === index ? (state.sort.descending ? 'descending' : 'ascending') : 'none');
        th.tabIndex = 0;
        const sort = (): void => {
          state.sort = { column: index, descending: state.sort?.column === index ? !state.sort.descending : false };
          draw();
        };
        th.addEventListener('click', sort);
        th.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') sort();
        });
      }
      return th;
    }));
    const body = h('tbody');
    for (const row of rows.slice(0, state.shown)) {
      const tr = h('tr');
      for (const column of columns) {
        const td = h('td', { class: column.numeric ? 'num' : undefined });
        column.render(td, row);
        tr.append(td);
      }
      options.decorate?.(tr, row);
      body.append(tr);
    }
    const left = rows.length - state.shown;
    const more = left > 0 ? h('button', {
      class: 'show-more', plain: `Show ${Math.min(batch, left).toLocaleString('en-US')} more (${left.toLocaleString('en-US')} not shown)`,
      onClick: () => {
        state.shown += batch;
        draw();
      },
    }) : null;
    container.replaceChildren(h('table', {}, h('thead', {}, head), body), ...(more ? [h('div', { class: 'actions' }, more)] : []));
  };
  draw();
  return container;
}
