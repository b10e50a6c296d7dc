/**
 * Writers of synthetic capture files in every encoding the readers must accept: pcap in both byte
 * orders with µs or ns magic, pcapng with several sections (each with its own byte order),
 * several interfaces, if_tsresol (decimal and binary), if_tsoffset, EPB/SPB/obsolete PB and
 * unknown blocks. Independent of the product's writers on purpose.
 */
import { concat } from './packets';

export interface SynthPacket {
  sec: number;
  nsec: number;
  data: Uint8Array;
  /** Wire length; defaults to data length. */
  origLen?: number;
}

class Out {
  private readonly parts: number[] = [];
  constructor(private readonly bigEndian: boolean) {}
  u8(v: number): this { this.parts.push(v & 0xff); return this; }
  u16(v: number): this { return this.bigEndian ? this.u8(v >> 8).u8(v) : this.u8(v).u8(v >> 8); }
  u32(v: number): this { return this.bigEndian ? this.u16(v >>> 16).u16(v & 0xffff) : this.u16(v & 0xffff).u16(v >>> 16); }
  bytes(b: Uint8Array | number[]): this { for (const x of b) this.parts.push(x); return this; }
  pad4(): this { while (this.parts.length % 4) this.parts.push(0); return this; }
  get length(): number { return this.parts.length; }
  done(): Uint8Array { return Uint8Array.from(this.parts); }
}

export interface PcapFileSpec {
  linkType: number;
  packets: SynthPacket[];
  bigEndian?: boolean;
  ns?: boolean;
  snaplen?: number;
}

export function pcapFile(spec: PcapFileSpec): Uint8Array {
  const o = new Out(spec.bigEndian ?? false);
  o.u32(spec.ns ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(spec.snaplen ?? 262144).u32(spec.linkType);
  for (const p of spec.packets) {
    o.u32(p.sec).u32(spec.ns ? p.nsec : Math.floor(p.nsec / 1000)).u32(p.data.length).u32(p.origLen ?? p.data.length).bytes(p.data);
  }
  return o.done();
}

export interface NgInterface {
  linkType: number;
  snaplen?: number;
  /** Raw if_tsresol byte (6 = µs, 9 = ns, 0x80|n = 2^-n); omitted = default µs. */
  tsresol?: number;
  /** if_tsoffset in seconds. */
  tsoffset?: number;
}

export type NgBlock =
  | { kind: 'epb' | 'pb'; iface: number; packet: SynthPacket }
  | { kind: 'spb'; packet: SynthPacket }
  | { kind: 'unknown'; type: number; body: number[] };

export interface NgSection {
  bigEndian?: boolean;
  interfaces: NgInterface[];
  blocks: NgBlock[];
}

function unitsPerSecond(tsresol: number | undefined): bigint {
  if (tsresol === undefined) return 1_000_000n;
  return tsresol & 0x80 ? 1n << BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
}

function block(bigEndian: boolean, type: number, body: (o: Out) => void): Uint8Array {
  const inner = new Out(bigEndian);
  body(inner);
  inner.pad4();
  const length = inner.length + 12;
  return new Out(bigEndian).u32(type).u32(length).bytes(inner.done()).u32(length).done();
}

export function pcapngFile(sections: NgSection[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const section of sections) {
    const be = section.bigEndian ?? false;
    parts.push(block(be, 0x0a0d0d0a, (o) => o.u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff)));
    for (const iface of section.interfaces) {
      parts.push(block(be, 1, (o) => {
        o.u16(iface.linkType).u16(0).u32(iface.snaplen ?? 262144);
        if (iface.tsresol !== undefined) o.u16(9).u16(1).u8(iface.tsresol).pad4();
        if (iface.tsoffset !== undefined) {
          const big = BigInt.asUintN(64, BigInt(iface.tsoffset));
          o.u16(14).u16(8);
          const hi = Number(big >> 32n);
          const lo = Number(big & 0xffffffffn);
          if (be) o.u32(hi).u32(lo); else o.u32(lo).u32(hi);
        }
        o.u16(0).u16(0);
      }));
    }
    for (const b of section.blocks) {
      if (b.kind === 'unknown') {
        parts.push(block(be, b.type, (o) => o.bytes(b.body)));
        continue;
      }
      const p = b.packet;
      if (b.kind === 'spb') {
        parts.push(block(be, 3, (o) => o.u32(p.origLen ?? p.data.length).bytes(p.data)));
        continue;
      }
      const iface = section.interfaces[b.iface]!;
      const units = unitsPerSecond(iface.tsresol);
      const ts = ((BigInt(p.sec - (iface.tsoffset ?? 0)) * 1_000_000_000n + BigInt(p.nsec)) * units) / 1_000_000_000n;
      const hi = Number(ts >> 32n);
      const lo = Number(ts & 0xffffffffn);
      parts.push(block(be, b.kind === 'epb' ? 6 : 2, (o) => {
        if (b.kind === 'epb') o.u32(b.iface);
        else o.u16(b.iface).u16(0);
        o.u32(hi).u32(lo).u32(p.data.length).u32(p.origLen ?? p.data.length).bytes(p.data);
      }));
    }
  }
  return concat(...parts);
}
