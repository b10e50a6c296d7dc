/**
 * The client's model of what a Hub answered, after lenient parsing (hub-api.md §2.2): camelCase,
 * optional where a real Hub may leave a value out, times in Unix ms. `raw` keeps the answer as it
 * came, unknown fields included, for the raw JSON views.
 */
import { type JsonObject } from './json';

export interface TimeWindow {
  /** Unix ms UTC, inclusive. */
  readonly start: number;
  /** Unix ms UTC, inclusive. */
  readonly end: number;
}

export interface NodeBoundary {
  readonly name: string;
  /** Undefined when the node has no data (0, null or missing on the wire). */
  readonly window?: TimeWindow;
}

/** get_data_boundaries (§5.2). */
export interface Boundaries {
  readonly cluster?: TimeWindow;
  readonly nodes: readonly NodeBoundary[];
}

export interface SnapshotNodeInfo {
  readonly name: string;
  readonly window?: TimeWindow;
  readonly packetCount?: number;
  readonly sizeBytes?: number;
  readonly fileCount?: number;
}

/** A snapshot (§4.5). */
export interface SnapshotInfo {
  /** The key for later calls: `id`, else `snapshot_id`, else `name` (§5.4). */
  readonly key: string;
  readonly id?: string;
  readonly name: string;
  /** `in_progress`, `completed`, `failed`, or whatever else a Hub says (shown verbatim). */
  readonly status: string;
  readonly sizeBytes?: number;
  readonly createdAt?: number;
  readonly window?: TimeWindow;
  readonly durationMs?: number;
  readonly nodeCount?: number;
  readonly packetCount?: number;
  /** `local`, `cloud`, `local+cloud` or unknown. */
  readonly location?: string;
  readonly nodes?: readonly SnapshotNodeInfo[];
  readonly error?: string;
  readonly warnings: readonly string[];
  readonly raw: JsonObject;
}

export const SNAPSHOT_TERMINAL = new Set(['completed', 'failed']);

/** A dissection of a snapshot (§4.6). */
export interface DissectionInfo {
  readonly snapshotId: string;
  readonly name: string;
  readonly dissectionId?: string;
  readonly status: string;
  readonly active: boolean;
  /** 0–100, or undefined when the Hub does not say. */
  readonly progress?: number;
  readonly entryCount?: number;
  readonly protocolCounts?: Readonly<Record<string, number>>;
  readonly errors: readonly string[];
  readonly startedAt?: number;
  readonly completedAt?: number;
  readonly raw: JsonObject;
}

export const DISSECTION_TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** Completion per §5.12: `completed`, or progress 100 without a failed/cancelled status. */
export function dissectionCompleted(d: DissectionInfo): boolean {
  return d.status === 'completed' || (d.progress === 100 && d.status !== 'failed' && d.status !== 'cancelled');
}

/** A cloud upload or download job (§4.7). */
export interface CloudJobInfo {
  readonly jobId: string;
  readonly snapshotId?: string;
  readonly operation?: string;
  readonly status: string;
  readonly error?: string;
  readonly startedAt?: number;
  readonly completedAt?: number;
}

export const CLOUD_JOB_TERMINAL = new Set(['completed', 'failed']);

export interface CloudStatusInfo {
  readonly enabled: boolean;
  readonly connected: boolean;
  readonly provider?: string;
}

/** A workload of list_workloads (§5.9). */
export interface WorkloadInfo {
  readonly name: string;
  readonly namespace: string;
  readonly kind: string;
  readonly ips: readonly { ip: string; timestamp?: number }[];
}

/** An IP of list_ips (§5.10) with the workloads that held it. */
export interface IpInfo {
  readonly ip: string;
  readonly records: readonly { name: string; namespace: string; kind?: string; timestamp?: number }[];
}

/** What export_snapshot_pcap hands back (§5.8). */
export interface PcapExportInfo {
  /** Relative Hub path, downloaded with GET <base>/api<path>. */
  readonly path: string;
  readonly filename?: string;
  readonly contentType?: string;
}
