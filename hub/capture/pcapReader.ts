import { u16, u32 } from './bytes';
import { type ChunkedFile } from './chunkedFile';
import { type CaptureError, captureError, type PacketRecord, type TimestampPrecision } from './packet';
import { FileCaptureReader } from './fileReader';
import { effectiveSnaplen, MAX_SNAPLEN } from './reader';

const HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;

export interface PcapHeader {
  bigEndian: boolean;
  precision: TimestampPrecision;
  versionMajor: number;
  versionMinor: number;
  snaplen: number;
  linkType: number;
}

/** Parses the 24-byte file header, or explains why these bytes are not a classic pcap. */
export function parsePcapHeader(b: Uint8Array, file: string): PcapHeader | CaptureError {
  if (b.length < HEADER_BYTES) return captureError('truncated', file, 0, `pcap file header needs ${HEADER_BYTES} bytes, file has ${b.length}`);
  let bigEndian: boolean;
  let precision: TimestampPrecision;
  const be = u32(b, 0, true);
  const le = u32(b, 0, false);
  if (be === PCAP_MAGIC_US || be === PCAP_MAGIC_NS) {
    bigEndian = true;
    precision = be === PCAP_MAGIC_NS ? 'ns' : 'us';
  } else if (le === PCAP_MAGIC_US || le === PCAP_MAGIC_NS) {
    bigEndian = false;
    precision = le === PCAP_MAGIC_NS ? 'ns' : 'us';
  } else {
    return captureError('bad-magic', file, 0, `not a pcap file (magic 0x${be.toString(16).padStart(8, '0')})`);
  }
  const versionMajor = u16(b, 4, bigEndian);
  const versionMinor = u16(b, 6, bigEndian);
  if (versionMajor !== 2) return captureError('unsupported', file, 4, `unsupported pcap version ${versionMajor}.${versionMinor}`);
  // The top bits of the link-type field carry FCS information, not the type (LT_LINKTYPE).
  return { bigEndian, precision, versionMajor, versionMinor, snaplen: u32(b, 16, bigEndian), linkType: u32(b, 20, bigEndian) & 0x03ffffff };
}

/** Classic pcap (µs or ns magic, either byte order). */
export class PcapReader extends FileCaptureReader {
  readonly format = 'pcap';
  readonly header: PcapHeader;
  private readonly snaplen: number;

  constructor(file: ChunkedFile, header: PcapHeader) {
    super(file);
    this.header = header;
    this.snaplen = effectiveSnaplen(header.snaplen);
    const r = this.record;
    r.linkType = header.linkType;
    r.precision = header.precision;
    r.bigEndian = header.bigEndian;
    r.snaplen = this.snaplen;
    file.skip(HEADER_BYTES);
  }

  next(): PacketRecord | null {
    if (this.done) return null;
    const f = this.file;
    const start = f.offset;
    if (!f.ensure(RECORD_HEADER_BYTES)) {
      if (f.available > 0) this.fail(captureError('truncated', f.path, start, `record header cut short (${f.available} of ${RECORD_HEADER_BYTES} bytes)`));
      return this.finish();
    }
    const be = this.header.bigEndian;
    const caplen = u32(f.buf, f.pos + 8, be);
    if (caplen > MAX_SNAPLEN) return this.fail(captureError('bad-length', f.path, start, `record length ${caplen} exceeds the maximum of ${MAX_SNAPLEN}`));
    if (!f.ensure(RECORD_HEADER_BYTES + caplen)) {
      return this.fail(captureError('truncated', f.path, start, `record of ${caplen} bytes cut short by the end of the file`));
    }
    const r = this.record;
    const buf = f.buf; // ensure() may have replaced the buffer
    const q = f.pos;
    r.buffer = buf;
    const frac = u32(buf, q + 4, be);
    const unitsPerSecond = this.header.precision === 'ns' ? 1e9 : 1e6;
    // An out-of-range fraction (a writer bug or a flipped bit) carries into the seconds.
    const carry = frac >= unitsPerSecond ? Math.floor(frac / unitsPerSecond) : 0;
    r.tsSec = u32(buf, q, be) + carry;
    r.tsNsec = (frac - carry * unitsPerSecond) * (1e9 / unitsPerSecond);
    r.origLen = u32(buf, q + 12, be);
    r.offset = q + RECORD_HEADER_BYTES;
    // libpcap silently cuts a record longer than the file's snapshot length; so do we.
    r.caplen = caplen > this.snaplen ? this.snaplen : caplen;
    r.fileOffset = start;
    r.fileLength = RECORD_HEADER_BYTES + caplen;
    r.index++;
    f.skip(RECORD_HEADER_BYTES + caplen);
    return r;
  }

}
