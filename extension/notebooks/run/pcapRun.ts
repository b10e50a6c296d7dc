/**
 * An `@export-pcap` cell: the packets of the connections that carried the matching calls. The
 * calls are listed (every page), each call's connection becomes a BPF term of its 4-tuple (the
 * call list's "Export Connection PCAP" rule), and the union goes through the Hub client's
 * export_snapshot_pcap flow into a file beside the notebook, whose SHA-256 the output records.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { HubError } from '../../client/errors';
import { type JsonObject } from '../../client/json';
import { type TimeWindow } from '../../client/model';
import { formatBytes } from '../../util/format';
import { connectionExport } from '../../webviews/calls/connectionFilter';
import { LIMIT_RANGE, type CellDirectives } from '../cell/directives';
import { failure, type Failure } from './failures';
import { fix } from './fixes';
import { startCallsQuery } from './queryRun';
import { payloadBase, type ExportRecord, type RunContext } from './runContext';
import { type ResolvedScope } from './scope';

/** Calls an export collects unless `@limit` says otherwise. */
export const DEFAULT_EXPORT_CALLS = 1000;
/** Connections one BPF names at most (a longer filter is slow to compile and to read). */
export const MAX_CONNECTIONS = 500;

export interface ConnectionsPlan {
  readonly bpf: string;
  readonly window: TimeWindow;
  readonly nodes: string[];
  readonly connections: number;
}

/** One BPF for the connections of `calls` (duplicates once), their joint window and nodes. */
export function planConnections(calls: readonly JsonObject[], snapshotWindow?: TimeWindow): ConnectionsPlan | undefined {
  const terms = new Set<string>();
  const nodes = new Set<string>();
  let start = Infinity;
  let end = -Infinity;
  for (const call of calls) {
    const plan = connectionExport(call, snapshotWindow);
    if (!plan) continue;
    terms.add(`(${plan.bpf})`);
    if (plan.node) nodes.add(plan.node);
    start = Math.min(start, plan.window.start);
    end = Math.max(end, plan.window.end);
  }
  if (terms.size === 0) return undefined;
  return { bpf: [...terms].join(' or '), window: { start, end }, nodes: [...nodes].sort(), connections: terms.size };
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export async function runExport(
  context: RunContext, directives: CellDirectives, scope: ResolvedScope, kfl: string, window?: TimeWindow,
): Promise<{ payload: NotebookOutput.PcapExport; record: ExportRecord } | Failure> {
  const snapshot = scope.snapshot;
  if (!snapshot) {
    return failure(context, scope.label, 'Nothing to export', 'Live calls have no snapshot to export packets from: add `// @snapshot <id or name>` to the cell, or bind the notebook to a snapshot.', [fix.selectSource(context.notebookUri)]);
  }
  if (!context.exportFolder) return failure(context, scope.label, 'No folder to export to', 'Save the notebook (or open a folder) first: exports are written beside it.');
  const limit = Math.min(directives.limit ?? DEFAULT_EXPORT_CALLS, LIMIT_RANGE['export-pcap'] ?? DEFAULT_EXPORT_CALLS);
  const pager = await startCallsQuery(context, { scope, kfl, window });
  const calls: JsonObject[] = [];
  let total: number | undefined;
  while (pager.more && calls.length <= limit) {
    const page = await pager.next(context.signal);
    calls.push(...page.calls);
    total = page.total;
  }
  if (calls.length > limit) {
    return failure(context, scope.label, 'Too many calls to export', `${(total ?? calls.length).toLocaleString('en-US')} calls match and the export covers at most ${limit.toLocaleString('en-US')}; narrow the filter or raise \`// @limit\` (up to ${(LIMIT_RANGE['export-pcap'] ?? limit).toLocaleString('en-US')}).`);
  }
  if (calls.length === 0) return failure(context, scope.label, 'Nothing to export', 'No call matches the filter, so there are no connections to export.');
  const plan = planConnections(calls, snapshot.window);
  if (!plan) return failure(context, scope.label, 'Nothing to export', 'None of the matching calls has addresses and ports to build a packet filter from.');
  if (plan.connections > MAX_CONNECTIONS) {
    return failure(context, scope.label, 'Too many connections', `The matching calls travelled on ${plan.connections.toLocaleString('en-US')} connections; one export names at most ${MAX_CONNECTIONS}. Narrow the filter.`);
  }
  const exported = await context.tools.exportPcap({ snapshot: snapshot.key, nodes: plan.nodes.length > 0 ? plan.nodes : undefined, window: plan.window, bpf: plan.bpf }, { signal: context.signal });
  if (exported.dropped.some((d) => d.argument === 'bpf')) {
    // Without the filter the file would hold every packet of the window: not what the cell asked for.
    throw new HubError({ kind: 'invalid_arguments', tool: 'export_snapshot_pcap', message: `${exported.notes.join('; ')}: nothing exported` });
  }
  const pcapng = exported.value.contentType === 'application/x-pcapng' || exported.value.filename?.endsWith('.pcapng') === true;
  const name = directives.exportFile ?? `${context.exportBaseName}-${snapshot.name.replace(/[^\w.-]+/g, '-')}-${stamp(context.now())}.${pcapng ? 'pcapng' : 'pcap'}`;
  const destination = path.resolve(context.exportFolder, name);
  await mkdir(path.dirname(destination), { recursive: true });
  const written = await context.tools.client.download(exported.value.path, destination, { signal: context.signal });
  const sha256 = await sha256Of(written.file);
  const base = payloadBase(context, scope.label);
  const record: ExportRecord = { file: written.file, sha256, bytes: written.bytes, bpf: plan.bpf, snapshotId: snapshot.key, exportedAt: base.capturedAt };
  return {
    record,
    payload: {
      ...base, kind: 'pcap', file: written.file, bytes: written.bytes, sha256, bpf: plan.bpf, connections: plan.connections, calls: calls.length,
      window: `${formatLocalWithUtc(plan.window.start, context.zone)} – ${formatLocalWithUtc(plan.window.end, context.zone)}`, nodes: plan.nodes, notes: [...exported.notes],
    },
  };
}

export function exportSummary(payload: NotebookOutput.PcapExport): string {
  return `${formatBytes(payload.bytes)} PCAP`;
}
