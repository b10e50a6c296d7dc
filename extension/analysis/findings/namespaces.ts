/**
 * Connections from unexpected namespaces (against a baseline only): client namespace → server
 * namespace pairs across namespaces that the baseline never had. A client without a namespace
 * (an address no workload held) counts as the namespace "(unknown)".
 */
import { type CallRecord, isApiCall } from '../calls';
import { type FlowRecord } from '../flows';
import { bpfOfPairs, evidenceFlows, examplesOf, kflOfPairs, pairsOf } from './evidence';
import { capped, type Detector, type DetectorInput, type Finding } from './finding';
import { groupLabel, type Peer } from '../peers';

const UNKNOWN = '(unknown)';

function namespaceOf(peer: Peer, input: DetectorInput): string | undefined {
  if (peer.namespace) return peer.namespace;
  // Outside addresses are the external-destination detector's; an internal address without identity is unknown.
  return input.classifier.isExternal(peer.ip) ? undefined : UNKNOWN;
}

function crossPairs(side: DetectorInput['target'], input: DetectorInput): Map<string, { flows: FlowRecord[]; calls: CallRecord[] }> {
  const pairs = new Map<string, { flows: FlowRecord[]; calls: CallRecord[] }>();
  const add = (client: Peer, server: Peer, item: { flow?: FlowRecord; call?: CallRecord }): void => {
    const from = namespaceOf(client, input);
    const to = server.namespace;
    if (from === undefined || to === undefined || from === to) return;
    const key = `${from} → ${to}`;
    const entry = pairs.get(key) ?? { flows: [], calls: [] };
    if (item.flow) entry.flows.push(item.flow);
    if (item.call) entry.calls.push(item.call);
    pairs.set(key, entry);
  };
  for (const f of side.flows.items) add(f.client, f.server, { flow: f });
  for (const c of side.calls.items) if (isApiCall(c)) add(c.src, c.dst, { call: c });
  return pairs;
}

export const unexpectedNamespaces: Detector = (input) => {
  const { target, baseline } = input;
  if (!baseline) return [];
  const known = crossPairs(baseline, input);
  const findings: Finding[] = [];
  for (const [key, { flows, calls }] of crossPairs(target, input)) {
    if (known.has(key)) continue;
    const pairs = pairsOf(calls, flows);
    const clients = [...new Set([...flows.map((f) => groupLabel(f.client, 'workload')), ...calls.map((c) => groupLabel(c.src, 'workload'))])].sort();
    const servers = [...new Set([...flows.map((f) => groupLabel(f.server, 'service')), ...calls.map((c) => groupLabel(c.dst, 'service'))])].sort();
    findings.push({
      id: `unexpected-namespace:${key}`, detector: 'unexpected-namespace', severity: 'medium',
      title: `Connections ${key}`,
      detail: `${clients.join(', ')} connected to ${servers.join(', ')}; '${baseline.label}' had no traffic from namespace ${key.split(' → ')[0]} to ${key.split(' → ')[1]}.`,
      score: flows.length + calls.length,
      evidence: { kfl: kflOfPairs(pairs), bpf: bpfOfPairs(pairs), calls: calls.length, examples: examplesOf(calls), flows: evidenceFlows(flows), facts: [['Clients', clients.join(', ')], ['Servers', servers.join(', ')]] },
    });
  }
  return capped(findings);
};
