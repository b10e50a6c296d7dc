/**
 * Kubernetes identity of the IPs seen in a capture, from the snapshot's `workloads.json`
 * (hub-api.md §3.2): an IP at time t is the workload whose `ips[]` record for it has the greatest
 * timestamp ≤ t, else the earliest one. Identities are numbered (0 = unknown) so that calls store
 * a small id, not the strings.
 */
import { type Workload } from '../../../protocol/hubApi';
import { resolveAt } from '../../workloads/workloads';

export interface Identity {
  kind: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

export const NO_IDENTITY: Identity = Object.freeze({ kind: '', name: '', namespace: '', labels: Object.freeze(Object.create(null) as Record<string, string>) });

export class IdentityResolver {
  private readonly byIp = new Map<string, { timestamp: number; identity: number }[]>();
  /** Index 0 is "unknown". */
  readonly identities: Identity[] = [NO_IDENTITY];

  constructor(workloads: readonly Workload[]) {
    for (const w of workloads) {
      const id = this.identities.length;
      this.identities.push({ kind: w.kind, name: w.name, namespace: w.namespace, labels: w.labels });
      for (const r of w.ips) {
        let list = this.byIp.get(r.ip);
        if (!list) this.byIp.set(r.ip, (list = []));
        list.push({ timestamp: r.timestamp, identity: id });
      }
    }
  }

  get empty(): boolean {
    return this.byIp.size === 0;
  }

  /** Identity id of `ip` at Unix ms `tMs` (0 when unknown). */
  resolve(ip: string, tMs: number): number {
    const records = this.byIp.get(ip);
    if (!records) return 0;
    return records.length === 1 ? records[0]!.identity : (resolveAt(records, tMs)?.identity ?? 0);
  }
}
