/**
 * The call list webview: filter bar, toolbar (quick filter, columns, exports, stats), the
 * virtualized grid and the paging status. Rows come from the host page by page; sorting other
 * than by time and the quick filter work over the loaded rows here.
 */
import './style.css';
import '../common/common.css';
import { type CallList } from '../../protocol/webviewMessages';
import { h } from '../common/dom';
import { count } from '../common/format';
import { Messenger } from '../common/messenger';
import { VirtualGrid } from '../common/virtualGrid';
import { COLUMN_LABELS, COLUMN_ORDER, columns } from './columns';
import { FilterBar } from './filterBar';
import { RowsModel } from './rowsModel';

const ROW_HEIGHT = 24;
const OVERSCAN = 8;
/** Performance marks the first-rows benchmark reads (User Timing, visible in DevTools too). */
const QUERY_MARK = 'kubeshark:query';
const FIRST_ROWS_MEASURE = 'kubeshark:first-rows';

type Row = CallList.Row;

const messenger = new Messenger<CallList.ToHost, CallList.ToWebview, CallList.Requests>(onMessage);
const saved = messenger.state<CallList.PersistedState>();

let scope: CallList.PersistedState['scope'] | undefined = saved?.scope;
let appliedKfl = saved?.kfl ?? '';
let capabilities: CallList.Capabilities = { serverTimeOrder: true, exportPcap: false, openInNotebook: false };
const hidden = new Set<CallList.ColumnId>(saved?.hidden ?? []);
const model = new RowsModel(saved?.sort ?? { column: 'time', direction: 'asc' }, true, saved?.quickFilter ?? '');
let currentQuery = -1;
let more = false;
let askedForMore = false;
let measuring = false;
let selectedId = saved?.selectedId;

const filterBar = new FilterBar({
  analyze: (text) => messenger.request('analyze', { text }),
  run: (text, force) => {
    performance.clearMarks(QUERY_MARK);
    performance.mark(QUERY_MARK);
    measuring = true;
    messenger.post({ type: 'query', kfl: text, force });
  },
  changed: () => persist(),
}, saved?.draft ?? '');

const quick = h('input', { class: 'quick-filter', attrs: { type: 'search', placeholder: 'Find in loaded rows', 'aria-label': 'Find in loaded rows', spellcheck: 'false' } });
quick.value = model.quickFilter;
quick.addEventListener('input', () => {
  model.setQuickFilter(quick.value);
  grid.setRows(model.rows);
  updateStatus();
  persist();
});

const columnsMenu = h('div', { class: 'menu', attrs: { role: 'menu' } });
columnsMenu.hidden = true;
const columnsButton = h('button', { class: 'button secondary', plain: 'Columns', attrs: { 'aria-haspopup': 'true' }, onClick: () => toggleColumnsMenu() });
const exportButtons = (['json', 'csv', 'har'] as const).map((format) => h('button', {
  class: 'button secondary', plain: format.toUpperCase(), title: `Export the rows shown (${format === 'har' ? 'HAR 1.2, HTTP calls' : format.toUpperCase()})`,
  onClick: () => messenger.post({ type: 'export', format, ids: model.rows.map((r) => r.id) }),
}));
const statsButton = h('button', { class: 'button secondary', plain: 'Stats', title: 'Statistics of this filter', onClick: () => messenger.post({ type: 'openStats' }) });
const toolbar = h('div', { class: 'toolbar' }, quick, h('div', { class: 'columns-picker' }, columnsButton, columnsMenu), h('span', { class: 'group-label', plain: 'Export' }), ...exportButtons, statsButton);

const statusText = h('span', { class: 'status-text', attrs: { role: 'status' } });
const progress = h('progress', { class: 'progress', attrs: { max: '1', value: '0' } });
const loadMore = h('button', { class: 'button secondary', plain: 'Load More', onClick: () => requestMore() });
const note = h('span', { class: 'note' });
const statusBar = h('div', { class: 'status-bar' }, statusText, progress, loadMore, note);

const grid = new VirtualGrid<Row>({
  rowHeight: ROW_HEIGHT,
  overscan: OVERSCAN,
  label: 'API calls',
  key: (row) => row.id,
  rowClass: (row) => `row-${row.statusClass}`,
  context: (row) => ({ webviewSection: 'callRow', callId: row.id, callProto: row.proto, callPcap: capabilities.exportPcap }),
  onOpen: (row) => messenger.post({ type: 'action', action: 'details', id: row.id }),
  onSelect: (row) => {
    selectedId = row?.id;
    persist();
  },
  onHeaderClick: (column) => sortBy(column as CallList.ColumnId),
  onNearEnd: () => requestMore(),
});

document.body.append(h('main', { class: 'call-list' }, filterBar.element, toolbar, statusBar, grid.element));
grid.setColumns(columns(hidden, capabilities.serverTimeOrder));
grid.setSortIndicator(model.sort);
messenger.ready();

function onMessage(message: CallList.ToWebview): void {
  switch (message.type) {
    case 'init': return init(message);
    case 'loading':
      currentQuery = message.queryId;
      statusText.textContent = `Running ${message.kfl.trim() ? 'the filter' : 'the query'}…`;
      progress.removeAttribute('value');
      return;
    case 'rows': return rows(message);
    case 'queryFailed':
      if (message.queryId < currentQuery) return;
      if (message.diagnostics.length > 0) filterBar.show(message.kfl, message.diagnostics, true);
      else filterBar.showError(message.message);
      measuring = false;
      updateStatus();
      return;
    default: return;
  }
}

function init(message: CallList.Init): void {
  scope = message.scope;
  capabilities = message.capabilities;
  model.setServerTimeOrder(capabilities.serverTimeOrder);
  if (!saved) {
    appliedKfl = message.kfl;
    filterBar.input.value = message.kfl;
    model.setSort(message.sort);
  } else if (model.sort.column === 'time' && model.sort.direction !== message.sort.direction && capabilities.serverTimeOrder) {
    messenger.post({ type: 'order', direction: model.sort.direction });
  }
  grid.setColumns(columns(hidden, capabilities.serverTimeOrder));
  grid.setSortIndicator(model.sort);
  filterBar.analyzeNow();
  persist();
}

function rows(message: CallList.Rows): void {
  if (message.queryId < currentQuery) return;
  currentQuery = message.queryId;
  more = message.more;
  askedForMore = false;
  if (message.reset) {
    appliedKfl = message.kfl;
    model.reset(message.rows);
    grid.setRows(model.rows, false);
    const index = selectedId === undefined ? -1 : model.rows.findIndex((r) => r.id === selectedId);
    if (index >= 0) grid.select(index);
    if (message.kfl === filterBar.input.value) filterBar.analyzeNow();
    if (measuring) measureFirstRows();
  } else if (model.append(message.rows)) {
    grid.appendRows(model.rows);
  } else {
    grid.setRows(model.rows);
  }
  note.textContent = message.note ?? '';
  updateStatus(message.total);
  persist();
}

/** Records query → first rows painted: the frame after the rows entered the DOM has been drawn. */
function measureFirstRows(): void {
  measuring = false;
  requestAnimationFrame(() => setTimeout(() => {
    performance.measure(FIRST_ROWS_MEASURE, QUERY_MARK);
  }, 0));
}

let total: number | undefined;
function updateStatus(nextTotal?: number): void {
  if (nextTotal !== undefined) total = nextTotal;
  const loaded = model.loaded;
  const shown = model.rows.length;
  const parts = [total === undefined ? `${count(loaded)} loaded` : `${count(loaded)} of ${count(total)} loaded`];
  if (shown !== loaded) parts.push(`${count(shown)} match “${model.quickFilter}”`);
  parts.push(model.hubOrdered ? `time ${model.sort.direction === 'asc' ? 'ascending' : 'descending'} (the Hub's order)` : `sorted by ${COLUMN_LABELS[model.sort.column].toLowerCase()} within the loaded rows`);
  statusText.textContent = parts.join(' · ');
  progress.max = Math.max(1, total ?? loaded);
  progress.value = loaded;
  loadMore.hidden = !more;
}

function requestMore(): void {
  if (!more || askedForMore) return;
  askedForMore = true;
  statusText.textContent = `${count(model.loaded)}${total === undefined ? '' : ` of ${count(total)}`} loaded · loading more…`;
  messenger.post({ type: 'loadMore' });
}

function sortBy(column: CallList.ColumnId): void {
  const current = model.sort;
  const direction: CallList.SortDirection = current.column === column ? (current.direction === 'asc' ? 'desc' : 'asc') : column === 'time' ? 'asc' : 'desc';
  model.setSort({ column, direction });
  grid.setSortIndicator(model.sort);
  // The Hub orders by time over all matches: a new direction is a new query.
  if (column === 'time' && capabilities.serverTimeOrder) messenger.post({ type: 'order', direction });
  else grid.setRows(model.rows);
  updateStatus();
  persist();
}

function toggleColumnsMenu(): void {
  columnsMenu.hidden = !columnsMenu.hidden;
  if (columnsMenu.hidden) return;
  columnsMenu.replaceChildren(...COLUMN_ORDER.map((id) => {
    const box = h('input', { attrs: { type: 'checkbox', 'data-column': id } });
    box.checked = !hidden.has(id);
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(id);
      else if (hidden.size < COLUMN_ORDER.length - 1) hidden.add(id);
      else box.checked = true;
      grid.setColumns(columns(hidden, capabilities.serverTimeOrder));
      persist();
    });
    return h('label', { class: 'menu-item', attrs: { role: 'menuitemcheckbox' } }, box, h('span', { plain: COLUMN_LABELS[id] }));
  }));
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !columnsMenu.hidden) columnsMenu.hidden = true;
});
document.addEventListener('click', (e) => {
  if (!columnsMenu.hidden && !(e.target instanceof Node && columnsButton.parentElement?.contains(e.target))) columnsMenu.hidden = true;
});

function persist(): void {
  if (!scope) return;
  messenger.saveState<CallList.PersistedState>({
    scope, kfl: appliedKfl, draft: filterBar.input.value, sort: model.sort, hidden: [...hidden], quickFilter: model.quickFilter, selectedId,
  });
}
