/**
 * A virtualized grid: whatever the number of rows, the DOM holds only the rows in view plus a
 * small overscan, positioned over a spacer as tall as all rows. Row elements are pooled and
 * reused while scrolling; a cell is redrawn only when its element shows a different row.
 * Keyboard: arrows, Page Up/Down, Home/End move the selection; Enter opens the selected row.
 */
import { h } from './dom';

export interface GridColumn<T> {
  readonly id: string;
  readonly label: string;
  /** A CSS grid track, e.g. `minmax(120px, 1fr)` or `90px`. */
  readonly width: string;
  readonly align?: 'start' | 'end';
  /** Tooltip of the header (e.g. how the column sorts). */
  readonly title?: string;
  /** Fills a cell for a row; the cell is empty when called. */
  render(cell: HTMLElement, row: T): void;
}

export interface GridOptions<T> {
  /** Row height in CSS pixels; every row has it (the spacer and positions depend on it). */
  readonly rowHeight: number;
  /** Rows rendered beyond each edge of the viewport. */
  readonly overscan: number;
  readonly label: string;
  readonly key: (row: T) => string;
  /** Row classes (e.g. status colouring). */
  readonly rowClass?: (row: T) => string;
  /** `data-vscode-context` of a row (VS Code's webview context menu reads it). */
  readonly context?: (row: T) => Record<string, string | boolean>;
  readonly onOpen?: (row: T) => void;
  readonly onSelect?: (row: T | undefined) => void;
  readonly onHeaderClick?: (columnId: string) => void;
  /** The view came near the last row (load the next page). */
  readonly onNearEnd?: () => void;
  /** After each render: the rendered index range (for tests and first-paint measurements). */
  readonly onRendered?: (first: number, last: number) => void;
}

/** Height assumed before the viewport has been laid out (a hidden webview). */
const UNMEASURED_VIEWPORT_PX = 600;

export class VirtualGrid<T> {
  readonly element: HTMLElement;
  private readonly _viewport: HTMLElement;
  private readonly _header: HTMLElement;
  private readonly _spacer: HTMLElement;
  private _columns: readonly GridColumn<T>[] = [];
  private _rows: readonly T[] = [];
  private _template = '';
  /** Rendered row elements by row index. */
  private _shown = new Map<number, HTMLElement>();
  private readonly _pool: HTMLElement[] = [];
  private _selected = -1;
  private _frame = 0;
  private _sort?: { column: string; direction: 'asc' | 'desc' };

  constructor(private readonly _options: GridOptions<T>) {
    this._header = h('div', { class: 'grid-header', attrs: { role: 'row', 'aria-rowindex': '1' } });
    this._spacer = h('div', { class: 'grid-spacer', attrs: { role: 'rowgroup' } });
    this._viewport = h('div', { class: 'grid-viewport', attrs: { tabindex: '0' } }, this._header, this._spacer);
    this.element = h('div', {
      class: 'grid',
      attrs: { role: 'grid', 'aria-label': _options.label, 'aria-multiselectable': 'false', 'data-vscode-context': JSON.stringify({ preventDefaultContextMenuItems: true }) },
    }, this._viewport);
    this._viewport.addEventListener('scroll', () => this._schedule());
    this._viewport.addEventListener('keydown', (e) => this._onKey(e));
    this._spacer.addEventListener('click', (e) => this._onRowEvent(e, false));
    this._spacer.addEventListener('dblclick', (e) => this._onRowEvent(e, true));
    // A right click selects the row first, as in VS Code's own lists.
    this._spacer.addEventListener('contextmenu', (e) => this._onRowEvent(e, false));
  }

  get rowCount(): number {
    return this._rows.length;
  }

  /** Row elements in the DOM right now (bounded by the viewport, not by the row count). */
  get renderedRowCount(): number {
    return this._shown.size;
  }

  get selectedIndex(): number {
    return this._selected;
  }

  setColumns(columns: readonly GridColumn<T>[]): void {
    this._columns = columns;
    this._template = columns.map((c) => c.width).join(' ');
    this._renderHeader();
    this._resetRows();
  }

  setSortIndicator(sort: { column: string; direction: 'asc' | 'desc' } | undefined): void {
    this._sort = sort;
    this._renderHeader();
  }

  /** Replaces the rows; keeps the selection on the row with the same key when it is still there. */
  setRows(rows: readonly T[], keepSelection = true): void {
    const selectedKey = keepSelection && this._selected >= 0 && this._selected < this._rows.length ? this._options.key(this._rows[this._selected]!) : undefined;
    this._rows = rows;
    this._selected = selectedKey === undefined ? -1 : rows.findIndex((r) => this._options.key(r) === selectedKey);
    this.element.setAttribute('aria-rowcount', String(rows.length + 1));
    this._spacer.style.height = `${rows.length * this._options.rowHeight}px`;
    this._resetRows();
  }

  /** Appends rows after the current ones without touching the rendered ones. */
  appendRows(rows: readonly T[]): void {
    this._rows = rows;
    this.element.setAttribute('aria-rowcount', String(rows.length + 1));
    this._spacer.style.height = `${rows.length * this._options.rowHeight}px`;
    this.render();
  }

  select(index: number, reveal = true): void {
    if (this._rows.length === 0) return;
    const next = Math.max(0, Math.min(this._rows.length - 1, index));
    this._shown.get(this._selected)?.classList.remove('selected');
    this._shown.get(this._selected)?.setAttribute('aria-selected', 'false');
    this._selected = next;
    const element = this._shown.get(next);
    element?.classList.add('selected');
    element?.setAttribute('aria-selected', 'true');
    if (reveal) this.scrollToIndex(next);
    this._options.onSelect?.(this._rows[next]);
  }

  /** Scrolls so that the row is in view (no movement when it already is). */
  scrollToIndex(index: number): void {
    const { rowHeight } = this._options;
    const top = index * rowHeight;
    const headerHeight = this._header.offsetHeight;
    const view = this._viewportHeight() - headerHeight;
    if (top < this._viewport.scrollTop) this._viewport.scrollTop = top;
    else if (top + rowHeight > this._viewport.scrollTop + view) this._viewport.scrollTop = top + rowHeight - view;
    this.render();
  }

  focus(): void {
    this._viewport.focus();
  }

  /** Draws the rows in view now (scrolling schedules this for the next frame). */
  render(): void {
    this._frame = 0;
    const { rowHeight, overscan } = this._options;
    const total = this._rows.length;
    const top = Math.max(0, this._viewport.scrollTop - this._header.offsetHeight);
    const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
    const last = Math.min(total - 1, Math.ceil((top + this._viewportHeight()) / rowHeight) + overscan);
    for (const [index, element] of this._shown) {
      if (index >= first && index <= last) continue;
      this._shown.delete(index);
      element.remove();
      this._pool.push(element);
    }
    for (let index = first; index <= last; index++) {
      if (!this._shown.has(index)) this._shown.set(index, this._place(index));
    }
    this._options.onRendered?.(first, last);
    if (total > 0 && last >= total - 1 - overscan) this._options.onNearEnd?.();
  }

  private _viewportHeight(): number {
    return this._viewport.clientHeight || UNMEASURED_VIEWPORT_PX;
  }

  private _schedule(): void {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => this.render());
  }

  private _resetRows(): void {
    for (const element of this._shown.values()) element.remove();
    this._shown.clear();
    this._pool.length = 0;
    this.render();
  }

  private _place(index: number): HTMLElement {
    const row = this._rows[index]!;
    const element = this._pool.pop() ?? this._newRow();
    element.style.transform = `translateY(${index * this._options.rowHeight}px)`;
    element.dataset.index = String(index);
    element.setAttribute('aria-rowindex', String(index + 2));
    const selected = index === this._selected;
    element.className = `grid-row${selected ? ' selected' : ''} ${this._options.rowClass?.(row) ?? ''}`;
    element.setAttribute('aria-selected', String(selected));
    const context = this._options.context?.(row);
    if (context) element.setAttribute('data-vscode-context', JSON.stringify({ ...context, preventDefaultContextMenuItems: true }));
    const cells = element.children;
    for (let c = 0; c < this._columns.length; c++) {
      const cell = cells[c] as HTMLElement;
      cell.replaceChildren();
      cell.removeAttribute('title');
      this._columns[c]!.render(cell, row);
    }
    this._spacer.appendChild(element);
    return element;
  }

  private _newRow(): HTMLElement {
    const element = h('div', { attrs: { role: 'row' } });
    element.style.gridTemplateColumns = this._template;
    element.style.height = `${this._options.rowHeight}px`;
    for (const column of this._columns) element.append(h('div', { class: `grid-cell${column.align === 'end' ? ' end' : ''}`, attrs: { role: 'gridcell' } }));
    return element;
  }

  private _renderHeader(): void {
    this._header.style.gridTemplateColumns = this._template;
    this._header.replaceChildren(...this._columns.map((column) => {
      const sorted = this._sort?.column === column.id ? this._sort.direction : undefined;
      const cell = h('div', {
        class: `grid-header-cell${column.align === 'end' ? ' end' : ''}`,
        title: column.title,
        attrs: { role: 'columnheader', 'aria-sort': sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none', 'data-column': column.id, tabindex: '-1' },
        onClick: () => this._options.onHeaderClick?.(column.id),
      }, h('span', { plain: column.label }), sorted ? h('span', { class: 'sort-mark', plain: sorted === 'asc' ? '▲' : '▼' }) : null);
      return cell;
    }));
  }

  private _onRowEvent(event: MouseEvent, open: boolean): void {
    const element = (event.target as Element | null)?.closest<HTMLElement>('.grid-row');
    if (!element?.dataset.index) return;
    const index = Number(element.dataset.index);
    if (index !== this._selected) this.select(index, false);
    if (open) this._options.onOpen?.(this._rows[index]!);
  }

  private _onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this._viewportHeight() - this._header.offsetHeight) / this._options.rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) this.select(this._selected < 0 ? 0 : this._selected + moves[event.key]!);
    else if (event.key === 'Home') this.select(0);
    else if (event.key === 'End') this.select(this._rows.length - 1);
    else if (event.key === 'Enter' && this._selected >= 0) this._options.onOpen?.(this._rows[this._selected]!);
    else return;
    event.preventDefault();
  }
}
