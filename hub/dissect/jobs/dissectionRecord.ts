/** The persisted state of one snapshot dissection and its wire form (hub-api.md §4.6). */
import { type Dissection, type DissectionStats } from '../../../protocol/hubApi';

export type JobStatus = 'pending' | 'downloading' | 'running' | 'uploading' | 'completed' | 'failed' | 'cancelled';

export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['pending', 'downloading', 'running', 'uploading']);

export interface DissectionRecord {
  snapshot_id: string;
  name: string;
  status: JobStatus;
  progress: number;
  entry_count: number;
  stats: DissectionStats;
  errors: string[];
  started_at: number | null;
  completed_at: number | null;
  /** The files dissected per node (absolute paths), for per-connection PCAP export. */
  nodes: { name: string; files: string[] }[];
}

export const DISSECTION_FILE = 'dissection.json';

/** Dissection names become folder names: letters, digits, `.`, `_`, `-`. */
export const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

export function newRecord(snapshotId: string, name: string): DissectionRecord {
  return {
    snapshot_id: snapshotId, name, status: 'pending', progress: 0, entry_count: 0,
    stats: { pcap_files: 0, pcap_bytes: 0, packets_processed: 0, entries_created: 0, protocol_counts: {} },
    errors: [], started_at: Date.now(), completed_at: null, nodes: [],
  };
}

export function toWire(r: DissectionRecord, withDetails: boolean): Dissection {
  const wire: Dissection = {
    dissection_id: `${r.snapshot_id}/${r.name}`, snapshot_id: r.snapshot_id, snapshot: r.snapshot_id, name: r.name, status: r.status,
    active: ACTIVE_STATUSES.has(r.status), progress: r.progress, entry_count: r.entry_count, started_at: r.started_at, completed_at: r.completed_at,
  };
  if (withDetails) {
    wire.stats = { ...r.stats, protocol_counts: { ...r.stats.protocol_counts } };
    wire.errors = [...r.errors];
  }
  return wire;
}

/** Parses a well-formed dissection.json, or null. */
export function parseRecord(text: string): DissectionRecord | null {
  try {
    const r = JSON.parse(text) as DissectionRecord;
    if (typeof r !== 'object' || r === null || typeof r.snapshot_id !== 'string' || typeof r.name !== 'string' || !NAME_PATTERN.test(r.name)) return null;
    return r;
  } catch {
    return null;
  }
}
