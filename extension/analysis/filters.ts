/**
 * Filters that reproduce evidence: a KFL filter that finds the calls (spec/kfl.md) and a BPF that
 * exports the packets (hub-api.md §5.8), built from addresses and ports. Only well-formed IP
 * addresses and ports go into a BPF (it reaches the Hub verbatim); every string in a KFL filter is
 * an escaped literal. Past a bound, per-pair terms give way to one set of hosts, which still
 * holds every packet of the pairs.
 */
import { kflString } from '../webviews/calls/kflFromCall';
import { isIpAddress } from './addresses';
import { type FlowPair } from './flows';

/** Pairs beyond this become a union of hosts (a BPF must stay small enough for the Hub to compile). */
export const MAX_PAIR_TERMS = 32;
/** Addresses beyond this in one `in [...]` list are left out, and the filter says so by returning `complete: false`. */
export const MAX_KFL_ADDRESSES = 256;

/** An address a BPF can name: an IP literal without a zone (pcap-filter has no zones). */
const bpfAddress = (ip: string): boolean => isIpAddress(ip) && !ip.includes('%') && !ip.includes('[');
const validPort = (port: number | undefined): port is number => port !== undefined && Number.isInteger(port) && port > 0 && port < 65536;
const unique = (values: Iterable<string>): string[] => [...new Set(values)];

export interface BuiltFilter {
  readonly filter: string;
  /** False when addresses had to be left out (not IPs, or past a bound). */
  readonly complete: boolean;
}

/** `host a or host b …` over the valid addresses. */
export function bpfForHosts(ips: Iterable<string>): BuiltFilter {
  const all = unique(ips);
  const valid = all.filter(bpfAddress);
  return { filter: valid.map((ip) => `host ${ip}`).join(' or '), complete: valid.length === all.length };
}

/** The packets of these client → server pairs (both directions, the server port when known). */
export function bpfForPairs(pairs: readonly FlowPair[]): BuiltFilter {
  const valid = pairs.filter((p) => bpfAddress(p.client) && bpfAddress(p.server));
  if (valid.length > MAX_PAIR_TERMS) {
    const hosts = bpfForHosts(valid.flatMap((p) => [p.client, p.server]));
    return { filter: hosts.filter, complete: valid.length === pairs.length };
  }
  const terms = unique(valid.map((p) => {
    const proto = p.proto === 'tcp' || p.proto === 'udp' ? `${p.proto} ` : '';
    const port = validPort(p.port) ? ` and ${proto}port ${p.port}` : proto ? ` and ${proto.trim()}` : '';
    return p.client === p.server ? `(host ${p.client}${port})` : `(host ${p.client} and host ${p.server}${port})`;
  }));
  return { filter: terms.join(' or '), complete: valid.length === pairs.length };
}

/** `side.ip == "a"` or `side.ip in ["a", "b"]`. */
export function kflForIps(side: 'src' | 'dst', ips: Iterable<string>): BuiltFilter {
  const all = unique(ips);
  const kept = all.slice(0, MAX_KFL_ADDRESSES);
  const filter = kept.length === 1 ? `${side}.ip == ${kflString(kept[0]!)}` : `${side}.ip in [${kept.map(kflString).join(', ')}]`;
  return { filter, complete: kept.length === all.length };
}

/** The calls between these client → server pairs (server port included when the pair has one). */
export function kflForPairs(pairs: readonly FlowPair[]): BuiltFilter {
  if (pairs.length > MAX_PAIR_TERMS) {
    const src = kflForIps('src', pairs.map((p) => p.client));
    const dst = kflForIps('dst', pairs.map((p) => p.server));
    return { filter: `${src.filter} && ${dst.filter}`, complete: src.complete && dst.complete };
  }
  const terms = unique(pairs.map((p) => {
    const port = validPort(p.port) ? ` && dst.port == ${p.port}` : '';
    return `src.ip == ${kflString(p.client)} && dst.ip == ${kflString(p.server)}${port}`;
  }));
  return { filter: terms.length === 1 ? terms[0]! : terms.map((t) => `(${t})`).join(' || '), complete: true };
}

/** `a && b` of the non-empty filters, each parenthesised when it has an `||` of its own. */
export function allOf(...filters: readonly string[]): string {
  const present = filters.map((f) => f.trim()).filter((f) => f !== '');
  return present.map((f) => (present.length > 1 && f.includes('||') ? `(${f})` : f)).join(' && ');
}
