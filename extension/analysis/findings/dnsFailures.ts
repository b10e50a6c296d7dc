/**
 * Bursts of failed DNS lookups: a client with at least `dnsFailureBurst` failed lookups (rcode not
 * 0) within one minute — typical of a tool probing names or of domain-generation malware.
 */
import { rfc3339Utc } from '../../../kfl/localTime';
import { kflString } from '../../webviews/calls/kflFromCall';
import { allOf, kflForIps } from '../filters';
import { type CallRecord } from '../calls';
import { groupLabel } from '../peers';
import { bpfOfHosts, examplesOf } from './evidence';
import { capped, type Detector, type Finding } from './finding';

const BURST_WINDOW_MS = 60_000;

export const dnsFailureBursts: Detector = ({ target, settings, formatTime }) => {
  const byClient = new Map<string, CallRecord[]>();
  for (const c of target.calls.items) if (c.proto === 'dns' && c.error) byClient.set(c.src.ip, [...(byClient.get(c.src.ip) ?? []), c]);
  const findings: Finding[] = [];
  for (const [ip, failures] of byClient) {
    failures.sort((a, b) => a.ts - b.ts);
    // The densest minute: a sliding window over the sorted times.
    let best = { from: 0, to: -1 };
    for (let from = 0, to = 0; to < failures.length; to++) {
      while (failures[to]!.ts - failures[from]!.ts > BURST_WINDOW_MS) from++;
      if (to - from > best.to - best.from) best = { from, to };
    }
    const burst = failures.slice(best.from, best.to + 1);
    if (burst.length < settings.dnsFailureBurst) continue;
    const names = [...new Set(burst.map((c) => c.path))];
    const who = groupLabel(burst[0]!.src, 'workload');
    const start = burst[0]!.ts;
    const end = burst[burst.length - 1]!.ts;
    findings.push({
      id: `dns-failures:${ip}`, detector: 'dns-failures', severity: 'medium',
      title: `${burst.length} failed DNS lookups by ${who}`,
      detail: `${who} had ${burst.length} failed lookups of ${names.length} name${names.length === 1 ? '' : 's'} between ${formatTime(start)} and ${formatTime(end)}.`,
      score: burst.length,
      evidence: {
        kfl: allOf('dns && status_code != 0', kflForIps('src', [ip]).filter, `timestamp >= timestamp(${kflString(rfc3339Utc(start))}) && timestamp < timestamp(${kflString(rfc3339Utc(end + 1))})`),
        bpf: bpfOfHosts([ip]) ? `host ${ip} and port 53` : '', calls: burst.length, examples: examplesOf(burst), flows: [],
        facts: [['Names', names.slice(0, 10).join(', ') + (names.length > 10 ? ` and ${names.length - 10} more` : '')]],
      },
    });
  }
  return capped(findings);
};
