import { writeU16le, writeU32le } from './bytes';
import { type ChunkWriter } from './chunkWriter';
import { type TimestampPrecision } from './packet';
import { copyBytes, type PacketData } from './pcapWriter';
import { BLOCK_SHB, BYTE_ORDER_MAGIC } from './pcapngReader';

const BLOCK_IDB = 1;
const BLOCK_EPB = 6;
const OPT_IF_TSRESOL = 9;

/**
 * pcapng with one section (little-endian, unknown section length), interfaces added on demand and
 * Enhanced Packet Blocks. Timestamps are written in µs, or in ns (`if_tsresol` 9) when asked.
 */
export class PcapngWriter {
  private interfaces = 0;
  private readonly ns: boolean;

  constructor(private readonly out: ChunkWriter, precision: TimestampPrecision) {
    this.ns = precision === 'ns';
    const at = out.reserve(28);
    const b = out.buf;
    writeU32le(b, at, BLOCK_SHB);
    writeU32le(b, at + 4, 28);
    writeU32le(b, at + 8, BYTE_ORDER_MAGIC);
    writeU16le(b, at + 12, 1);
    writeU16le(b, at + 14, 0);
    writeU32le(b, at + 16, 0xffffffff); // section length: not specified
    writeU32le(b, at + 20, 0xffffffff);
    writeU32le(b, at + 24, 28);
  }

  /** Declares an interface and returns its id for `write`. */
  addInterface(linkType: number, snaplen: number): number {
    const length = this.ns ? 32 : 20;
    const at = this.out.reserve(length);
    const b = this.out.buf;
    writeU32le(b, at, BLOCK_IDB);
    writeU32le(b, at + 4, length);
    writeU16le(b, at + 8, linkType);
    writeU16le(b, at + 10, 0);
    writeU32le(b, at + 12, snaplen);
    let o = at + 16;
    if (this.ns) {
      writeU16le(b, o, OPT_IF_TSRESOL);
      writeU16le(b, o + 2, 1);
      writeU32le(b, o + 4, 9); // 10^-9, then three bytes of padding
      writeU32le(b, o + 8, 0); // opt_endofopt
      o += 12;
    }
    writeU32le(b, o, length);
    return this.interfaces++;
  }

  write(interfaceId: number, p: PacketData): void {
    const padded = (p.caplen + 3) & ~3;
    const length = 32 + padded;
    const at = this.out.reserve(length);
    const b = this.out.buf;
    let high: number;
    let low: number;
    if (this.ns) {
      const units = BigInt(p.tsSec) * 1_000_000_000n + BigInt(p.tsNsec);
      high = Number(units >> 32n);
      low = Number(units & 0xffffffffn);
    } else {
      const units = p.tsSec * 1e6 + Math.floor(p.tsNsec / 1000);
      high = Math.floor(units / 4294967296);
      low = units - high * 4294967296;
    }
    writeU32le(b, at, BLOCK_EPB);
    writeU32le(b, at + 4, length);
    writeU32le(b, at + 8, interfaceId);
    writeU32le(b, at + 12, high);
    writeU32le(b, at + 16, low);
    writeU32le(b, at + 20, p.caplen);
    writeU32le(b, at + 24, p.origLen);
    copyBytes(p, b, at + 28);
    b.fill(0, at + 28 + p.caplen, at + 28 + padded);
    writeU32le(b, at + 28 + padded, length);
  }
}
