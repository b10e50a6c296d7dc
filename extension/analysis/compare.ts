/**
 * Compare Snapshots: per service pair and per endpoint, the figures of both sides, the deltas,
 * and how significant each is; plus what is new in B and what vanished from A (edges, external
 * destinations, DNS names, endpoints, user agents). Rows sort by significance score (the largest
 * |z| among the tests that passed their minimum counts and effect sizes; README.md).
 */
import { kflForPath, kflString, protocolTerm } from '../webviews/calls/kflFromCall';
import { type AddressClassifier } from './addresses';
import { type CallGroup, endpointOf, figuresOf, type GroupFigures, groupCalls, normalizePath, servicePairOf } from './callGroups';
import { type CallRecord, dnsNameOf, isApiCall } from './calls';
import { allOf, kflForIps } from './filters';
import { groupLabel } from './peers';
import { API_CALLS_KFL, type SideData, windowMs } from './sideData';
import { median, mannWhitneyZ, rateZ, twoProportionZ } from './statistics';

export interface CompareThresholds {
  /** Calls each side needs before a test counts. */
  readonly minCalls: number;
  /** |z| from which a delta is significant. */
  readonly zThreshold: number;
  /** Median latency ratio (either way) from which a latency change counts. */
  readonly latencyRatio: number;
  /** Absolute error-rate change (0.01 = one percentage point) from which an error change counts. */
  readonly errorRateDelta: number;
}

export const DEFAULT_THRESHOLDS: CompareThresholds = { minCalls: 20, zThreshold: 3, latencyRatio: 1.5, errorRateDelta: 0.01 };

export type Metric = 'errors' | 'latency' | 'calls';

export interface TestResult {
  readonly metric: Metric;
  /** Signed: positive when B has more errors, is slower, or has more calls per second. */
  readonly z: number;
  readonly significant: boolean;
  /** `error rate 0.0 % → 48.3 % (z = 5.8)`. */
  readonly text: string;
}

export type RowKind = 'pair' | 'endpoint';

export interface DeltaRow {
  readonly kind: RowKind;
  readonly label: string;
  readonly a?: GroupFigures;
  readonly b?: GroupFigures;
  readonly tests: readonly TestResult[];
  /** Largest |z| of the significant tests; 0 when none is. */
  readonly score: number;
  /** The KFL filter of this row's calls on each side (undefined: no calls there). */
  readonly kflA?: string;
  readonly kflB?: string;
}

export type ChangeCategory = 'edge' | 'external' | 'dns' | 'endpoint' | 'userAgent';

export interface ChangeItem {
  readonly category: ChangeCategory;
  readonly label: string;
  /** Calls (or flows, for edges and external destinations) on the side that has it. */
  readonly count: number;
  /** Finds it on the side that has it. */
  readonly kfl: string;
}

export interface Comparison {
  readonly rows: readonly DeltaRow[];
  /** In B, not in A. */
  readonly added: readonly ChangeItem[];
  /** In A, not in B. */
  readonly removed: readonly ChangeItem[];
  /** What limits the comparison (caps reached). */
  readonly notes: readonly string[];
}

/** Addresses kept per edge for its KFL filter. */
const MAX_INVENTORY_IPS = 256;

const pct = (ratio: number): string => `${(ratio * 100).toFixed(1)} %`;
const ms = (value: number | null): string => (value === null ? '–' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value >= 100 ? 0 : 1)} ms`);
const zText = (z: number): string => `z = ${z >= 0 ? '' : '−'}${Math.abs(z).toFixed(1)}`;

function errorTest(a: CallGroup, b: CallGroup, t: CompareThresholds): TestResult | undefined {
  if (a.calls < t.minCalls || b.calls < t.minCalls) return undefined;
  const z = twoProportionZ(a.errors, a.calls, b.errors, b.calls);
  const delta = b.errors / b.calls - a.errors / a.calls;
  return { metric: 'errors', z, significant: Math.abs(z) >= t.zThreshold && Math.abs(delta) >= t.errorRateDelta, text: `error rate ${pct(a.errors / a.calls)} → ${pct(b.errors / b.calls)} (${zText(z)})` };
}

function latencyTest(a: CallGroup, b: CallGroup, t: CompareThresholds): TestResult | undefined {
  if (a.latencies.length < t.minCalls || b.latencies.length < t.minCalls) return undefined;
  const ma = median(a.latencies)!;
  const mb = median(b.latencies)!;
  const z = mannWhitneyZ(a.latencies, b.latencies);
  const ratio = ma > 0 ? mb / ma : mb > 0 ? Infinity : 1;
  const large = ratio >= t.latencyRatio || ratio <= 1 / t.latencyRatio;
  return { metric: 'latency', z, significant: Math.abs(z) >= t.zThreshold && large, text: `p50 ${ms(ma)} → ${ms(mb)} (×${Number.isFinite(ratio) ? ratio.toFixed(2) : '∞'}, ${zText(z)})` };
}

function volumeTest(a: CallGroup, b: CallGroup, msA: number, msB: number, t: CompareThresholds): TestResult | undefined {
  if (a.calls < t.minCalls && b.calls < t.minCalls) return undefined;
  const z = rateZ(a.calls, msA, b.calls, msB);
  const rateA = (a.calls * 1000) / msA;
  const rateB = (b.calls * 1000) / msB;
  // The same effect-size rule as latency: a change of volume counts from the same ratio.
  const ratio = rateA > 0 ? rateB / rateA : Infinity;
  const large = ratio >= t.latencyRatio || ratio <= 1 / t.latencyRatio;
  return { metric: 'calls', z, significant: Math.abs(z) >= t.zThreshold && large, text: `calls/s ${rateA.toFixed(2)} → ${rateB.toFixed(2)} (${zText(z)})` };
}

/** The KFL filter of a group's calls on one side: its addresses (and, for endpoints, its operation). */
function groupKfl(kind: RowKind, group: CallGroup): string {
  const sides = allOf(kflForIps('src', group.srcIps).filter, kflForIps('dst', group.dstIps).filter);
  if (kind === 'pair') return allOf(API_CALLS_KFL, sides);
  const call = group.sample;
  const operation = call.proto === 'http' || call.proto === 'grpc'
    ? [call.method ? `method == ${kflString(call.method)}` : '', kflForPath(normalizePath(call.path))]
    : call.proto === 'dns' && call.path ? [`${kflString(call.path)} in dns_questions`] : call.method ? [`method == ${kflString(call.method)}`] : [];
  return allOf(protocolTerm(call.proto), ...operation, kflForIps('dst', group.dstIps).filter);
}

function rowsOf(kind: RowKind, a: Map<string, CallGroup>, b: Map<string, CallGroup>, msA: number, msB: number, t: CompareThresholds): DeltaRow[] {
  const rows: DeltaRow[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const ga = a.get(key);
    const gb = b.get(key);
    const tests = ga && gb
      ? [errorTest(ga, gb, t), latencyTest(ga, gb, t), volumeTest(ga, gb, msA, msB, t)].filter((x): x is TestResult => x !== undefined)
      : [];
    const significant = tests.filter((x) => x.significant);
    rows.push({
      kind, label: key, a: figuresOf(ga), b: figuresOf(gb), tests,
      score: significant.length > 0 ? Math.max(...significant.map((x) => Math.abs(x.z))) : 0,
      kflA: ga && groupKfl(kind, ga), kflB: gb && groupKfl(kind, gb),
    });
  }
  return rows;
}

interface Inventory {
  readonly edges: Map<string, { count: number; kfl: string }>;
  readonly externals: Map<string, { count: number; kfl: string }>;
  readonly dns: Map<string, { count: number; kfl: string }>;
  readonly userAgents: Map<string, { count: number; kfl: string }>;
}

function bump(map: Map<string, { count: number; kfl: string }>, key: string, kfl: () => string, by = 1): void {
  const entry = map.get(key);
  if (entry) entry.count += by;
  else map.set(key, { count: by, kfl: kfl() });
}

function inventoryOf(side: SideData, calls: readonly CallRecord[], classifier: AddressClassifier): Inventory {
  const inventory: Inventory = { edges: new Map(), externals: new Map(), dns: new Map(), userAgents: new Map() };
  const edgeIps = new Map<string, { src: Set<string>; dst: Set<string> }>();
  // Flows count first; an edge or destination only calls show (a Hub without flows) counts its calls.
  const fromFlows = new Set<string>();
  const edge = (label: string, src: string, dst: string, flow: boolean): void => {
    const ips = edgeIps.get(label) ?? { src: new Set(), dst: new Set() };
    if (ips.src.size < MAX_INVENTORY_IPS) ips.src.add(src);
    if (ips.dst.size < MAX_INVENTORY_IPS) ips.dst.add(dst);
    edgeIps.set(label, ips);
    if (flow) fromFlows.add(label);
    if (flow || !fromFlows.has(label)) bump(inventory.edges, label, () => '');
    if (classifier.isExternal(dst) && (flow || !fromFlows.has(dst))) {
      if (flow) fromFlows.add(dst);
      bump(inventory.externals, dst, () => `dst.ip == ${kflString(dst)}`);
    }
  };
  for (const flow of side.flows.items) edge(`${groupLabel(flow.client, 'workload')} → ${groupLabel(flow.server, 'service')}`, flow.client.ip, flow.server.ip, true);
  for (const call of calls) {
    edge(servicePairOf(call), call.src.ip, call.dst.ip, false);
    const name = dnsNameOf(call);
    if (name) bump(inventory.dns, name, () => `dns && ${kflString(call.path)} in dns_questions`);
    const ua = call.userAgent;
    if (ua !== undefined) bump(inventory.userAgents, ua, () => `http && "user-agent" in request.headers && request.headers["user-agent"] == ${kflString(ua)}`);
  }
  for (const [label, entry] of inventory.edges) {
    const ips = edgeIps.get(label)!;
    entry.kfl = allOf(kflForIps('src', ips.src).filter, kflForIps('dst', ips.dst).filter);
  }
  return inventory;
}

function changes(category: ChangeCategory, from: Map<string, { count: number; kfl: string }>, without: Map<string, unknown>): ChangeItem[] {
  return [...from].filter(([key]) => !without.has(key)).map(([label, { count, kfl }]) => ({ category, label, count, kfl })).sort((x, y) => y.count - x.count);
}

export function compareSides(a: SideData, b: SideData, thresholds: CompareThresholds, classifier: AddressClassifier): Comparison {
  const callsA = a.calls.items.filter(isApiCall);
  const callsB = b.calls.items.filter(isApiCall);
  const msA = windowMs(a);
  const msB = windowMs(b);
  const endpointsA = groupCalls(callsA, endpointOf);
  const endpointsB = groupCalls(callsB, endpointOf);
  const rows = [
    ...rowsOf('pair', groupCalls(callsA, servicePairOf), groupCalls(callsB, servicePairOf), msA, msB, thresholds),
    ...rowsOf('endpoint', endpointsA, endpointsB, msA, msB, thresholds),
  ].sort((x, y) => y.score - x.score || (y.b?.calls ?? 0) + (y.a?.calls ?? 0) - ((x.b?.calls ?? 0) + (x.a?.calls ?? 0)) || (x.label < y.label ? -1 : 1));
  const ia = inventoryOf(a, callsA, classifier);
  const ib = inventoryOf(b, callsB, classifier);
  const endpointItems = (groups: Map<string, CallGroup>): Map<string, { count: number; kfl: string }> =>
    new Map([...groups].map(([key, g]) => [key, { count: g.calls, kfl: groupKfl('endpoint', g) }]));
  const [ea, eb] = [endpointItems(endpointsA), endpointItems(endpointsB)];
  const diff = (x: Inventory, y: Inventory, ex: typeof ea, ey: typeof eb): ChangeItem[] => [
    ...changes('edge', x.edges, y.edges), ...changes('external', x.externals, y.externals), ...changes('dns', x.dns, y.dns),
    ...changes('endpoint', ex, ey), ...changes('userAgent', x.userAgents, y.userAgents),
  ];
  const notes: string[] = [];
  for (const side of [a, b]) {
    if (side.calls.truncated) notes.push(`'${side.label}': the first ${side.calls.items.length.toLocaleString('en-US')} calls${side.calls.total === undefined ? '' : ` of ${side.calls.total.toLocaleString('en-US')}`} were compared (kubeshark.analysis.callCap).`);
    if (side.flows.truncated) notes.push(`'${side.label}': the ${side.flows.items.length.toLocaleString('en-US')} largest flows${side.flows.total === undefined ? '' : ` of ${side.flows.total.toLocaleString('en-US')}`} were compared.`);
  }
  return { rows, added: diff(ib, ia, eb, ea), removed: diff(ia, ib, ea, eb), notes };
}
