/**
 * The rows on screen: every loaded row, narrowed by the quick filter and put in the chosen order.
 * Time order follows the Hub (rows arrive sorted); any other column is sorted over the loaded rows
 * in the webview, stably, so equal values keep the Hub's order.
 */
import { type CallList } from '../../protocol/webviewMessages';

type Row = CallList.Row;

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const numeric = (a: number | null, b: number | null): number => (a ?? -1) - (b ?? -1);

const COMPARE: Record<CallList.ColumnId, (a: Row, b: Row) => number> = {
  time: (a, b) => a.ts - b.ts || text(a.id, b.id),
  proto: (a, b) => text(a.proto, b.proto),
  method: (a, b) => text(a.method, b.method),
  path: (a, b) => text(a.path, b.path),
  status: (a, b) => a.status - b.status,
  elapsed: (a, b) => numeric(a.elapsedMs, b.elapsedMs),
  endpoints: (a, b) => text(a.src, b.src) || text(a.dst, b.dst),
  node: (a, b) => text(a.node, b.node),
  size: (a, b) => numeric(sizeOf(a), sizeOf(b)),
};

function sizeOf(row: Row): number | null {
  return row.reqSize === null && row.respSize === null ? null : (row.reqSize ?? 0) + (row.respSize ?? 0);
}

/** The text the quick filter searches, lower-case, built once per row. */
const haystacks = new WeakMap<Row, string>();
function haystack(row: Row): string {
  let value = haystacks.get(row);
  if (value === undefined) {
    value = [row.time, row.proto, row.method, row.path, String(row.status), row.src, row.srcTitle, row.dst, row.dstTitle, row.node, row.id].join('\u0001').toLowerCase();
    haystacks.set(row, value);
  }
  return value;
}

export class RowsModel {
  private _all: Row[] = [];
  private _view: Row[] = [];
  private _ids = new Map<string, Row>();

  constructor(
    private _sort: CallList.Sort,
    /** Time order comes from the Hub: rows arrive in it and need no sorting here. */
    private _serverTimeOrder: boolean,
    private _quick = '',
  ) {}

  get loaded(): number {
    return this._all.length;
  }

  get rows(): readonly Row[] {
    return this._view;
  }

  get sort(): CallList.Sort {
    return this._sort;
  }

  get quickFilter(): string {
    return this._quick;
  }

  byId(id: string): Row | undefined {
    return this._ids.get(id);
  }

  /** Whether the current order is the Hub's (appends keep it without re-sorting). */
  get hubOrdered(): boolean {
    return this._sort.column === 'time' && this._serverTimeOrder;
  }

  setServerTimeOrder(value: boolean): void {
    this._serverTimeOrder = value;
  }

  reset(rows: readonly Row[]): void {
    this._all = [];
    this._ids = new Map();
    this._add(rows);
    this._rebuild();
  }

  /** Adds a page; answers whether the rows only went to the end of the view (no re-sort needed). */
  append(rows: readonly Row[]): boolean {
    const fresh = this._add(rows);
    if (this.hubOrdered) {
      for (const row of fresh) if (this._matches(row)) this._view.push(row);
      return true;
    }
    this._rebuild();
    return false;
  }

  setSort(sort: CallList.Sort): void {
    this._sort = sort;
    this._rebuild();
  }

  setQuickFilter(text: string): void {
    this._quick = text;
    this._rebuild();
  }

  private _add(rows: readonly Row[]): Row[] {
    const fresh: Row[] = [];
    for (const row of rows) {
      // Time slicing (Hubs without paging) can deliver a row twice; the id decides.
      if (this._ids.has(row.id)) continue;
      this._ids.set(row.id, row);
      this._all.push(row);
      fresh.push(row);
    }
    return fresh;
  }

  private _matches(row: Row): boolean {
    return this._quick === '' || haystack(row).includes(this._quick.toLowerCase());
  }

  private _rebuild(): void {
    const matching = this._quick === '' ? [...this._all] : this._all.filter((r) => this._matches(r));
    if (!this.hubOrdered) {
      const compare = COMPARE[this._sort.column];
      const sign = this._sort.direction === 'asc' ? 1 : -1;
      matching.sort((a, b) => sign * compare(a, b));
    }
    this._view = matching;
  }
}
