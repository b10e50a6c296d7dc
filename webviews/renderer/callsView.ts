/**
 * A calls output: a compact table of the loaded calls, sortable by any column, in batches; a
 * click (or Enter) opens the call's details, "Pin" keeps it for the report; "Load more" asks the
 * host for the next page, "Open in Call List" hands the query to the call list view.
 */
import { type NotebookOutput } from '../../protocol/notebookMessages';
import { type CallList } from '../../protocol/webviewMessages';
import { h } from '../common/dom';
import { count, millis } from '../common/format';
import { setVisibleText, visibleString } from '../common/visibleText';
import { sortableTable, type TableColumn } from './sortableTable';
import { BATCH, button, capturedLine, keptNotice, noticeArea, type ViewContext } from './views';

type Row = CallList.Row;

const text = (value: (row: Row) => string, title?: (row: Row) => string): TableColumn<Row>['render'] => (cell, row) => {
  setVisibleText(cell, value(row));
  cell.title = visibleString(title ? title(row) : value(row));
};

function columns(context: ViewContext, key: string): TableColumn<Row>[] {
  return [
    { label: 'Time', sortValue: (r) => r.ts, render: (cell, r) => { cell.textContent = r.time; cell.title = r.timeTitle; } },
    { label: 'Proto', sortValue: (r) => r.proto, render: text((r) => r.proto) },
    { label: 'Method', sortValue: (r) => r.method, render: text((r) => r.method) },
    { label: 'Path', sortValue: (r) => r.path, render: text((r) => r.path) },
    {
      label: 'Status', numeric: true, sortValue: (r) => (r.statusClass === 'no-response' ? null : r.status),
      render: (cell, r) => { cell.append(h('span', { class: `status-${r.statusClass}`, plain: r.statusClass === 'no-response' ? '–' : String(r.status) })); },
    },
    { label: 'Elapsed', numeric: true, sortValue: (r) => r.elapsedMs, render: (cell, r) => { cell.textContent = millis(r.elapsedMs); } },
    { label: 'Source', sortValue: (r) => r.src, render: text((r) => r.src, (r) => r.srcTitle) },
    { label: 'Destination', sortValue: (r) => r.dst, render: text((r) => r.dst, (r) => r.dstTitle) },
    {
      label: '', render: (cell, r) => {
        const pin = button('Pin', context.post, { type: 'pinCall', key, id: r.id });
        pin.title = 'Pin to the report: keep this call\'s details in the notebook';
        pin.classList.add('pin');
        cell.append(pin);
      },
    },
  ];
}

export function callsView(payload: NotebookOutput.Calls, context: ViewContext): HTMLElement {
  const { post } = context;
  const total = payload.total ?? payload.rows.length;
  const loaded = payload.rows.length;
  const heading = h('strong', { plain: `${count(total)} ${total === 1 ? 'call' : 'calls'}${loaded < total ? ` (${count(loaded)} loaded)` : ''}` });
  const filter = payload.kfl.trim() ? h('code', { text: payload.kfl }) : h('span', { plain: 'everything' });
  const table = sortableTable({
    columns: columns(context, payload.key), rows: payload.rows, state: context.table, batch: BATCH,
    decorate: (tr, row) => {
      tr.className = 'call';
      tr.tabIndex = 0;
      tr.dataset.id = row.id;
      const open = (): void => post?.({ type: 'openCall', key: payload.key, id: row.id });
      tr.addEventListener('click', (e) => {
        if (!(e.target instanceof Element && e.target.closest('button'))) open();
      });
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && e.target === tr) open();
      });
    },
  });
  const load = payload.more ? button('Load more', post, { type: 'loadMore', key: payload.key }, true) : null;
  load?.addEventListener('click', () => {
    load.disabled = true;
    load.textContent = 'Loading…';
  });
  return h('div', { class: 'kfl-output calls' },
    keptNotice(payload),
    h('div', { class: 'head' }, heading, h('span', { plain: 'matching' }), filter),
    capturedLine(payload),
    loaded > 0 ? table : h('p', { class: 'muted', plain: 'No calls match.' }),
    payload.note ? h('p', { class: 'muted', text: payload.note }) : null,
    h('div', { class: 'actions' }, load, button('Open in Call List', post, { type: 'openList', key: payload.key }), noticeArea()),
  );
}
