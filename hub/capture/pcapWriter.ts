import { writeU16le, writeU32le } from './bytes';
import { type ChunkWriter } from './chunkWriter';
import { type PacketRecord, type TimestampPrecision } from './packet';
import { PCAP_MAGIC_NS, PCAP_MAGIC_US } from './pcapReader';

/** What a writer needs of a packet: its time, lengths and captured bytes. */
export type PacketData = Pick<PacketRecord, 'buffer' | 'offset' | 'caplen' | 'origLen' | 'tsSec' | 'tsNsec'>;

export interface PcapFileOptions {
  linkType: number;
  snaplen: number;
  precision: TimestampPrecision;
}

/**
 * Classic pcap, version 2.4, little-endian, thiszone and sigfigs 0: the header tcpdump writes on a
 * little-endian machine, so filtered exports compare byte for byte with `tcpdump -w`.
 */
export class PcapWriter {
  private readonly ns: boolean;

  constructor(private readonly out: ChunkWriter, options: PcapFileOptions) {
    this.ns = options.precision === 'ns';
    const at = out.reserve(24);
    const b = out.buf;
    writeU32le(b, at, this.ns ? PCAP_MAGIC_NS : PCAP_MAGIC_US);
    writeU16le(b, at + 4, 2);
    writeU16le(b, at + 6, 4);
    writeU32le(b, at + 8, 0);
    writeU32le(b, at + 12, 0);
    writeU32le(b, at + 16, options.snaplen);
    writeU32le(b, at + 20, options.linkType);
  }

  write(p: PacketData): void {
    const at = this.out.reserve(16 + p.caplen);
    const b = this.out.buf;
    writeU32le(b, at, p.tsSec);
    writeU32le(b, at + 4, this.ns ? p.tsNsec : Math.floor(p.tsNsec / 1000));
    writeU32le(b, at + 8, p.caplen);
    writeU32le(b, at + 12, p.origLen);
    copyBytes(p, b, at + 16);
  }
}

/** Copies a packet's captured bytes into `target` without allocating a view when it can. */
export function copyBytes(p: PacketData, target: Uint8Array, at: number): void {
  if (Buffer.isBuffer(p.buffer)) p.buffer.copy(target, at, p.offset, p.offset + p.caplen);
  else target.set(p.buffer.subarray(p.offset, p.offset + p.caplen), at);
}
