/**
 * Our calls against the oracle's (tshark) and the generator's manifest: counts per protocol, the
 * multiset of (protocol, method, status, path), and latency per call joined by conversation and
 * time order.
 */
import { type CallFull } from '../../../../protocol/hubApi';
import { type OracleCall } from './oracle';

const RCODE_NAMES: Record<number, string> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

/** The oracle's protocol classes: HTTP/1 and HTTP/2 are apart there. */
export function classOf(call: CallFull): string {
  if (call.proto === 'http') return call.http_version === 'HTTP/2' ? 'http2' : 'http';
  return call.proto;
}

function answered(call: CallFull): boolean {
  return call.error?.type !== 'pair-not-found';
}

export function ourKey(call: CallFull): string {
  const cls = classOf(call);
  const status = answered(call) ? String(call.status) : 'none';
  switch (cls) {
    case 'grpc': return `grpc|${call.method}|${status}|${call.url ?? call.path}|${call.grpc_status ?? -1}`;
    case 'dns': return `dns|${call.method}|${answered(call) ? (RCODE_NAMES[call.status] ?? call.status) : 'none'}|${call.path}`;
    case 'redis': return `redis|${call.method}|${answered(call) ? (call.status === 0 ? 'OK' : 'ERR') : 'none'}|${call.path}`;
    case 'tls': return `tls|||${call.path}`;
    default: return `${cls}|${call.method}|${status}|${call.url ?? call.path}`;
  }
}

export function oracleKey(o: OracleCall): string {
  const status = o.status === null || o.status === undefined ? 'none' : String(o.status);
  switch (o.proto) {
    case 'grpc': return `grpc|${o.method}|${status}|${o.path}|${o.grpcStatus ?? -1}`;
    case 'dns': return `dns|${o.qtype}|${o.rcode ?? 'none'}|${o.qname}`;
    case 'redis': return `redis|${o.method}|${status}|${o.path}`;
    case 'tls': return `tls|||${o.sni ?? ''}`;
    default: return `${o.proto}|${o.method}|${status}|${o.path}`;
  }
}

export function counts<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}

/** Keys whose counts differ, as "key: ours vs theirs" (empty when the multisets are equal). */
export function multisetDiff(ours: Map<string, number>, theirs: Map<string, number>): string[] {
  const keys = new Set([...ours.keys(), ...theirs.keys()]);
  return [...keys].filter((k) => (ours.get(k) ?? 0) !== (theirs.get(k) ?? 0)).sort().map((k) => `${k}: ours ${ours.get(k) ?? 0} vs tshark ${theirs.get(k) ?? 0}`);
}

export interface LatencyCheck {
  compared: number;
  worstMs: number;
  /** Joined pairs whose latencies differ by more than the tolerance. */
  outliers: string[];
}

/**
 * Joins answered HTTP/1 calls by conversation (client and server address) and DNS calls by
 * question, each in time order, and compares latency with tshark's http.time / dns.time.
 */
export function compareLatencies(ours: readonly CallFull[], theirs: readonly OracleCall[], toleranceMs = 1): LatencyCheck {
  const check: LatencyCheck = { compared: 0, worstMs: 0, outliers: [] };
  const addr = (e: { ip: string; port: number }): string => `${e.ip}:${e.port}`;
  const groups = (items: { key: string; t: number; ms: number; what: string }[]): Map<string, typeof items> => {
    const m = new Map<string, typeof items>();
    for (const i of items) (m.get(i.key) ?? m.set(i.key, []).get(i.key)!).push(i);
    for (const list of m.values()) list.sort((a, b) => a.t - b.t);
    return m;
  };
  const mine = groups([
    ...ours.filter((c) => classOf(c) === 'http' && answered(c)).map((c) => ({ key: `http ${addr(c.src)} ${addr(c.dst)}`, t: c.ts, ms: c.latency_ms, what: `${c.id} ${c.method} ${c.url}` })),
    ...ours.filter((c) => c.proto === 'dns' && answered(c)).map((c) => ({ key: `dns ${c.path} ${c.method}`, t: c.ts, ms: c.latency_ms, what: `${c.id} ${c.path}` })),
  ]);
  const other = groups([
    ...theirs.filter((o) => o.proto === 'http' && o.elapsedMs !== undefined).map((o) => ({ key: `http ${o.src} ${o.dst}`, t: (o.ts ?? 0) * 1000, ms: o.elapsedMs!, what: `frame ${o.reqFrame}` })),
    ...theirs.filter((o) => o.proto === 'dns' && o.elapsedMs !== undefined).map((o) => ({ key: `dns ${o.qname} ${o.qtype}`, t: (o.ts ?? 0) * 1000, ms: o.elapsedMs!, what: `frame ${o.reqFrame}` })),
  ]);
  for (const [key, list] of other) {
    const ourList = mine.get(key) ?? [];
    for (let i = 0; i < Math.min(list.length, ourList.length); i++) {
      const diff = Math.abs(list[i]!.ms - ourList[i]!.ms);
      check.compared++;
      check.worstMs = Math.max(check.worstMs, diff);
      if (diff > toleranceMs) check.outliers.push(`${key}: ${ourList[i]!.what} ${ourList[i]!.ms} ms vs tshark ${list[i]!.what} ${list[i]!.ms} ms`);
    }
  }
  return check;
}

/** Per-class totals the generator's manifest expects (load.cjs's call kinds). */
export function manifestTotals(manifest: { counts: Record<string, number> }): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (cls: string, n: number): void => void totals.set(cls, (totals.get(cls) ?? 0) + n);
  for (const [kind, n] of Object.entries(manifest.counts)) {
    if (kind.startsWith('http1 ') || kind === 'curl http1 ok') add('http', n);
    else if (kind.startsWith('h2c ') || kind === 'curl h2c ok') add('http2', n);
    else if (kind.startsWith('grpc ')) add('grpc', n);
    else if (kind.startsWith('dns ') || kind === 'dig tcp ok') add('dns', n);
    else if (kind.startsWith('redis ')) add('redis', n);
    else if (kind.startsWith('https ')) add('tls', n);
  }
  return totals;
}

const DNS_TYPES: Record<string, string> = { resolve4: 'A', resolve6: 'AAAA', resolveCname: 'CNAME', resolveSrv: 'SRV', resolveTxt: 'TXT' };

/**
 * The manifest's kinds that name a method and an outcome, as our calls show them:
 * `http1 GET 200`, `grpc SayHello 5`, `redis GET OK`, `dns resolve4 ENOTFOUND` (→ `dns A NXDOMAIN`).
 */
export function manifestOutcomes(manifest: { counts: Record<string, number> }): Map<string, number> {
  const m = new Map<string, number>();
  for (const [kind, n] of Object.entries(manifest.counts)) {
    const [what, a, b] = kind.split(' ');
    let key: string | null = null;
    if (what === 'http1') key = `http ${a} ${b}`;
    else if (what === 'grpc') key = `grpc ${a} ${b}`;
    else if (what === 'redis') key = `redis ${a} ${b}`;
    else if (what === 'dns' && DNS_TYPES[a!]) key = `dns ${DNS_TYPES[a!]} ${b === 'ENOTFOUND' ? 'NXDOMAIN' : b}`;
    if (key) m.set(key, (m.get(key) ?? 0) + n);
  }
  return m;
}

/** A call as the manifest counts it (curl and dig, counted only as "ok" there, give null). */
export function ourOutcome(call: CallFull, transport: 'tcp' | 'udp'): string | null {
  const cls = classOf(call);
  const curl = call.req_headers['user-agent']?.startsWith('curl/') === true;
  if (cls === 'http') return curl ? null : `http ${call.method} ${call.status}`;
  if (cls === 'grpc') return `grpc ${call.grpc_method} ${call.grpc_status}`;
  if (cls === 'redis') return `redis ${call.method} ${call.status === 0 ? 'OK' : 'ERR'}`;
  if (cls === 'dns') return transport === 'tcp' ? null : `dns ${call.method} ${RCODE_NAMES[call.status] ?? call.status}`;
  return null;
}
