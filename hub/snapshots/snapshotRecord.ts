import { type Snapshot, type SnapshotNode } from '../../protocol/hubApi';

/** A node of a stored snapshot: the wire fields plus the files that hold its packets. */
export interface StoredNode extends SnapshotNode {
  /** Paths relative to the snapshot folder, `/`-separated. */
  files: string[];
}

/** What `snapshot.json` holds: the wire Snapshot (§4.5) minus the computed `location`. */
export interface SnapshotRecord extends Omit<Snapshot, 'location' | 'nodes' | 'created_at' | 'duration'> {
  created_at: number;
  duration: number;
  nodes: StoredNode[];
  error: string | null;
  warnings: string[];
  /** True when the snapshot carries a copy of workloads.json. */
  has_workloads: boolean;
}

export const SNAPSHOT_FILE = 'snapshot.json';

/** The wire form; `nodes` only where the spec shows them (get_snapshot). */
export function toWire(r: SnapshotRecord, location: string, withNodes: boolean): Snapshot {
  const { nodes, warnings, has_workloads: _hasWorkloads, ...rest } = r;
  const wire: Snapshot = { ...rest, location };
  if (warnings.length) wire.warnings = warnings;
  if (withNodes) wire.nodes = nodes.map(({ files: _files, ...n }) => n);
  return wire;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Snapshot ids are UUID v4; anything else never names a folder (no path tricks). */
export function isSnapshotId(id: string): boolean {
  return UUID_V4.test(id);
}

/** Parses a well-formed `snapshot.json`, or null. */
export function parseRecord(text: string): SnapshotRecord | null {
  try {
    const r = JSON.parse(text) as SnapshotRecord;
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || !isSnapshotId(r.id) || !Array.isArray(r.nodes)) return null;
    return r;
  } catch {
    return null;
  }
}
