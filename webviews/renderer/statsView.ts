/** A `@stats` output: totals, latency percentiles, and the per-protocol, endpoint and talker tables. */
import { type NotebookOutput } from '../../protocol/notebookMessages';
import { type Stats } from '../../protocol/webviewMessages';
import { definitionList, h } from '../common/dom';
import { bytes, count, millis, percent } from '../common/format';
import { setVisibleText } from '../common/visibleText';
import { sortableTable, type TableColumn, type TableState } from './sortableTable';
import { BATCH, capturedLine, keptNotice } from './views';

type Summary = Stats.Summary;

function textColumn<Row>(label: string, value: (row: Row) => string): TableColumn<Row> {
  return { label, sortValue: value, render: (cell, row) => setVisibleText(cell, value(row)) };
}

function numberColumn<Row>(label: string, value: (row: Row) => number | null, format: (n: number | null) => string): TableColumn<Row> {
  return { label, numeric: true, sortValue: value, render: (cell, row) => { cell.textContent = format(value(row)); } };
}

const n = (v: number | null): string => (v === null ? '–' : count(v));

function section<Row>(title: string, columns: TableColumn<Row>[], rows: readonly Row[]): HTMLElement[] {
  if (rows.length === 0) return [];
  // Each small table sorts on its own; its state lives as long as this rendering.
  const state: TableState = { shown: BATCH };
  return [h('h4', { plain: title }), sortableTable({ columns, rows, state, batch: BATCH })];
}

export function statsView(payload: NotebookOutput.StatsResult): HTMLElement {
  const s: Summary = payload.summary;
  const totals = s.totals;
  const latency = s.latency;
  const filter = s.kfl.trim() ? h('code', { text: s.kfl }) : h('span', { plain: 'every call' });
  return h('div', { class: 'kfl-output stats' },
    keptNotice(payload),
    h('div', { class: 'head' }, h('strong', { plain: 'API stats' }), h('span', { plain: 'of' }), filter, s.window ? h('span', { class: 'muted', text: s.window }) : null),
    capturedLine(payload),
    totals ? definitionList([
      ['Calls', count(totals.calls)], ['Errors', `${count(totals.errors)} (${percent(totals.errorRate)})`], ['Client errors (4xx)', count(totals.clientErrors)],
      ['Calls per second', totals.callsPerSec.toFixed(2)], ['Request bytes', bytes(totals.reqBytes)], ['Response bytes', bytes(totals.respBytes)],
      ['Latency', latency ? `p50 ${millis(latency.p50)} · p90 ${millis(latency.p90)} · p99 ${millis(latency.p99)} · max ${millis(latency.max)} (${count(latency.count)} calls)` : undefined],
    ]) : null,
    ...section<Summary['byProtocol'][number]>('By protocol', [
      textColumn('Protocol', (r) => r.proto), numberColumn('Calls', (r) => r.calls, n), numberColumn('Errors', (r) => r.errors, n),
      numberColumn('Error rate', (r) => r.errorRate, percent), numberColumn('p50', (r) => r.p50, millis), numberColumn('p99', (r) => r.p99, millis),
    ], s.byProtocol),
    ...section<Summary['topEndpoints'][number]>('Top endpoints', [
      textColumn('Endpoint', (r) => `${r.proto} ${r.method} ${r.path}`.trim()), textColumn('Destination', (r) => r.dst),
      numberColumn('Calls', (r) => r.calls, n), numberColumn('Errors', (r) => r.errors, n), numberColumn('p50', (r) => r.p50, millis), numberColumn('p99', (r) => r.p99, millis),
    ], s.topEndpoints),
    ...section<Summary['topTalkers'][number]>('Top talkers', [
      textColumn('Source', (r) => r.src), textColumn('Destination', (r) => r.dst), numberColumn('Calls', (r) => r.calls, n),
      numberColumn('Errors', (r) => r.errors, n), numberColumn('Bytes', (r) => r.bytes, bytes),
    ], s.topTalkers),
    s.approximate ? h('p', { class: 'muted', plain: 'Percentiles are approximate (the Hub used a sketch).' }) : null,
  );
}
