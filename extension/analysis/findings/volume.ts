/**
 * High-volume connections: client workload → server pairs that move at least `highVolumeBytes`
 * and `highVolumeFactor` times more than expected — against a baseline, the same pair's byte
 * rate there (a pair new in the target only needs the minimum); without one, the median pair.
 */
import { isApiCall } from '../calls';
import { type FlowRecord } from '../flows';
import { groupLabel } from '../peers';
import { type SideData, windowMs } from '../sideData';
import { median } from '../statistics';
import { bpfOfPairs, evidenceFlows, examplesOf, kflOfPairs, pairsOf } from './evidence';
import { capped, type Detector, type Finding } from './finding';

function pairBytes(side: SideData): Map<string, { bytes: number; flows: FlowRecord[] }> {
  const pairs = new Map<string, { bytes: number; flows: FlowRecord[] }>();
  for (const f of side.flows.items) {
    const key = `${groupLabel(f.client, 'workload')} → ${groupLabel(f.server, 'service')}`;
    const pair = pairs.get(key) ?? { bytes: 0, flows: [] };
    pair.bytes += f.bytes;
    pair.flows.push(f);
    pairs.set(key, pair);
  }
  return pairs;
}

export const highVolume: Detector = ({ target, baseline, settings, classifier }) => {
  const pairs = pairBytes(target);
  const known = baseline ? pairBytes(baseline) : undefined;
  const typical = median([...pairs.values()].map((p) => p.bytes).sort((a, b) => a - b)) ?? 0;
  const scale = baseline ? windowMs(target) / windowMs(baseline) : 1;
  const findings: Finding[] = [];
  for (const [key, { bytes, flows }] of pairs) {
    if (bytes < settings.highVolumeBytes) continue;
    const expected = known ? (known.get(key)?.bytes ?? 0) * scale : pairs.size >= 3 ? typical : Infinity;
    if (bytes < settings.highVolumeFactor * expected) continue;
    const external = flows.some((f) => classifier.isExternal(f.server.ip));
    const ratio = expected > 0 ? bytes / expected : Infinity;
    const pairList = pairsOf([], flows);
    const addresses = new Set(pairList.map((p) => `${p.client} ${p.server}`));
    const calls = target.calls.items.filter((c) => isApiCall(c) && addresses.has(`${c.src.ip} ${c.dst.ip}`));
    findings.push({
      id: `high-volume:${key}`, detector: 'high-volume', severity: external ? 'high' : 'medium',
      title: `High volume ${key}: ${(bytes / (1 << 20)).toFixed(1)} MiB`,
      detail: `${key} moved ${bytes.toLocaleString('en-US')} bytes, ${Number.isFinite(ratio) ? `${ratio.toFixed(0)} times` : 'far more than'} ${known ? `its rate in '${baseline!.label}'` : 'the median connection'}.`,
      score: bytes,
      evidence: { kfl: kflOfPairs(pairList), bpf: bpfOfPairs(pairList), calls: calls.length, examples: examplesOf(calls), flows: evidenceFlows(flows), facts: [['Bytes', bytes.toLocaleString('en-US')]] },
    });
  }
  return capped(findings);
};
