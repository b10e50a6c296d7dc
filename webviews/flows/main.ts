/**
 * The L4 flows webview: the Hub's flow summary, a level picker (flow, pod, workload, service,
 * namespace, node), a quick filter and sorting over the rows, all in the virtualized grid. A row's
 * context menu (VS Code's webview/context, keyed by data-vscode-context) exports its packets or
 * opens its calls; Enter or a double click opens the calls.
 */
import './style.css';
import '../common/common.css';
import { type Flows } from '../../protocol/webviewMessages';
import { definitionList, h } from '../common/dom';
import { bytes, count } from '../common/format';
import { Messenger } from '../common/messenger';
import { VirtualGrid } from '../common/virtualGrid';
import { columns, COMPARE, isNumeric } from './columns';

type Row = Flows.Row;

const LEVELS: readonly [Flows.Level, string][] = [['flow', 'Flow (client → server:port)'], ['pod', 'Pod'], ['workload', 'Workload'], ['service', 'Service'], ['namespace', 'Namespace'], ['node', 'Node']];

const messenger = new Messenger<Flows.ToHost, Flows.ToWebview>(onMessage);
const saved = messenger.state<Flows.PersistedState>();
let scope = saved?.scope;
let level: Flows.Level = saved?.level ?? 'workload';
let sort: Flows.PersistedState['sort'] = saved?.sort ?? { column: 'bytes', direction: 'desc' };
let exportPcap = false;
let all: Row[] = [];

const title = h('h1', { class: 'view-title' });
const summaryBox = h('div', { class: 'summary' });
const levelSelect = h('select', { attrs: { 'aria-label': 'Group by' } });
for (const [value, label] of LEVELS) levelSelect.append(h('option', { plain: label, attrs: { value } }));
levelSelect.addEventListener('change', () => {
  level = levelSelect.value as Flows.Level;
  persist();
  messenger.post({ type: 'level', level });
});
const quick = h('input', { class: 'quick-filter', attrs: { type: 'search', placeholder: 'Find in rows', 'aria-label': 'Find in rows', spellcheck: 'false' } });
quick.value = saved?.quickFilter ?? '';
quick.addEventListener('input', () => {
  show();
  persist();
});
const toolbar = h('div', { class: 'toolbar' },
  h('label', { class: 'group-label', plain: 'Group by' }), levelSelect, quick,
  h('button', { class: 'button secondary', plain: 'Service Map', title: 'Who talks to whom, as a graph', onClick: () => messenger.post({ type: 'openMap' }) }),
  h('button', { class: 'button secondary', plain: 'Refresh', onClick: () => messenger.post({ type: 'refresh' }) }));
const statusText = h('span', { class: 'status-text', attrs: { role: 'status' } });
const note = h('span', { class: 'note' });

const grid = new VirtualGrid<Row>({
  rowHeight: 24,
  overscan: 8,
  label: 'L4 flows',
  key: (row) => row.id,
  rowClass: (row) => (row.serverKind === 'external' || row.clientKind === 'external' ? 'row-external' : ''),
  context: (row) => ({ webviewSection: 'flowRow', flowId: row.id, flowPcap: exportPcap }),
  onOpen: (row) => messenger.post({ type: 'action', action: 'openCalls', id: row.id }),
  onHeaderClick: (column) => {
    const id = column as Flows.ColumnId;
    sort = { column: id, direction: sort.column === id ? (sort.direction === 'asc' ? 'desc' : 'asc') : isNumeric(id) ? 'desc' : 'asc' };
    show();
    persist();
  },
});
grid.setColumns(columns());

document.body.append(h('main', { class: 'flows' }, h('header', { class: 'flows-header' }, title, summaryBox), toolbar, grid.element, h('div', { class: 'status-bar' }, statusText, note)));
messenger.ready();

function onMessage(msg: Flows.ToWebview): void {
  switch (msg.type) {
    case 'init':
      scope = msg.scope;
      exportPcap = msg.exportPcap;
      if (!msg.restored) level = msg.level;
      levelSelect.value = level;
      title.textContent = `L4 flows · ${msg.scope.label}`;
      // A restored view keeps its own level: the host regroups to it.
      if (msg.restored && msg.level !== level) messenger.post({ type: 'level', level });
      persist();
      break;
    case 'loading':
      statusText.textContent = 'Loading flows…';
      break;
    case 'failed':
      all = [];
      show();
      statusText.textContent = '';
      note.textContent = msg.message;
      note.className = 'note error-text';
      break;
    case 'rows':
      all = msg.rows;
      note.className = 'note';
      note.textContent = msg.note ?? '';
      renderSummary(msg.summary);
      show();
      break;
  }
}

function renderSummary(summary: Flows.Summary | undefined): void {
  if (!summary) {
    summaryBox.replaceChildren();
    return;
  }
  const facts = definitionList([
    ['flows', summary.totalFlows === undefined ? undefined : `${count(summary.totalFlows)} (${count(summary.tcpFlows ?? 0)} TCP, ${count(summary.udpFlows ?? 0)} UDP)`],
    ['bytes', summary.totalBytes === undefined ? undefined : bytes(summary.totalBytes)],
    ['packets', summary.totalPkts === undefined ? undefined : count(summary.totalPkts)],
    ['clients', summary.uniqueClients === undefined ? undefined : count(summary.uniqueClients)],
    ['servers', summary.uniqueServers === undefined ? undefined : count(summary.uniqueServers)],
  ], 'facts inline');
  const cross = summary.crossNamespace.length === 0 ? null : h('div', { class: 'muted cross', text: `Across namespaces: ${summary.crossNamespace.slice(0, 6).map((c) => `${c.src} → ${c.dst} (${bytes(c.bytes)})`).join(', ')}` });
  summaryBox.replaceChildren(facts, ...(cross ? [cross] : []));
}

function show(): void {
  const needle = quick.value.trim().toLowerCase();
  const rows = needle === '' ? [...all] : all.filter((r) => `${r.proto}\u0001${r.client}\u0001${r.server}\u0001${r.ports}\u0001${r.clientTitle}\u0001${r.serverTitle}`.toLowerCase().includes(needle));
  const sign = sort.direction === 'asc' ? 1 : -1;
  rows.sort((a, b) => sign * COMPARE[sort.column](a, b));
  grid.setSortIndicator(sort);
  grid.setRows(rows);
  statusText.textContent = `${count(rows.length)}${rows.length === all.length ? '' : ` of ${count(all.length)}`} rows`;
}

function persist(): void {
  if (scope) messenger.saveState<Flows.PersistedState>({ scope, level, sort, quickFilter: quick.value });
}
