/**
 * Cell outputs in the report. A payload may come from a file anyone could have written (kept
 * outputs), so it is read like Hub JSON: own properties, typed getters, bounded lists. Every
 * string in it is escaped.
 */
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { arr, asObject, bool, type JsonObject, num, prop, str } from '../../client/json';
import { formatBytes, formatCount } from '../../util/format';
import { cellText } from '../outputs/markdownFallback';
import { formatMillis, formatPercent } from '../outputs/numbers';
import { escapeHtml } from '../../util/escapeHtml';
import { facts, htmlTable, visibleHtml } from './html';

/** Rows of one output the report shows; the rest is counted. */
export const REPORT_ROWS = 1000;

const objects = (values: readonly unknown[] | undefined, max = REPORT_ROWS): JsonObject[] => (values ?? []).slice(0, max).map(asObject).filter((o): o is JsonObject => o !== undefined);
const text = (o: JsonObject | undefined, key: string): string => visibleHtml(str(o, key) ?? '');
const count = (o: JsonObject | undefined, key: string): string => {
  const n = num(o, key);
  return n === undefined ? '–' : formatCount(n);
};
const millis = (o: JsonObject | undefined, key: string): string => formatMillis(num(o, key) ?? null);
const STATUS_CLASSES = new Set(['ok', 'redirect', 'client-error', 'error', 'no-response']);

function caption(payload: JsonObject, what: string): string {
  const kept = str(payload, 'kept');
  return `<p class="caption">${what} · ${visibleHtml(str(payload, 'source') ?? '')} · captured ${visibleHtml(str(payload, 'capturedAtText') ?? 'at an unknown time')}</p>${kept ? `<p class="kept">${visibleHtml(kept)}</p>` : ''}`;
}

function shownNote(shown: number, loaded: number, total: number | undefined): string {
  const parts: string[] = [];
  if (loaded > shown) parts.push(`The report shows the first ${formatCount(shown)} of ${formatCount(loaded)} loaded rows.`);
  if (total !== undefined && total > loaded) parts.push(`${formatCount(loaded)} of ${formatCount(total)} matches were loaded in the notebook.`);
  return parts.length > 0 ? `<p class="meta">${parts.join(' ')}</p>` : '';
}

function callsHtml(p: JsonObject): string {
  const all = arr(p, 'rows') ?? [];
  const rows = objects(all);
  const total = num(p, 'total');
  const kfl = str(p, 'kfl') ?? '';
  const body = rows.map((r) => {
    const cls = str(r, 'statusClass') ?? '';
    const status = num(r, 'status');
    return [
      `<span title="${escapeHtml(str(r, 'timeTitle') ?? '')}">${text(r, 'timeTitle') || text(r, 'time')}</span>`, text(r, 'proto'), text(r, 'method'), text(r, 'path'),
      `<span class="${STATUS_CLASSES.has(cls) ? `s-${cls}` : ''}">${status === undefined || status === 0 ? '–' : formatCount(status)}</span>`,
      formatMillis(num(r, 'elapsedMs') ?? null), text(r, 'src'), text(r, 'dst'), `<span class="mono">${text(r, 'id')}</span>`,
    ];
  });
  const what = `<strong>${formatCount(total ?? all.length)} ${(total ?? all.length) === 1 ? 'call' : 'calls'}</strong> matching ${kfl.trim() ? `<code>${visibleHtml(kfl)}</code>` : 'everything'}`;
  return [
    caption(p, what),
    rows.length > 0 ? htmlTable(['Time', 'Proto', 'Method', 'Path', 'Status', 'Elapsed', 'Source', 'Destination', 'Call id'], body, new Set([4, 5])) : '<p>No calls.</p>',
    shownNote(rows.length, all.length, total),
    str(p, 'note') ? `<p class="meta">${text(p, 'note')}</p>` : '',
  ].join('');
}

function statsHtml(p: JsonObject): string {
  const s = asObject(prop(p, 'summary'));
  const totals = asObject(prop(s, 'totals'));
  const latency = asObject(prop(s, 'latency'));
  const kfl = str(s, 'kfl') ?? '';
  const parts = [caption(p, `<strong>API stats</strong> of ${kfl.trim() ? `<code>${visibleHtml(kfl)}</code>` : 'every call'}${str(s, 'window') ? ` · ${text(s, 'window')}` : ''}`)];
  if (totals) {
    parts.push(facts([
      ['Calls', count(totals, 'calls')], ['Errors', count(totals, 'errors')], ['Error rate', formatPercent(num(totals, 'errorRate'))],
      ['Client errors (4xx)', count(totals, 'clientErrors')], ['Request bytes', formatBytes(num(totals, 'reqBytes') ?? NaN)], ['Response bytes', formatBytes(num(totals, 'respBytes') ?? NaN)],
    ]));
  }
  if (latency) {
    parts.push(htmlTable(['Latency of', 'min', 'p50', 'p90', 'p99', 'max', 'mean'], [[`${count(latency, 'count')} calls`, ...['min', 'p50', 'p90', 'p99', 'max', 'mean'].map((k) => millis(latency, k))]], new Set([1, 2, 3, 4, 5, 6])));
  }
  const byProtocol = objects(arr(s, 'byProtocol'));
  if (byProtocol.length > 0) {
    parts.push(htmlTable(['Protocol', 'Calls', 'Errors', 'Error rate', 'p50', 'p99'], byProtocol.map((r) => [
      text(r, 'proto'), count(r, 'calls'), count(r, 'errors'), formatPercent(num(r, 'errorRate')), millis(r, 'p50'), millis(r, 'p99'),
    ]), new Set([1, 2, 3, 4, 5])));
  }
  const endpoints = objects(arr(s, 'topEndpoints'));
  if (endpoints.length > 0) {
    parts.push('<h4>Top endpoints</h4>', htmlTable(['Endpoint', 'Destination', 'Calls', 'Errors', 'p50', 'p99'], endpoints.map((e) => [
      `${text(e, 'proto')} ${text(e, 'method')} ${text(e, 'path')}`, text(e, 'dst'), count(e, 'calls'), count(e, 'errors'), millis(e, 'p50'), millis(e, 'p99'),
    ]), new Set([2, 3, 4, 5])));
  }
  const talkers = objects(arr(s, 'topTalkers'));
  if (talkers.length > 0) {
    parts.push('<h4>Top talkers</h4>', htmlTable(['Source', 'Destination', 'Calls', 'Errors', 'Bytes'], talkers.map((t) => [
      text(t, 'src'), text(t, 'dst'), count(t, 'calls'), count(t, 'errors'), formatBytes(num(t, 'bytes') ?? NaN),
    ]), new Set([2, 3, 4])));
  }
  if (bool(s, 'approximate')) parts.push('<p class="meta">Percentiles are approximate (the Hub used a sketch).</p>');
  return parts.join('');
}

const COLUMN_TYPES = new Set<string>(['text', 'count', 'bytes', 'ms', 'rate']);

function tableHtml(p: JsonObject): string {
  const columns = objects(arr(p, 'columns'), 32).map((c) => ({ label: str(c, 'label') ?? '', type: (COLUMN_TYPES.has(str(c, 'type') ?? '') ? str(c, 'type') : 'text') as NotebookOutput.ColumnType }));
  const all = arr(p, 'rows') ?? [];
  const rows = all.slice(0, REPORT_ROWS).filter(Array.isArray).map((row) => columns.map((c, i) => {
    const value = (row as unknown[])[i];
    if (typeof value === 'string') return visibleHtml(value);
    return cellText(typeof value === 'number' && Number.isFinite(value) ? value : null, c.type);
  }));
  const numeric = new Set(columns.flatMap((c, i) => (c.type === 'text' ? [] : [i])));
  return [
    caption(p, `<strong>${text(p, 'title')}</strong>: ${formatCount(num(p, 'total') ?? all.length)}`),
    rows.length > 0 ? htmlTable(columns.map((c) => c.label), rows, numeric) : '<p>Nothing found.</p>',
    shownNote(rows.length, all.length, num(p, 'total')),
    str(p, 'note') ? `<p class="meta">${text(p, 'note')}</p>` : '',
  ].join('');
}

function pcapHtml(p: JsonObject): string {
  const nodes = (arr(p, 'nodes') ?? []).filter((n): n is string => typeof n === 'string');
  return caption(p, '<strong>PCAP exported</strong>') + facts([
    ['File', `<span class="mono">${text(p, 'file')}</span>`], ['Size', formatBytes(num(p, 'bytes') ?? NaN)],
    ['SHA-256', `<span class="hash">${text(p, 'sha256')}</span>`], ['Connections', `${count(p, 'connections')} (of ${count(p, 'calls')} calls)`],
    ['Window', text(p, 'window')], ['Nodes', visibleHtml(nodes.join(', '))], ['BPF', `<code>${text(p, 'bpf')}</code>`],
  ]);
}

function errorHtml(p: JsonObject): string {
  const position = asObject(prop(p, 'position'));
  const at = position ? ` (line ${(num(position, 'line') ?? 0) + 1}, column ${(num(position, 'column') ?? 0) + 1})` : '';
  const fixes = objects(arr(p, 'actions'), 8).map((a) => visibleHtml(str(a, 'label') ?? '')).filter(Boolean);
  return `${caption(p, '<strong>Error</strong>')}<p><span class="title">${text(p, 'title')}</span>${at}: ${text(p, 'message')}</p>${fixes.length > 0 ? `<p class="meta">Fix in VS Code: ${fixes.join(' · ')}</p>` : ''}`;
}

/** One output of ours as report HTML; undefined for kinds the report leaves out (progress). */
export function payloadHtml(payload: JsonObject): string | undefined {
  const kind = str(payload, 'kind');
  const body = kind === 'calls' ? callsHtml(payload) : kind === 'stats' ? statsHtml(payload) : kind === 'table' ? tableHtml(payload)
    : kind === 'pcap' ? pcapHtml(payload) : kind === 'error' ? errorHtml(payload) : undefined;
  return body && `<div class="output${kind === 'error' ? ' error' : ''}">${body}</div>`;
}
