/**
 * The forensic report: one self-contained HTML file made from a notebook — its notes, queries and
 * outputs, the calls pinned to it, the snapshots it used (window in local time with UTC beside
 * it) and the SHA-256 of every PCAP exported from it. No script, no request: the only style is
 * inline and allowed by hash in the file's own Content-Security-Policy, which forbids everything
 * else. Pure: the exporter gathers the input in VS Code.
 */
import { createHash } from 'node:crypto';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { NotebookOutput } from '../../../protocol/notebookMessages';
import { asObject, type JsonObject, num, parseJson, str } from '../../client/json';
import { formatBytes, formatCount } from '../../util/format';
import { EXPORTS_KEY, PINNED_KEY } from '../format/cellMetadata';
import { escapeHtml } from '../../util/escapeHtml';
import { facts, htmlTable, visibleBlockHtml, visibleHtml } from './html';
import { renderMarkdown } from './markdown';
import { payloadHtml } from './outputHtml';
import { pinnedCallHtml } from './pinnedHtml';
import { REPORT_CSS } from './reportStyle';

export interface ReportOutput {
  readonly items: readonly { readonly mime: string; readonly data: Uint8Array }[];
}

export interface ReportCell {
  readonly kind: 'markdown' | 'code';
  readonly language: string;
  readonly text: string;
  readonly executionOrder?: number;
  readonly outputs: readonly ReportOutput[];
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface ReportSnapshot {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly window?: { readonly start: number; readonly end: number };
  readonly createdAt?: number;
  readonly nodes: readonly string[];
  readonly packetCount?: number;
  readonly sizeBytes?: number;
  readonly location?: string;
  /** Why the Hub could not say more (the snapshot is gone, the Hub is not connected). */
  readonly problem?: string;
}

export interface ReportInput {
  readonly title: string;
  readonly generatedAt: number;
  /** IANA zone of every local time in the report. */
  readonly zone: string;
  readonly hub: string;
  readonly source: string;
  readonly rerun: boolean;
  readonly snapshots: readonly ReportSnapshot[];
  readonly cells: readonly ReportCell[];
}

const decoder = new TextDecoder();
const OURS = new Set<string>(NotebookOutput.ALL_MIMES);
const MAX_FOREIGN_TEXT = 20_000;

export const REPORT_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

function objectsOf(value: unknown, max: number): JsonObject[] {
  return (Array.isArray(value) ? value : []).slice(0, max).map(asObject).filter((o): o is JsonObject => o !== undefined);
}

function outputHtml(output: ReportOutput): string {
  const ours = output.items.find((i) => OURS.has(i.mime));
  if (ours) {
    const parsed = parseJson(decoder.decode(ours.data));
    const payload = parsed.ok ? asObject(parsed.value) : undefined;
    return payload ? payloadHtml(payload) ?? '' : '';
  }
  const textual = output.items.find((i) => i.mime.startsWith('text/') || i.mime === 'application/json');
  if (textual) {
    const content = decoder.decode(textual.data);
    const cut = content.length > MAX_FOREIGN_TEXT ? `${content.slice(0, MAX_FOREIGN_TEXT)}\n… (${formatCount(content.length - MAX_FOREIGN_TEXT)} more characters)` : content;
    return `<div class="output"><p class="caption">${escapeHtml(textual.mime)} output</p><pre>${visibleBlockHtml(cut)}</pre></div>`;
  }
  return `<div class="output"><p class="meta">An output of type ${visibleHtml(output.items.map((i) => i.mime).join(', '))} is not included.</p></div>`;
}

function exportsHtml(records: readonly JsonObject[], zone: string): string {
  if (records.length === 0) return '';
  return htmlTable(['File', 'Size', 'SHA-256', 'Exported', 'BPF'], records.map((r) => {
    const at = num(r, 'exportedAt');
    return [
      `<span class="mono">${visibleHtml(str(r, 'file') ?? '')}</span>`, formatBytes(num(r, 'bytes') ?? NaN), `<span class="hash">${visibleHtml(str(r, 'sha256') ?? '')}</span>`,
      at === undefined ? '–' : escapeHtml(formatLocalWithUtc(at, zone)), `<code>${visibleHtml(str(r, 'bpf') ?? '')}</code>`,
    ];
  }), new Set([1]));
}

function cellHtml(cell: ReportCell, zone: string): string {
  if (cell.kind === 'markdown') return `<section class="cell note">${renderMarkdown(cell.text)}</section>`;
  const label = `${cell.executionOrder === undefined ? 'Not run' : `Run ${cell.executionOrder}`} · ${cell.language}`;
  const pinned = objectsOf(cell.metadata[PINNED_KEY], 50).map(pinnedCallHtml).filter((h): h is string => h !== undefined);
  const exported = objectsOf(cell.metadata[EXPORTS_KEY], 50);
  return [
    `<section class="cell code"><p class="label">${escapeHtml(label)}</p><pre class="query">${visibleBlockHtml(cell.text)}</pre>`,
    ...cell.outputs.map(outputHtml),
    exported.length > 0 ? `<h4>PCAPs exported by this cell</h4>${exportsHtml(exported, zone)}` : '',
    ...pinned,
    '</section>',
  ].join('');
}

function snapshotHtml(s: ReportSnapshot, zone: string): string {
  const window = s.window ? `${formatLocalWithUtc(s.window.start, zone)} – ${formatLocalWithUtc(s.window.end, zone)}` : undefined;
  return `<h3>${visibleHtml(s.name)}</h3>${facts([
    ['Id', `<span class="mono">${visibleHtml(s.id)}</span>`], ['Status', visibleHtml(s.status)], ['Window', window && escapeHtml(window)],
    ['Created', s.createdAt === undefined ? undefined : escapeHtml(formatLocalWithUtc(s.createdAt, zone))],
    ['Nodes', visibleHtml(s.nodes.join(', '))], ['Packets', s.packetCount === undefined ? undefined : formatCount(s.packetCount)],
    ['Size', s.sizeBytes === undefined ? undefined : formatBytes(s.sizeBytes)], ['Location', s.location && visibleHtml(s.location)],
    ['Note', s.problem && visibleHtml(s.problem)],
  ])}`;
}

export function buildReport(input: ReportInput): string {
  const zone = input.zone;
  const allExports = input.cells.flatMap((c) => objectsOf(c.metadata[EXPORTS_KEY], 50));
  const pinnedCount = input.cells.reduce((n, c) => n + objectsOf(c.metadata[PINNED_KEY], 50).length, 0);
  const header = `<header><h1>${visibleHtml(input.title)}</h1><p class="sub">Forensic report · generated ${escapeHtml(formatLocalWithUtc(input.generatedAt, zone))} · times in ${escapeHtml(zone)} with UTC beside them</p>${facts([
    ['Hub', visibleHtml(input.hub)], ['Data source', visibleHtml(input.source)],
    ['Outputs', input.rerun ? 'every KFL cell was run again just before this report was made' : 'as they were in the notebook (each says when it was captured)'],
    ['Pinned calls', formatCount(pinnedCount)], ['PCAP exports', formatCount(allExports.length)],
  ])}</header>`;
  const snapshots = input.snapshots.length > 0 ? `<h2>Snapshots</h2>${input.snapshots.map((s) => snapshotHtml(s, zone)).join('')}` : '';
  const exportList = allExports.length > 0 ? `<h2>Exported PCAPs</h2><p class="meta">Check a copy with <code>sha256sum FILE</code>.</p>${exportsHtml(allExports, zone)}` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Kubeshark Forensics for VS Code">
<title>${escapeHtml(input.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${header}
${snapshots}
${exportList}
<h2>Investigation</h2>
${input.cells.map((c) => cellHtml(c, zone)).join('\n')}
<footer>Made from the notebook by Kubeshark Forensics for VS Code. Captured strings are shown literally; invisible and direction-changing characters are shown as marked escapes.</footer>
</body>
</html>
`;
}

/** The notebook's first `# heading`, else its file name without `.kflnb`. */
export function reportTitle(fileName: string, cells: readonly ReportCell[] = []): string {
  const note = cells.find((c) => c.kind === 'markdown');
  const heading = note && /^#\s+(.+?)\s*#*\s*$/m.exec(note.text)?.[1];
  return heading || fileName.replace(/\.kflnb$/i, '') || 'KFL notebook';
}
