/**
 * Error and latency spikes, per destination, in time buckets. For each destination the scan looks
 * at every run of consecutive buckets and tests its calls against a reference: the destination's
 * calls in the baseline when there is one (with enough calls), else the target's calls outside
 * the run. Errors: two-proportion z; latency: Mann–Whitney z with a median ratio of at least
 * `latencyRatio`. Because B buckets give B(B+1)/2 runs, the z threshold is Bonferroni-adjusted
 * for that many tests. The strongest run per destination is reported; a run may be the whole
 * window (a lasting regression against the baseline).
 */
import { rfc3339Utc } from '../../../kfl/localTime';
import { kflString } from '../../webviews/calls/kflFromCall';
import { destinationOf } from '../callGroups';
import { type CallRecord, isApiCall } from '../calls';
import { type Window } from '../sideData';
import { bonferroniZ, mannWhitneyZ, median, twoProportionZ } from '../statistics';
import { bpfOfHosts, examplesOf, kflBetween } from './evidence';
import { capped, type Detector, type DetectorInput, type Finding } from './finding';

/** Bucket steps (as get_api_stats chooses them, §5.17); the scan takes the smallest giving ≤ MAX_BUCKETS. */
const STEPS_MS = [1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000];
const MAX_BUCKETS = 30;

export function bucketSize(window: Window, configured: number): number {
  if (configured > 0) return configured;
  const span = Math.max(1, window.end - window.start + 1);
  return STEPS_MS.find((step) => Math.ceil(span / step) <= MAX_BUCKETS) ?? STEPS_MS[STEPS_MS.length - 1]!;
}

interface Run {
  readonly first: number;
  readonly last: number;
  readonly calls: CallRecord[];
  readonly z: number;
  readonly effect: number;
}

const sortedLatencies = (calls: readonly CallRecord[]): number[] =>
  calls.map((c) => c.latencyMs).filter((l): l is number => l !== null).sort((a, b) => a - b);

function spanOf(calls: readonly CallRecord[]): Window {
  let start = Infinity;
  let end = -Infinity;
  for (const c of calls) {
    start = Math.min(start, c.ts);
    end = Math.max(end, c.ts);
  }
  return { start, end };
}

/**
 * A failure of the destination itself. A lookup answered NXDOMAIN is an answer about a name the
 * client chose; bursts of those are the failed-lookup detector's, not the DNS server's spike.
 */
function failed(call: CallRecord): boolean {
  return call.error && !(call.proto === 'dns' && call.status === NXDOMAIN);
}

const NXDOMAIN = 3;

type Test = (run: readonly CallRecord[], reference: readonly CallRecord[]) => { z: number; effect: number } | undefined;

/** The strongest run of buckets by `test`, if it passes the adjusted threshold. */
function scan(calls: readonly CallRecord[], reference: readonly CallRecord[] | undefined, origin: number, size: number, threshold: number, test: Test, minCalls: number): Run | undefined {
  const buckets: CallRecord[][] = [];
  for (const c of calls) (buckets[Math.floor((c.ts - origin) / size)] ??= []).push(c);
  const count = buckets.length;
  const z = bonferroniZ(threshold, (count * (count + 1)) / 2);
  let best: Run | undefined;
  for (let first = 0; first < count; first++) {
    const run: CallRecord[] = [];
    for (let last = first; last < count; last++) {
      for (const c of buckets[last] ?? []) run.push(c);
      if (run.length < minCalls) continue;
      const ref = reference ?? [...buckets.slice(0, first).flat(), ...buckets.slice(last + 1).flat()];
      if (ref.length < minCalls) continue;
      const result = test(run, ref);
      if (!result || result.z < z) continue;
      if (!best || result.z > best.z) best = { first, last, calls: [...run], z: result.z, effect: result.effect };
    }
  }
  return best;
}

function byDestination(calls: readonly CallRecord[]): Map<string, CallRecord[]> {
  const out = new Map<string, CallRecord[]>();
  for (const c of calls) if (isApiCall(c)) out.set(destinationOf(c), [...(out.get(destinationOf(c)) ?? []), c]);
  return out;
}

function spikes(input: DetectorInput, metric: 'errors' | 'latency'): Finding[] {
  const { target, baseline, settings } = input;
  const targets = byDestination(target.calls.items);
  const references = baseline ? byDestination(baseline.calls.items) : new Map<string, CallRecord[]>();
  const errorTest: Test = (run, ref) => {
    const runErrors = run.filter(failed).length;
    const refErrors = ref.filter(failed).length;
    const effect = runErrors / run.length - refErrors / ref.length;
    return effect >= settings.errorRateDelta ? { z: twoProportionZ(refErrors, ref.length, runErrors, run.length), effect } : undefined;
  };
  const latencyTest: Test = (run, ref) => {
    const a = sortedLatencies(ref);
    const b = sortedLatencies(run);
    if (a.length < settings.minCalls || b.length < settings.minCalls) return undefined;
    const ratio = median(b)! / Math.max(median(a)!, 1e-6);
    return ratio >= settings.latencyRatio ? { z: mannWhitneyZ(a, b), effect: ratio } : undefined;
  };
  const findings: Finding[] = [];
  for (const [destination, calls] of targets) {
    if (calls.length < settings.minCalls) continue;
    const span = target.window ?? spanOf(calls);
    const size = bucketSize(span, settings.bucketMs);
    const baselineCalls = references.get(destination);
    const reference = baselineCalls && baselineCalls.length >= settings.minCalls ? baselineCalls : undefined;
    const run = scan(calls, reference, Math.floor(span.start / size) * size, size, settings.zThreshold, metric === 'errors' ? errorTest : latencyTest, settings.minCalls);
    if (!run) continue;
    findings.push(metric === 'errors' ? errorFinding(input, destination, run, reference, size) : latencyFinding(input, destination, run, reference, size));
  }
  return capped(findings);
}

function evidenceOf(run: Run, size: number, facts: [string, string][]): Finding['evidence'] {
  const window = spanOf(run.calls);
  const clients = new Set(run.calls.map((c) => c.src.ip));
  const servers = new Set(run.calls.map((c) => c.dst.ip));
  const inWindow = `timestamp >= timestamp(${kflString(rfc3339Utc(window.start))}) && timestamp < timestamp(${kflString(rfc3339Utc(window.end + 1))})`;
  return {
    kfl: kflBetween(clients, servers, inWindow), bpf: bpfOfHosts(servers), calls: run.calls.length, examples: examplesOf(run.calls.filter(failed).concat(run.calls)),
    flows: [], facts: [...facts, ['Buckets', `${run.last - run.first + 1} × ${size / 1000} s`]],
  };
}

function referenceText(input: DetectorInput, reference: readonly CallRecord[] | undefined): string {
  return reference ? `in '${input.baseline!.label}'` : 'in the rest of the window';
}

function errorFinding(input: DetectorInput, destination: string, run: Run, reference: readonly CallRecord[] | undefined, size: number): Finding {
  const errors = run.calls.filter(failed).length;
  const rate = errors / run.calls.length;
  const window = spanOf(run.calls);
  const referenceRate = rate - run.effect;
  return {
    id: `error-spike:${destination}`, detector: 'error-spike', severity: rate >= 0.2 ? 'high' : 'medium',
    title: `Errors at ${destination}: ${(rate * 100).toFixed(1)} % of ${run.calls.length} calls`,
    detail: `${errors} of ${run.calls.length} calls to ${destination} failed between ${input.formatTime(window.start)} and ${input.formatTime(window.end)}, against ${(referenceRate * 100).toFixed(1)} % ${referenceText(input, reference)} (z = ${run.z.toFixed(1)}).`,
    score: run.z,
    evidence: evidenceOf(run, size, [['Error rate', `${(referenceRate * 100).toFixed(1)} % → ${(rate * 100).toFixed(1)} %`], ['z', run.z.toFixed(1)]]),
  };
}

function latencyFinding(input: DetectorInput, destination: string, run: Run, reference: readonly CallRecord[] | undefined, size: number): Finding {
  const window = spanOf(run.calls);
  const runMedian = median(sortedLatencies(run.calls)) ?? 0;
  return {
    id: `latency-spike:${destination}`, detector: 'latency-spike', severity: run.effect >= input.settings.latencyRatio ** 2 ? 'high' : 'medium',
    title: `Latency at ${destination}: ×${run.effect.toFixed(1)} (p50 ${runMedian.toFixed(1)} ms)`,
    detail: `Calls to ${destination} between ${input.formatTime(window.start)} and ${input.formatTime(window.end)} had a median latency ${run.effect.toFixed(2)} times the median ${referenceText(input, reference)} (z = ${run.z.toFixed(1)}).`,
    score: run.z,
    evidence: evidenceOf(run, size, [['Median ratio', `×${run.effect.toFixed(2)}`], ['p50', `${runMedian.toFixed(1)} ms`], ['z', run.z.toFixed(1)]]),
  };
}

export const errorSpikes: Detector = (input) => spikes(input, 'errors');
export const latencySpikes: Detector = (input) => spikes(input, 'latency');
