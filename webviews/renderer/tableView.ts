/** A titled table output (`@flows`, `@workloads`, `@ips`): typed columns, sortable, in batches. */
import { type NotebookOutput } from '../../protocol/notebookMessages';
import { h } from '../common/dom';
import { bytes, count, millis } from '../common/format';
import { setVisibleText } from '../common/visibleText';
import { sortableTable, type TableColumn } from './sortableTable';
import { BATCH, capturedLine, keptNotice, type ViewContext } from './views';

type Row = NotebookOutput.Cell[];

function format(value: NotebookOutput.Cell, type: NotebookOutput.ColumnType): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  switch (type) {
    case 'bytes': return bytes(value);
    case 'ms': return millis(value);
    case 'rate': return value.toFixed(2);
    default: return count(value);
  }
}

export function tableView(payload: NotebookOutput.Table, context: ViewContext): HTMLElement {
  const columns: TableColumn<Row>[] = payload.columns.map((column, index) => ({
    label: column.label,
    numeric: column.type !== 'text',
    sortValue: (row) => row[index] ?? null,
    render: (cell, row) => setVisibleText(cell, format(row[index] ?? null, column.type)),
  }));
  const total = payload.total ?? payload.rows.length;
  return h('div', { class: 'kfl-output table-output' },
    keptNotice(payload),
    h('div', { class: 'head' }, h('strong', { text: payload.title }), h('span', { plain: count(total) })),
    capturedLine(payload),
    payload.rows.length > 0 ? sortableTable({ columns, rows: payload.rows, state: context.table, batch: BATCH }) : h('p', { class: 'muted', plain: 'Nothing found.' }),
    payload.note ? h('p', { class: 'muted', text: payload.note }) : null,
  );
}
