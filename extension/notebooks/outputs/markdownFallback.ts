/**
 * The `text/markdown` item that goes with every payload, so an output reads well where the
 * renderer is not available. Captured strings pass through `md()`; only our own words are markdown.
 */
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { type Stats } from '../../../protocol/webviewMessages';
import { formatBytes, formatCount } from '../../util/format';
import { commandLink, md, table } from './markdownText';
import { formatMillis, formatPercent } from './numbers';

/** Rows shown in markdown; the renderer shows them all. */
export const MARKDOWN_ROWS = 50;

export function markdownOf(payload: NotebookOutput.Payload): string {
  switch (payload.kind) {
    case 'calls': return callsMarkdown(payload);
    case 'stats': return statsMarkdown(payload);
    case 'table': return tableMarkdown(payload);
    case 'pcap': return pcapMarkdown(payload);
    case 'error': return errorMarkdown(payload);
    case 'progress': return `_${md(payload.message)}${payload.percent === undefined ? '' : ` ${payload.percent}%`}_`;
  }
}

function footer(payload: NotebookOutput.Base): string {
  return `_${md(payload.source)} · captured ${md(payload.capturedAtText)}_`;
}

function shown(rows: number, total: number | undefined): string {
  if (rows > MARKDOWN_ROWS) return `First ${formatCount(MARKDOWN_ROWS)} of ${formatCount(rows)} loaded rows${total !== undefined && total > rows ? ` (${formatCount(total)} matches)` : ''}.`;
  if (total !== undefined && total > rows) return `${formatCount(rows)} of ${formatCount(total)} matches loaded.`;
  return '';
}

function callsMarkdown(p: NotebookOutput.Calls): string {
  const count = p.total ?? p.rows.length;
  const head = `**${formatCount(count)} ${count === 1 ? 'call' : 'calls'}** matching ${p.kfl.trim() ? md(oneLine(p.kfl), 300) : 'everything'}`;
  if (p.rows.length === 0) return [head, footer(p)].join('\n\n');
  const rows = p.rows.slice(0, MARKDOWN_ROWS).map((r) => [
    md(r.time), md(r.proto), md(r.method), md(r.path, 120), r.status === 0 ? '–' : String(r.status), formatMillis(r.elapsedMs), md(r.src), md(r.dst),
  ]);
  return [
    head,
    table(['Time', 'Proto', 'Method', 'Path', 'Status', 'Elapsed', 'Source', 'Destination'], rows),
    [shown(p.rows.length, p.total), p.note ? md(p.note, 400) : ''].filter(Boolean).join(' '),
    footer(p),
  ].filter(Boolean).join('\n\n');
}

function statsMarkdown(p: NotebookOutput.StatsResult): string {
  const s = p.summary;
  const parts = [`**API stats** of ${s.kfl.trim() ? md(oneLine(s.kfl), 300) : 'every call'}${s.window ? ` · ${md(s.window)}` : ''}`];
  if (s.totals) {
    parts.push(table(['Calls', 'Errors', 'Error rate', '4xx', 'Calls/s', 'Request bytes', 'Response bytes'], [[
      formatCount(s.totals.calls), formatCount(s.totals.errors), formatPercent(s.totals.errorRate), formatCount(s.totals.clientErrors),
      s.totals.callsPerSec.toFixed(2), formatBytes(s.totals.reqBytes), formatBytes(s.totals.respBytes),
    ]]));
  }
  if (s.latency) {
    const l = s.latency;
    parts.push(table(['Latency', 'min', 'p50', 'p90', 'p99', 'max', 'mean'], [[`${formatCount(l.count)} calls`, ...[l.min, l.p50, l.p90, l.p99, l.max, l.mean].map(formatMillis)]]));
  }
  if (s.byProtocol.length > 0) {
    parts.push(table(['Protocol', 'Calls', 'Errors', 'Error rate', 'p50', 'p99'], s.byProtocol.map((r) => [
      md(r.proto), formatCount(r.calls), formatCount(r.errors), formatPercent(r.errorRate), formatMillis(r.p50), formatMillis(r.p99),
    ])));
  }
  if (s.topEndpoints.length > 0) parts.push('**Top endpoints**', table(['Endpoint', 'Destination', 'Calls', 'Errors', 'p50', 'p99'], s.topEndpoints.map(endpointRow)));
  if (s.topTalkers.length > 0) {
    parts.push('**Top talkers**', table(['Source', 'Destination', 'Calls', 'Errors', 'Bytes'], s.topTalkers.map((t) => [
      md(t.src), md(t.dst), formatCount(t.calls), formatCount(t.errors), formatBytes(t.bytes),
    ])));
  }
  if (s.approximate) parts.push('_Percentiles are approximate (the Hub used a sketch)._');
  parts.push(footer(p));
  return parts.join('\n\n');
}

function endpointRow(e: Stats.Summary['topEndpoints'][number]): string[] {
  return [`${md(e.proto)} ${md(e.method)} ${md(e.path, 120)}`.trim(), md(e.dst), formatCount(e.calls), formatCount(e.errors), formatMillis(e.p50), formatMillis(e.p99)];
}

export function cellText(value: NotebookOutput.Cell, type: NotebookOutput.ColumnType): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  switch (type) {
    case 'bytes': return formatBytes(value);
    case 'ms': return formatMillis(value);
    case 'rate': return value.toFixed(2);
    default: return formatCount(value);
  }
}

function tableMarkdown(p: NotebookOutput.Table): string {
  const rows = p.rows.slice(0, MARKDOWN_ROWS).map((row) => p.columns.map((c, i) => {
    const value = row[i] ?? null;
    return typeof value === 'string' ? md(value) : cellText(value, c.type);
  }));
  return [
    `**${md(p.title)}**: ${formatCount(p.total ?? p.rows.length)}`,
    p.rows.length > 0 ? table(p.columns.map((c) => md(c.label)), rows) : '_Nothing found._',
    [shown(p.rows.length, p.total), p.note ? md(p.note, 400) : ''].filter(Boolean).join(' '),
    footer(p),
  ].filter(Boolean).join('\n\n');
}

function pcapMarkdown(p: NotebookOutput.PcapExport): string {
  const facts: [string, string][] = [
    ['File', md(p.file, 400)],
    ['Size', formatBytes(p.bytes)],
    ['SHA-256', md(p.sha256)],
    ['Connections', `${formatCount(p.connections)} (of ${formatCount(p.calls)} ${p.calls === 1 ? 'call' : 'calls'})`],
    ...(p.window ? [['Window', md(p.window)] as [string, string]] : []),
    ...(p.nodes.length > 0 ? [['Nodes', md(p.nodes.join(', '))] as [string, string]] : []),
    ['BPF', md(p.bpf, 2000)],
  ];
  return [
    '**PCAP exported**',
    table(['', ''], facts.map(([k, v]) => [`**${k}**`, v])),
    ...p.notes.map((n) => `_${md(n, 400)}_`),
    footer(p),
  ].join('\n\n');
}

function errorMarkdown(p: NotebookOutput.Failure): string {
  const at = p.position ? ` (line ${p.position.line + 1}, column ${p.position.column + 1})` : '';
  const fixes = p.actions.map((a) => commandLink(a.label, a.command, a.args));
  return [
    `**${md(p.title)}**${at}: ${md(p.message, 2000)}`,
    fixes.length > 0 ? `Fix: ${fixes.join(' · ')}` : '',
    footer(p),
  ].filter(Boolean).join('\n\n');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
