import { readFileSync, statSync } from 'node:fs';
import { RE2JS } from 're2js';
import { type IpRecords, type Workload } from '../../protocol/hubApi';
import { invalidArgument } from '../server/errors';

/** The file, in the captures folder root and copied into every snapshot (hub/README.md). */
export const WORKLOADS_FILE = 'workloads.json';
const MAX_FILE_BYTES = 64 << 20;
const MAX_WORKLOADS = 1_000_000;

export interface LoadedWorkloads {
  workloads: Workload[];
  /** Why the file (or some entries) could not be used; the usable entries are still served. */
  problems: string[];
}

const EMPTY: LoadedWorkloads = { workloads: [], problems: [] };

/**
 * Reads `workloads.json` leniently: the `list_workloads` result shape (`{"workloads": [...]}`)
 * or a bare array; entries that are not well-formed are skipped and reported, labels become
 * null-prototype maps (captured metadata may carry keys like `__proto__`). A missing file is
 * simply "no identities".
 */
export function loadWorkloads(file: string): LoadedWorkloads {
  let text: string;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return { workloads: [], problems: [`${WORKLOADS_FILE} is larger than ${MAX_FILE_BYTES} bytes`] };
    text = readFileSync(file, 'utf8');
  } catch {
    return EMPTY;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { workloads: [], problems: [`${WORKLOADS_FILE} is not valid JSON: ${(e as Error).message}`] };
  }
  const list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.workloads) ? json.workloads : null;
  if (!list) return { workloads: [], problems: [`${WORKLOADS_FILE} must hold {"workloads": [...]}`] };
  const problems: string[] = [];
  const workloads: Workload[] = [];
  for (const [i, entry] of list.slice(0, MAX_WORKLOADS).entries()) {
    const w = toWorkload(entry);
    if (w) workloads.push(w);
    else problems.push(`${WORKLOADS_FILE}: entry ${i} skipped (needs string name and namespace, ips as [{ip, timestamp}])`);
  }
  return { workloads, problems: problems.slice(0, 100) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function toWorkload(entry: unknown): Workload | null {
  if (!isObject(entry)) return null;
  const name = own(entry, 'name');
  const namespace = own(entry, 'namespace');
  const kind = own(entry, 'kind') ?? 'pod';
  const rawIps = own(entry, 'ips') ?? [];
  const rawLabels = own(entry, 'labels') ?? {};
  if (typeof name !== 'string' || typeof namespace !== 'string' || typeof kind !== 'string' || !Array.isArray(rawIps) || !isObject(rawLabels)) return null;
  const labels = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(rawLabels)) if (typeof v === 'string') labels[k] = v;
  const ips: Workload['ips'] = [];
  for (const r of rawIps) {
    if (!isObject(r)) return null;
    const ip = own(r, 'ip');
    const timestamp = own(r, 'timestamp');
    if (typeof ip !== 'string' || typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return null;
    ips.push({ ip, timestamp });
  }
  ips.sort((a, b) => a.timestamp - b.timestamp);
  return { name, namespace, kind, labels, ips };
}

/** Identity resolution at time t (§3.2): the record with the greatest timestamp ≤ t, else the earliest. */
export function resolveAt<T extends { timestamp: number }>(records: readonly T[], t: number): T | undefined {
  let best: T | undefined;
  let earliest: T | undefined;
  for (const r of records) {
    if (!earliest || r.timestamp < earliest.timestamp) earliest = r;
    if (r.timestamp <= t && (!best || r.timestamp > best.timestamp)) best = r;
  }
  return best ?? earliest;
}

export interface WorkloadFilter {
  name?: string;
  namespace?: string;
  namespaces?: string[];
  name_regex?: string;
  labels?: Record<string, string>;
  type?: string;
  timestamp?: number;
}

function nameMatcher(pattern: string | undefined, argument: string): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw invalidArgument(argument, `argument '${argument}' is not a valid RE2 pattern: ${(e as Error).message}`);
  }
  return (name) => re.matcher(name).find();
}

function matches(w: { name: string; namespace: string; labels: Record<string, string>; kind?: string }, f: WorkloadFilter, name: (n: string) => boolean): boolean {
  if (f.name !== undefined && w.name !== f.name) return false;
  if (f.namespace !== undefined && w.namespace !== f.namespace) return false;
  if (f.namespaces && f.namespaces.length > 0 && !f.namespaces.includes(w.namespace)) return false;
  if (f.type !== undefined && w.kind !== f.type) return false;
  if (f.labels) {
    for (const [k, v] of Object.entries(f.labels)) if (!Object.prototype.hasOwnProperty.call(w.labels, k) || w.labels[k] !== v) return false;
  }
  return name(w.name);
}

/** `list_workloads` (§5.9); with `timestamp`, each workload keeps only the IP valid then. */
export function queryWorkloads(all: readonly Workload[], f: WorkloadFilter): Workload[] {
  if (f.name !== undefined && f.namespace === undefined) throw invalidArgument('name', "argument 'name' requires 'namespace'");
  const name = nameMatcher(f.name_regex, 'name_regex');
  return all.filter((w) => matches(w, f, name)).map((w) => {
    if (f.timestamp === undefined) return w;
    const at = resolveAt(w.ips, f.timestamp);
    return { ...w, ips: at ? [at] : [] };
  });
}

export interface IpFilter extends Omit<WorkloadFilter, 'name' | 'namespace' | 'type'> {
  ip?: string;
}

/** `list_ips` (§5.10): IP → the workloads that held it; with `timestamp`, the one holding it then. */
export function queryIps(all: readonly Workload[], f: IpFilter): IpRecords[] {
  const name = nameMatcher(f.name_regex, 'name_regex');
  const byIp = new Map<string, IpRecords['records']>();
  for (const w of all) {
    if (!matches(w, f, name)) continue;
    for (const { ip, timestamp } of w.ips) {
      if (f.ip !== undefined && ip !== f.ip) continue;
      const records = byIp.get(ip) ?? [];
      records.push({ name: w.name, namespace: w.namespace, timestamp, kind: w.kind });
      byIp.set(ip, records);
    }
  }
  return [...byIp.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ip, records]) => {
      records.sort((a, b) => a.timestamp - b.timestamp);
      if (f.timestamp === undefined) return { ip, records };
      const at = resolveAt(records, f.timestamp);
      return { ip, records: at ? [at] : [] };
    });
}
