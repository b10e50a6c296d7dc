/**
 * One BPF over the evidence of several findings ("Export Evidence PCAP"): the findings' own
 * filters joined with `or` while that stays small, else every address they name as `host` terms —
 * a superset that still holds every packet of every finding.
 */
import { bpfForHosts } from '../filters';
import { type Finding } from './finding';

/** Past this many characters the per-finding filters give way to the host set. */
export const MAX_COMBINED_BPF = 4096;
const ADDRESS = /\bhost ([0-9A-Fa-f:.]+)/g;

export interface CombinedBpf {
  readonly bpf: string;
  /** Findings without a BPF (nothing of them is exported). */
  readonly without: readonly Finding[];
}

export function combinedBpf(findings: readonly Finding[]): CombinedBpf {
  const filters = [...new Set(findings.map((f) => f.evidence.bpf).filter((b) => b !== ''))];
  const without = findings.filter((f) => f.evidence.bpf === '');
  const joined = filters.length === 1 ? filters[0]! : filters.map((f) => `(${f})`).join(' or ');
  if (joined.length <= MAX_COMBINED_BPF) return { bpf: joined, without };
  const hosts = filters.flatMap((f) => [...f.matchAll(ADDRESS)].map((m) => m[1]!));
  return { bpf: bpfForHosts(hosts).filter, without };
}
