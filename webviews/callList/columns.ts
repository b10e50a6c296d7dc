/** The call list's columns: what each shows, how wide it is, and the titles that explain sorting. */
import { type CallList } from '../../protocol/webviewMessages';
import { h } from '../common/dom';
import { bytes, millis } from '../common/format';
import { type GridColumn } from '../common/virtualGrid';
import { setVisibleText, visibleString } from '../common/visibleText';

type Row = CallList.Row;

export const COLUMN_LABELS: Record<CallList.ColumnId, string> = {
  time: 'Time', proto: 'Protocol', method: 'Method', path: 'Path / summary', status: 'Status',
  elapsed: 'Elapsed', endpoints: 'Source → destination', node: 'Node', size: 'Sizes',
};

export const COLUMN_ORDER: readonly CallList.ColumnId[] = ['time', 'proto', 'method', 'path', 'status', 'elapsed', 'endpoints', 'node', 'size'];

const WIDTHS: Record<CallList.ColumnId, string> = {
  time: '215px', proto: '80px', method: '80px', path: 'minmax(180px, 2fr)', status: '64px', elapsed: '84px',
  endpoints: 'minmax(200px, 2fr)', node: 'minmax(80px, 0.6fr)', size: '130px',
};

/** Text of a cell, with invisible characters made visible and the full text as its tooltip. */
function captured(cell: HTMLElement, value: string, title = value): void {
  setVisibleText(cell, value);
  cell.title = visibleString(title);
}

const RENDER: Record<CallList.ColumnId, (cell: HTMLElement, row: Row) => void> = {
  time: (cell, row) => {
    cell.textContent = row.time;
    cell.title = row.timeTitle;
  },
  proto: (cell, row) => captured(cell, row.proto),
  method: (cell, row) => captured(cell, row.method),
  path: (cell, row) => captured(cell, row.path),
  status: (cell, row) => {
    cell.append(h('span', { class: `status status-${row.statusClass}`, plain: row.statusClass === 'no-response' ? '–' : String(row.status) }));
    cell.title = row.statusClass === 'no-response' ? 'No response' : row.statusClass.replace('-', ' ');
  },
  elapsed: (cell, row) => {
    cell.textContent = millis(row.elapsedMs);
  },
  endpoints: (cell, row) => {
    const src = h('span', { class: 'endpoint' });
    const dst = h('span', { class: 'endpoint' });
    setVisibleText(src, row.src);
    setVisibleText(dst, row.dst);
    cell.append(src, h('span', { class: 'arrow', plain: ' → ' }), dst);
    cell.title = visibleString(`${row.srcTitle}\n→ ${row.dstTitle}`);
  },
  node: (cell, row) => captured(cell, row.node),
  size: (cell, row) => {
    cell.textContent = row.reqSize === null && row.respSize === null ? '–' : `${bytes(row.reqSize)} / ${bytes(row.respSize)}`;
    cell.title = 'Request / response bytes on the wire, headers included';
  },
};

export function columns(hidden: ReadonlySet<CallList.ColumnId>, serverTimeOrder: boolean): GridColumn<Row>[] {
  return COLUMN_ORDER.filter((id) => !hidden.has(id)).map((id) => ({
    id,
    label: COLUMN_LABELS[id],
    width: WIDTHS[id],
    align: id === 'status' || id === 'elapsed' || id === 'size' ? 'end' : 'start',
    title: id === 'time' && serverTimeOrder ? 'Sort by time: the Hub orders every match' : `Sort by ${COLUMN_LABELS[id].toLowerCase()} within the loaded rows`,
    render: RENDER[id],
  }));
}
