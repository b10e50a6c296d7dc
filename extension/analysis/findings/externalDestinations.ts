/**
 * External destinations: servers outside every internal range (addresses.ts) that workloads
 * connected to. Against a baseline only the ones the baseline never saw are reported (high);
 * without one, every external destination is (medium): what normally talks out is not known.
 */
import { isApiCall } from '../calls';
import { allOf, kflForIps } from '../filters';
import { groupLabel } from '../peers';
import { API_CALLS_KFL } from '../sideData';
import { bpfOfHosts, evidenceFlows, examplesOf } from './evidence';
import { capped, type Detector, type DetectorInput, type Finding } from './finding';

function externalServers(input: DetectorInput, side: DetectorInput['target']): Set<string> {
  const out = new Set<string>();
  for (const f of side.flows.items) if (input.classifier.isExternal(f.server.ip)) out.add(f.server.ip);
  for (const c of side.calls.items) if (isApiCall(c) && input.classifier.isExternal(c.dst.ip)) out.add(c.dst.ip);
  return out;
}

export const externalDestinations: Detector = (input) => {
  const { target, baseline } = input;
  const known = baseline ? externalServers(input, baseline) : new Set<string>();
  const findings: Finding[] = [];
  for (const ip of externalServers(input, target)) {
    if (known.has(ip)) continue;
    const flows = target.flows.items.filter((f) => f.server.ip === ip);
    const calls = target.calls.items.filter((c) => isApiCall(c) && c.dst.ip === ip);
    const clients = [...new Set([...flows.map((f) => groupLabel(f.client, 'workload')), ...calls.map((c) => groupLabel(c.src, 'workload'))])].sort();
    const bytes = flows.reduce((sum, f) => sum + f.bytes, 0);
    findings.push({
      id: `external-destination:${ip}`, detector: 'external-destination',
      severity: baseline ? 'high' : 'medium',
      title: `${baseline ? 'New external destination' : 'External destination'} ${ip}`,
      detail: `${clients.join(', ') || 'Unknown clients'} connected to ${ip}${baseline ? `, which '${baseline.label}' never saw` : ''}.`,
      score: bytes + calls.length,
      evidence: {
        kfl: allOf(API_CALLS_KFL, kflForIps('dst', [ip]).filter), bpf: bpfOfHosts([ip]), calls: calls.length, examples: examplesOf(calls),
        flows: evidenceFlows(flows), facts: [['Clients', clients.join(', ')], ['Bytes', String(bytes)]],
      },
    });
  }
  return capped(findings);
};
