/**
 * Direction-independent keys of transport conversations, built from the raw address bytes so the
 * per-packet path creates one short string and no address text.
 */
import { type DecodedPacket } from '../../capture/decode/decodedPacket';

export interface KeyedPacket {
  key: string;
  /** The packet's source is the "lower" endpoint of the key (byte order of address, then port). */
  srcIsLower: boolean;
}

/** Compares (address, port) of source and destination; negative when the source is lower. */
function compareEnds(d: DecodedPacket): number {
  const b = d.buffer;
  const s = d.start + d.srcAddrOffset;
  const t = d.start + d.dstAddrOffset;
  const n = d.ipVersion === 4 ? 4 : 16;
  for (let i = 0; i < n; i++) {
    const diff = b[s + i]! - b[t + i]!;
    if (diff !== 0) return diff;
  }
  return d.srcPort - d.dstPort;
}

function addressChars(d: DecodedPacket, offset: number): string {
  const b = d.buffer;
  const o = d.start + offset;
  if (d.ipVersion === 4) return String.fromCharCode((b[o]! << 8) | b[o + 1]!, (b[o + 2]! << 8) | b[o + 3]!);
  let s = '';
  for (let i = 0; i < 16; i += 2) s += String.fromCharCode((b[o + i]! << 8) | b[o + i + 1]!);
  return s;
}

/** Fills `out` with the conversation key of a decoded TCP/UDP packet. */
export function keyOf(d: DecodedPacket, out: KeyedPacket): KeyedPacket {
  const lower = compareEnds(d) <= 0;
  if (d.ipVersion === 4) {
    // The common case in one string: ports and both addresses as 16-bit characters.
    const b = d.buffer;
    const a = d.start + (lower ? d.srcAddrOffset : d.dstAddrOffset);
    const z = d.start + (lower ? d.dstAddrOffset : d.srcAddrOffset);
    out.key = String.fromCharCode(
      lower ? d.srcPort : d.dstPort, lower ? d.dstPort : d.srcPort,
      (b[a]! << 8) | b[a + 1]!, (b[a + 2]! << 8) | b[a + 3]!, (b[z]! << 8) | b[z + 1]!, (b[z + 2]! << 8) | b[z + 3]!,
    );
    out.srcIsLower = lower;
    return out;
  }
  const a = addressChars(d, lower ? d.srcAddrOffset : d.dstAddrOffset);
  const z = addressChars(d, lower ? d.dstAddrOffset : d.srcAddrOffset);
  out.key = String.fromCharCode(d.ipVersion, lower ? d.srcPort : d.dstPort, lower ? d.dstPort : d.srcPort) + a + z;
  out.srcIsLower = lower;
  return out;
}
