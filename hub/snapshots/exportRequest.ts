import path from 'node:path';
import { type BpfError, BpfFilter, isBpfError } from '../bpf/filter';
import { linkTypeName } from '../capture/packet';
import { describeCapture } from '../capture/scan';
import { type OutputPlan, planOutput } from '../export/plan';
import { HubError, invalidArgument } from '../server/errors';
import { type SnapshotRecord } from './snapshotRecord';
import { type SnapshotStore } from './snapshotStore';

/** Arguments of export_snapshot_pcap (§5.8), also carried in the download path's query. */
export interface ExportRequest {
  id: string;
  nodes?: string[];
  bpf_filter?: string;
  start_time?: number;
  end_time?: number;
}

export interface PreparedExport {
  record: SnapshotRecord;
  files: string[];
  plan: OutputPlan;
  filter: BpfFilter | null;
  startMs: number;
  endMs: number;
  filename: string;
  warnings: string[];
}

/**
 * Validates an export against a completed local snapshot — nodes, sub-window, BPF (syntax and
 * applicability to the snapshot's link types) — and plans its output. Used when the tool is
 * called and again when the path is downloaded (the snapshot may have been deleted since).
 */
export function prepareExport(store: SnapshotStore, req: ExportRequest, lookup: (id: string) => SnapshotRecord): PreparedExport {
  const record = lookup(req.id);
  if (record.status !== 'completed') throw new HubError('SNAPSHOT_NOT_READY', `snapshot '${req.id}' is ${record.status}; only a completed snapshot can be exported`);
  let nodes = record.nodes;
  if (req.nodes && req.nodes.length > 0) {
    const names = new Set(record.nodes.map((n) => n.name));
    for (const n of req.nodes) if (!names.has(n)) throw invalidArgument('nodes', `the snapshot has no node '${n}'; nodes: ${[...names].join(', ')}`);
    nodes = record.nodes.filter((n) => req.nodes!.includes(n.name));
  }
  const startMs = Math.max(req.start_time ?? record.start_ts, record.start_ts);
  const endMs = Math.min(req.end_time ?? record.end_ts, record.end_ts);
  if (req.start_time !== undefined && req.end_time !== undefined && req.start_time > req.end_time) throw invalidArgument('start_time', "'start_time' is after 'end_time'");
  if (startMs > endMs) {
    throw new HubError('OUT_OF_BOUNDS', `the sub-window does not overlap the snapshot window ${record.start_ts}–${record.end_ts}`, { oldest_ts: record.start_ts, newest_ts: record.end_ts });
  }
  const folder = store.folderOf(record.id);
  const files = nodes.flatMap((n) => n.files.map((f) => path.join(folder, ...f.split('/'))));
  const plan = planOutput(files.map((f) => describeCapture(f)));
  let filter: BpfFilter | null = null;
  const warnings: string[] = [];
  const text = req.bpf_filter?.trim() ?? '';
  if (text !== '') {
    const parsed = BpfFilter.parse(req.bpf_filter!);
    if (isBpfError(parsed)) throw bpfError(parsed.message, parsed.offset, parsed.length);
    // Packets of a link type the filter cannot apply to (`vlan` on SLL) are left out, with a
    // warning; a filter that applies to none of the snapshot's link types is refused.
    const refusals = plan.linkTypes.map((lt) => ({ lt, m: parsed.matcherFor(lt) })).filter((r) => isBpfError(r.m));
    if (refusals.length === plan.linkTypes.length) {
      const first = refusals[0]!.m as BpfError;
      throw bpfError(`${first.message} (the snapshot holds ${plan.linkTypes.map(linkTypeName).join(', ')} packets)`, first.offset, first.length);
    }
    for (const r of refusals) warnings.push(`${linkTypeName(r.lt)} packets are left out: ${(r.m as BpfError).message}`);
    filter = parsed;
  }
  return { record, files, plan, filter, startMs, endMs, filename: `${safeFileName(record.name)}${plan.extension}`, warnings };
}

function bpfError(message: string, offset: number, length: number): HubError {
  return new HubError('BPF_SYNTAX', `invalid BPF filter at offset ${offset}: ${message}`, { argument: 'bpf_filter', offset, length });
}

/** The relative download path the tool hands out (§5.8): `/mcp/snapshots/<id>/pcap?…`. */
export function exportPath(req: ExportRequest): string {
  const q = new URLSearchParams();
  for (const n of req.nodes ?? []) q.append('nodes', n);
  if (req.bpf_filter !== undefined && req.bpf_filter.trim() !== '') q.set('bpf_filter', req.bpf_filter);
  if (req.start_time !== undefined) q.set('start_time', String(req.start_time));
  if (req.end_time !== undefined) q.set('end_time', String(req.end_time));
  const query = q.toString().replace(/\+/g, '%20');
  return `/mcp/snapshots/${encodeURIComponent(req.id)}/pcap${query ? `?${query}` : ''}`;
}

/** Reads the export arguments back from a download path's query string. */
export function parseExportQuery(id: string, q: URLSearchParams): ExportRequest {
  const req: ExportRequest = { id };
  const nodes = q.getAll('nodes');
  if (nodes.length) req.nodes = nodes;
  const bpf = q.get('bpf_filter');
  if (bpf !== null) req.bpf_filter = bpf;
  for (const key of ['start_time', 'end_time'] as const) {
    const v = q.get(key);
    if (v === null) continue;
    if (!/^-?\d+$/.test(v)) throw invalidArgument(key, `'${key}' must be Unix milliseconds, got ${JSON.stringify(v)}`);
    req[key] = Number(v);
  }
  return req;
}

/** A name safe in a file system and a Content-Disposition header. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120);
  return cleaned || 'snapshot';
}
