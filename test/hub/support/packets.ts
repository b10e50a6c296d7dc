/**
 * Builders of synthetic packets for reader, decoder and BPF tests. Checksums are left at zero
 * (neither our decoder nor tcpdump's filters look at them).
 */

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function be16(v: number): number[] {
  return [(v >> 8) & 0xff, v & 0xff];
}

function be32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

export function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

export function ipv6Bytes(text: string): number[] {
  const [head = '', tail = ''] = text.split('::');
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = groups(tail);
  const all = text.includes('::') ? [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right] : left;
  return all.flatMap(be16);
}

export interface VlanTag {
  tpid?: number;
  vid: number;
}

export function ethernet(type: number, payload: Uint8Array, vlans: VlanTag[] = []): Uint8Array {
  const head = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01];
  for (const v of vlans) head.push(...be16(v.tpid ?? 0x8100), ...be16(v.vid & 0xfff));
  head.push(...be16(type));
  return concat(Uint8Array.from(head), payload);
}

export function sll(protocol: number, payload: Uint8Array): Uint8Array {
  return concat(Uint8Array.from([0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, ...be16(protocol)]), payload);
}

export function sll2(protocol: number, payload: Uint8Array): Uint8Array {
  return concat(Uint8Array.from([...be16(protocol), 0, 0, ...be32(1), 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0]), payload);
}

/** BSD NULL (family in the given byte order) or LOOP (always big-endian) header. */
export function bsdLoopback(family: number, payload: Uint8Array, bigEndian: boolean): Uint8Array {
  return concat(Uint8Array.from(bigEndian ? be32(family) : le32(family)), payload);
}

export interface Ipv4Options {
  src: string;
  dst: string;
  protocol: number;
  id?: number;
  moreFragments?: boolean;
  /** Fragment offset in bytes (multiple of 8). */
  fragmentOffset?: number;
  options?: number[];
  ttl?: number;
}

export function ipv4(o: Ipv4Options, payload: Uint8Array): Uint8Array {
  const opts = o.options ?? [];
  const ihl = 5 + Math.ceil(opts.length / 4);
  const padded = [...opts, ...new Array<number>(ihl * 4 - 20 - opts.length).fill(0)];
  const frag = ((o.moreFragments ? 0x2000 : 0) | ((o.fragmentOffset ?? 0) / 8)) & 0xffff;
  const header = [0x40 | ihl, 0, ...be16(ihl * 4 + payload.length), ...be16(o.id ?? 1), ...be16(frag), o.ttl ?? 64, o.protocol, 0, 0,
    ...ipv4Bytes(o.src), ...ipv4Bytes(o.dst), ...padded];
  return concat(Uint8Array.from(header), payload);
}

export interface Ipv6Extension {
  /** Header type of this extension (0 hop-by-hop, 43 routing, 44 fragment, 60 destination). */
  type: number;
  /** Fragment header fields, for type 44. */
  fragmentOffset?: number;
  moreFragments?: boolean;
}

export function ipv6(src: string, dst: string, protocol: number, payload: Uint8Array, extensions: Ipv6Extension[] = []): Uint8Array {
  const chain: number[] = [];
  extensions.forEach((ext, i) => {
    const next = i + 1 < extensions.length ? extensions[i + 1]!.type : protocol;
    if (ext.type === 44) chain.push(next, 0, ...be16((ext.fragmentOffset ?? 0) | (ext.moreFragments ? 1 : 0)), ...be32(0x1234));
    else chain.push(next, 0, 1, 4, 0, 0, 0, 0); // 8 bytes: PadN option
  });
  const first = extensions.length ? extensions[0]!.type : protocol;
  const header = [0x60, 0, 0, 0, ...be16(chain.length + payload.length), first, 64, ...ipv6Bytes(src), ...ipv6Bytes(dst), ...chain];
  return concat(Uint8Array.from(header), payload);
}

export interface TcpOptions {
  sport: number;
  dport: number;
  seq?: number;
  ack?: number;
  flags?: number;
  window?: number;
  /** Raw option bytes (padded to 4 with NOPs). */
  options?: number[];
}

export function tcp(o: TcpOptions, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const opts = [...(o.options ?? [])];
  while (opts.length % 4) opts.push(1);
  const header = [...be16(o.sport), ...be16(o.dport), ...be32(o.seq ?? 1000), ...be32(o.ack ?? 0), ((5 + opts.length / 4) << 4), o.flags ?? 0x18,
    ...be16(o.window ?? 65535), 0, 0, 0, 0, ...opts];
  return concat(Uint8Array.from(header), payload);
}

export function udp(sport: number, dport: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concat(Uint8Array.from([...be16(sport), ...be16(dport), ...be16(8 + payload.length), 0, 0]), payload);
}

export function icmp(type: number, code: number, payload: Uint8Array = new Uint8Array(4)): Uint8Array {
  return concat(Uint8Array.from([type, code, 0, 0]), payload);
}

export function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
