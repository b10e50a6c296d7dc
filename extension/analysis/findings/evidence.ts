/** Evidence pieces the detectors share: flows of address pairs, and the filters of a set of calls. */
import { type CallRecord } from '../calls';
import { allOf, bpfForHosts, bpfForPairs, kflForIps, kflForPairs } from '../filters';
import { type FlowPair, type FlowRecord } from '../flows';
import { peerLabel } from '../peers';
import { API_CALLS_KFL } from '../sideData';
import { type EvidenceFlow } from './finding';

const MAX_EVIDENCE_FLOWS = 20;
const MAX_EXAMPLES = 5;

export function evidenceFlows(flows: readonly FlowRecord[]): EvidenceFlow[] {
  return [...flows].sort((a, b) => b.bytes - a.bytes).slice(0, MAX_EVIDENCE_FLOWS).map((f) => ({
    label: `${peerLabel(f.client)} → ${peerLabel(f.server)}${f.server.port === undefined ? '' : `:${f.server.port}`} (${f.proto})`,
    bytes: f.bytes, pkts: f.pkts,
  }));
}

export function examplesOf(calls: readonly CallRecord[]): string[] {
  return calls.slice(0, MAX_EXAMPLES).map((c) => c.id).filter(Boolean);
}

/** The client → server pairs of calls and flows, deduplicated. */
export function pairsOf(calls: readonly CallRecord[], flows: readonly FlowRecord[] = []): FlowPair[] {
  const pairs = new Map<string, FlowPair>();
  for (const c of calls) pairs.set(`${c.src.ip} ${c.dst.ip} ${c.dst.port ?? ''}`, { client: c.src.ip, server: c.dst.ip, port: c.dst.port, proto: '' });
  for (const f of flows) pairs.set(`${f.client.ip} ${f.server.ip} ${f.server.port ?? ''}`, { client: f.client.ip, server: f.server.ip, port: f.server.port, proto: f.proto });
  return [...pairs.values()];
}

/** API calls between the pairs' addresses. */
export function kflOfPairs(pairs: readonly FlowPair[], ...more: string[]): string {
  return allOf(API_CALLS_KFL, kflForPairs(pairs).filter, ...more);
}

/** Calls from these clients to these servers (addresses only). */
export function kflBetween(clients: Iterable<string>, servers: Iterable<string>, ...more: string[]): string {
  return allOf(API_CALLS_KFL, kflForIps('src', clients).filter, kflForIps('dst', servers).filter, ...more);
}

export function bpfOfPairs(pairs: readonly FlowPair[]): string {
  return bpfForPairs(pairs).filter;
}

export function bpfOfHosts(ips: Iterable<string>): string {
  return bpfForHosts(ips).filter;
}
