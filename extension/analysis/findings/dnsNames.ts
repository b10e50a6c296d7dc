/**
 * New DNS names (against a baseline only): names looked up in the target that the baseline never
 * asked for. Names whose every lookup failed are left to the failed-lookup detector.
 */
import { type CallRecord, dnsNameOf } from '../calls';
import { kflString } from '../../webviews/calls/kflFromCall';
import { allOf, kflForIps } from '../filters';
import { groupLabel } from '../peers';
import { bpfOfHosts, examplesOf } from './evidence';
import { capped, type Detector, type Finding } from './finding';

export const newDnsNames: Detector = ({ target, baseline }) => {
  if (!baseline) return [];
  const known = new Set(baseline.calls.items.map(dnsNameOf).filter((n): n is string => n !== undefined));
  const byName = new Map<string, CallRecord[]>();
  for (const call of target.calls.items) {
    const name = dnsNameOf(call);
    if (name === undefined || known.has(name)) continue;
    byName.set(name, [...(byName.get(name) ?? []), call]);
  }
  const findings: Finding[] = [];
  for (const [name, calls] of byName) {
    if (calls.every((c) => c.error)) continue;
    const clients = [...new Set(calls.map((c) => c.src.ip))];
    const who = [...new Set(calls.map((c) => groupLabel(c.src, 'workload')))].sort();
    const bpfHosts = bpfOfHosts(clients);
    findings.push({
      id: `new-dns-name:${name}`, detector: 'new-dns-name', severity: 'medium',
      title: `New DNS name ${name}`,
      detail: `${who.join(', ')} looked up ${name} (${calls.length} lookup${calls.length === 1 ? '' : 's'}); '${baseline.label}' never did.`,
      score: calls.length,
      evidence: {
        kfl: allOf(`dns && ${kflString(calls[0]!.path)} in dns_questions`, kflForIps('src', clients).filter),
        bpf: bpfHosts ? `(${bpfHosts}) and port 53` : '', calls: calls.length, examples: examplesOf(calls), flows: [],
        facts: [['Asked by', who.join(', ')]],
      },
    });
  }
  return capped(findings);
};
