/**
 * The compare webview: deltas per service pair and per endpoint, most significant first (the
 * virtualized grid), then what is new in B and what vanished from A by category. Every row opens
 * its calls on side A or B (the host holds each side's KFL filter).
 */
import './style.css';
import '../common/common.css';
import { type Compare } from '../../protocol/webviewMessages';
import { h } from '../common/dom';
import { bytes, count, millis, percent } from '../common/format';
import { Messenger } from '../common/messenger';
import { type GridColumn, VirtualGrid } from '../common/virtualGrid';
import { setVisibleText, visibleString } from '../common/visibleText';

type Row = Compare.Row;

const messenger = new Messenger<Compare.ToHost, Compare.ToWebview>(onMessage);
/** Items of a category shown before "Show all". */
const SHOWN_CHANGES = 50;
const CATEGORY: Record<Compare.Category, string> = { edge: 'Edges', external: 'External destinations', dns: 'DNS names', endpoint: 'Endpoints', userAgent: 'User agents' };

let result: Compare.Result | undefined;
let significantOnly = false;

const title = h('h1', { class: 'view-title' });
const meta = h('div', { class: 'muted' });
const notes = h('div', { class: 'notes' });
const onlyBox = h('input', { attrs: { type: 'checkbox', 'aria-label': 'Significant changes only' } });
onlyBox.addEventListener('change', () => {
  significantOnly = onlyBox.checked;
  showRows();
});
const rowStatus = h('span', { class: 'muted' });
const changes = h('section', { class: 'changes' });

const open = (table: Compare.Table, index: number, side: 'a' | 'b') => (event: MouseEvent): void => {
  event.stopPropagation();
  messenger.post({ type: 'openCalls', table, index, side });
};

/** `A → B` of one figure, with the change marked when a test on it was significant. */
function pairCell(cell: HTMLElement, a: string, b: string, marked: boolean): void {
  cell.textContent = `${a} → ${b}`;
  if (marked) cell.classList.add('changed');
}

const significant = (row: Row, metric: Compare.Test['metric']): boolean => row.tests.some((t) => t.metric === metric && t.significant);

const COLUMNS: GridColumn<Row>[] = [
  { id: 'kind', label: 'Kind', width: '84px', render: (cell, row) => { cell.textContent = row.kind === 'pair' ? 'services' : 'endpoint'; } },
  { id: 'label', label: 'Service pair / endpoint', width: 'minmax(240px, 3fr)', render: (cell, row) => { setVisibleText(cell, row.label); cell.title = visibleString(row.label); } },
  { id: 'calls', label: 'Calls A → B', width: '130px', align: 'end', render: (cell, row) => pairCell(cell, row.a ? count(row.a.calls) : '–', row.b ? count(row.b.calls) : '–', significant(row, 'calls')) },
  { id: 'errors', label: 'Error rate', width: '140px', align: 'end', render: (cell, row) => pairCell(cell, row.a ? percent(row.a.errorRate) : '–', row.b ? percent(row.b.errorRate) : '–', significant(row, 'errors')) },
  { id: 'p50', label: 'p50', width: '150px', align: 'end', render: (cell, row) => pairCell(cell, millis(row.a?.p50), millis(row.b?.p50), significant(row, 'latency')) },
  { id: 'p90', label: 'p90', width: '150px', align: 'end', render: (cell, row) => pairCell(cell, millis(row.a?.p90), millis(row.b?.p90), false) },
  { id: 'p99', label: 'p99', width: '150px', align: 'end', render: (cell, row) => pairCell(cell, millis(row.a?.p99), millis(row.b?.p99), false) },
  { id: 'bytes', label: 'Bytes', width: '150px', align: 'end', render: (cell, row) => pairCell(cell, row.a ? bytes(row.a.bytes) : '–', row.b ? bytes(row.b.bytes) : '–', false) },
  { id: 'score', label: 'Score', width: '64px', align: 'end', title: 'Largest |z| of the significant tests', render: (cell, row) => { cell.textContent = row.score > 0 ? row.score.toFixed(1) : ''; } },
  {
    id: 'why', label: 'What changed', width: 'minmax(220px, 2fr)',
    render: (cell, row) => {
      const text = row.tests.filter((t) => t.significant).map((t) => t.text).join('; ') || (row.a && row.b ? '' : row.a ? 'only in A' : 'only in B');
      cell.textContent = text;
      cell.title = row.tests.map((t) => `${t.significant ? '✔' : '·'} ${t.text}`).join('\n') || text;
    },
  },
  {
    id: 'open', label: 'Calls', width: '90px',
    render: (cell, row) => {
      if (row.a) cell.append(h('button', { class: 'link-button', plain: 'A', title: `The calls in ${result?.a.label ?? 'A'}`, attrs: { 'data-side': 'a' }, onClick: open('row', row.index, 'a') }));
      if (row.b) cell.append(h('button', { class: 'link-button', plain: 'B', title: `The calls in ${result?.b.label ?? 'B'}`, attrs: { 'data-side': 'b' }, onClick: open('row', row.index, 'b') }));
    },
  },
];

const grid = new VirtualGrid<Row>({
  rowHeight: 24, overscan: 8, label: 'Changes by significance', key: (row) => String(row.index),
  rowClass: (row) => (row.score > 0 ? 'row-significant' : ''),
  onOpen: (row) => messenger.post({ type: 'openCalls', table: 'row', index: row.index, side: row.b ? 'b' : 'a' }),
});
grid.setColumns(COLUMNS);

document.body.append(h('main', { class: 'compare' },
  h('header', {}, title, meta, notes),
  h('div', { class: 'toolbar' }, h('label', { class: 'check' }, onlyBox, h('span', { plain: 'Significant changes only' })), rowStatus,
    h('button', { class: 'button secondary', plain: 'Refresh', onClick: () => messenger.post({ type: 'refresh' }) })),
  h('section', { class: 'deltas' }, grid.element),
  changes));
messenger.ready();

function onMessage(msg: Compare.ToWebview): void {
  messenger.saveState<Compare.PersistedState>({ a: msg.type === 'result' ? msg.result.a : msg.a, b: msg.type === 'result' ? msg.result.b : msg.b });
  if (msg.type === 'result') {
    render(msg.result);
    return;
  }
  title.textContent = `Compare · ${msg.a.label} → ${msg.b.label}`;
  meta.textContent = msg.type === 'loading' ? msg.message : '';
  notes.replaceChildren(...(msg.type === 'failed' ? [h('p', { class: 'error-text', text: msg.message })] : []));
}

function render(r: Compare.Result): void {
  result = r;
  title.textContent = `Compare · ${r.a.label} → ${r.b.label}`;
  meta.textContent = `A = ${r.a.label}, B = ${r.b.label} · significant: ${r.thresholds}`;
  notes.replaceChildren(...r.notes.map((n) => h('p', { class: 'note', text: n })));
  showRows();
  changes.replaceChildren(changeList('New in B', r.added, 'added'), changeList('Gone from A', r.removed, 'removed'));
}

function showRows(): void {
  const rows = (result?.rows ?? []).filter((row) => !significantOnly || row.score > 0);
  grid.setRows(rows);
  const shown = result?.rows.filter((row) => row.score > 0).length ?? 0;
  rowStatus.textContent = `${count(shown)} significant of ${count(result?.rows.length ?? 0)} rows`;
}

function changeList(heading: string, items: readonly Compare.Change[], table: 'added' | 'removed'): HTMLElement {
  const section = h('div', { class: 'change-list', attrs: { 'data-table': table } }, h('h2', { plain: `${heading} (${count(items.length)})` }));
  if (items.length === 0) {
    section.append(h('p', { class: 'muted', plain: 'Nothing' }));
    return section;
  }
  for (const category of Object.keys(CATEGORY) as Compare.Category[]) {
    const ofCategory = items.filter((c) => c.category === category);
    if (ofCategory.length === 0) continue;
    const body = h('tbody');
    const fill = (limit: number): void => {
      body.replaceChildren(...ofCategory.slice(0, limit).map((c) => h('tr', {},
        h('td', { class: 'mono', text: c.label }),
        h('td', { class: 'num', plain: count(c.count) }),
        h('td', {}, h('button', { class: 'link-button', plain: 'Open calls', onClick: open(table, c.index, table === 'added' ? 'b' : 'a') })))));
      if (ofCategory.length > limit) body.append(h('tr', {}, h('td', { attrs: { colspan: '3' } }, h('button', { class: 'link-button', plain: `Show all ${count(ofCategory.length)}`, onClick: () => fill(ofCategory.length) }))));
    };
    fill(SHOWN_CHANGES);
    section.append(h('h3', { plain: `${CATEGORY[category]} (${count(ofCategory.length)})` }),
      h('table', { class: 'data' }, h('thead', {}, h('tr', {}, h('th', { plain: 'Item' }), h('th', { class: 'num', plain: category === 'edge' || category === 'external' ? 'Flows' : 'Calls' }), h('th', { plain: '' }))), body));
  }
  return section;
}
