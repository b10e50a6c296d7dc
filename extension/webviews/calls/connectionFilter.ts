/**
 * What "Export Connection PCAP" asks the Hub for: a BPF matching the call's 4-tuple in both
 * directions, the call's node, and a window around the exchange, kept inside the snapshot.
 */
import { type JsonObject, num } from '../../client/json';
import { type TimeWindow } from '../../client/model';
import { endpointOf, nodeOf } from './callFields';

/** Packets this long before the request and after the response belong to the export (handshake, close). */
export const CONNECTION_MARGIN_MS = 5000;

export interface ConnectionExport {
  readonly bpf: string;
  readonly window: TimeWindow;
  readonly node?: string;
}

const IP_TEXT = /^[0-9a-fA-F:.]+$/;

export function connectionExport(call: JsonObject, snapshotWindow?: TimeWindow): ConnectionExport | undefined {
  const src = endpointOf(call, 'src');
  const dst = endpointOf(call, 'dst');
  // The BPF goes to the Hub verbatim: only well-formed addresses and ports make one.
  if (!IP_TEXT.test(src.ip) || !IP_TEXT.test(dst.ip) || !validPort(src.port) || !validPort(dst.port)) return undefined;
  const one = (a: typeof src, b: typeof dst): string => `(src host ${a.ip} and src port ${a.port} and dst host ${b.ip} and dst port ${b.port})`;
  const ts = num(call, 'ts') ?? 0;
  const end = num(call, 'end_ts') ?? ts + Math.ceil(num(call, 'latency_ms') ?? 0);
  let window: TimeWindow = { start: ts - CONNECTION_MARGIN_MS, end: end + CONNECTION_MARGIN_MS };
  if (snapshotWindow) window = { start: Math.max(window.start, snapshotWindow.start), end: Math.min(window.end, snapshotWindow.end) };
  const node = nodeOf(call);
  return { bpf: `${one(src, dst)} or ${one(dst, src)}`, window, node: node || undefined };
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port < 65536;
}
