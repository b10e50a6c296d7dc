import { u16, u32 } from './bytes';
import { type CaptureError, captureError, type PacketRecord } from './packet';
import { FileCaptureReader } from './fileReader';
import { effectiveSnaplen } from './reader';

export const BLOCK_SHB = 0x0a0d0d0a;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BLOCK_IDB = 1;
const BLOCK_PB = 2;
const BLOCK_SPB = 3;
const BLOCK_EPB = 6;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;
/** Larger blocks are treated as corruption (a real capture never needs them). */
const MAX_BLOCK_BYTES = 16 << 20;
/** Interfaces per section; more is treated as corruption. */
const MAX_INTERFACES = 65536;
const TWO_POW_32 = 4294967296;

interface Interface {
  linkType: number;
  snaplen: number;
  /** Timestamp units per second (if_tsresol: 10^n or 2^n; default 10^6). */
  unitsPerSecond: number;
  /** if_tsoffset: seconds added to every timestamp. */
  offsetSeconds: number;
}

/** pcapng: every section with its own byte order and interfaces; EPB, SPB and obsolete PB. */
export class PcapngReader extends FileCaptureReader {
  readonly format = 'pcapng';
  private interfaces: Interface[] = [];
  private bigEndian = false;
  private section = -1;

  next(): PacketRecord | null {
    const f = this.file;
    while (!this.done) {
      const start = f.offset;
      if (!f.ensure(12)) {
        if (f.available > 0) return this.fail(captureError('truncated', f.path, start, `block header cut short (${f.available} bytes)`));
        if (this.section < 0) return this.fail(captureError('truncated', f.path, start, 'empty pcapng file'));
        return this.finish();
      }
      let type = u32(f.buf, f.pos, this.bigEndian);
      if (type === BLOCK_SHB || this.section < 0) {
        const problem = this.startSection(start);
        if (problem) return this.fail(problem);
        type = BLOCK_SHB;
      }
      const length = u32(f.buf, f.pos + 4, this.bigEndian);
      if (length < 12 || length % 4 !== 0 || length > MAX_BLOCK_BYTES) {
        return this.fail(captureError('bad-length', f.path, start, `invalid block length ${length}`));
      }
      if (!f.ensure(length)) return this.fail(captureError('truncated', f.path, start, `block of ${length} bytes cut short by the end of the file`));
      if (u32(f.buf, f.pos + length - 4, this.bigEndian) !== length) {
        return this.fail(captureError('bad-block', f.path, start, `block length ${length} does not match its trailer`));
      }
      const packet = this.readBlock(type, length, start);
      f.skip(length);
      if (packet === 'error') return this.finish();
      if (packet) return packet;
    }
    return null;
  }

  /** Reads a section header's byte order; the rest of the SHB is skipped like any block. */
  private startSection(start: number): CaptureError | null {
    const f = this.file;
    if (u32(f.buf, f.pos, true) !== BLOCK_SHB) return captureError('bad-magic', f.path, start, 'not a pcapng file (no section header block)');
    const magic = u32(f.buf, f.pos + 8, true);
    if (magic === BYTE_ORDER_MAGIC) this.bigEndian = true;
    else if (u32(f.buf, f.pos + 8, false) === BYTE_ORDER_MAGIC) this.bigEndian = false;
    else return captureError('bad-magic', f.path, start + 8, 'section header has no valid byte-order magic');
    if (!f.ensure(16)) return captureError('truncated', f.path, start, 'section header cut short');
    const major = u16(f.buf, f.pos + 12, this.bigEndian);
    if (major !== 1) return captureError('unsupported', f.path, start + 12, `unsupported pcapng version ${major}`);
    this.interfaces = [];
    this.section++;
    return null;
  }

  private readBlock(type: number, length: number, start: number): PacketRecord | null | 'error' {
    const b = this.file.buf;
    const p = this.file.pos;
    const be = this.bigEndian;
    switch (type) {
      case BLOCK_IDB:
        return this.addInterface(b, p, length, start);
      case BLOCK_EPB: {
        if (length < 32) return this.blockError(start, 'enhanced packet block too short');
        const caplen = u32(b, p + 20, be);
        if (caplen > length - 32) return this.blockError(start, `captured length ${caplen} exceeds its block`);
        return this.packet(u32(b, p + 8, be), u32(b, p + 12, be), u32(b, p + 16, be), caplen, u32(b, p + 24, be), p + 28, start, length);
      }
      case BLOCK_PB: {
        if (length < 32) return this.blockError(start, 'packet block too short');
        const caplen = u32(b, p + 20, be);
        if (caplen > length - 32) return this.blockError(start, `captured length ${caplen} exceeds its block`);
        return this.packet(u16(b, p + 8, be), u32(b, p + 12, be), u32(b, p + 16, be), caplen, u32(b, p + 24, be), p + 28, start, length);
      }
      case BLOCK_SPB: {
        if (length < 16) return this.blockError(start, 'simple packet block too short');
        const iface = this.interfaces[0];
        if (!iface) return this.blockError(start, 'simple packet block before any interface description');
        const origLen = u32(b, p + 8, be);
        const caplen = Math.min(origLen, length - 16, iface.snaplen);
        // An SPB has no timestamp; it is reported as the Unix epoch.
        return this.packet(0, 0, 0, caplen, origLen, p + 12, start, length);
      }
      default:
        return null; // name resolution, statistics, secrets, custom and unknown blocks
    }
  }

  private addInterface(b: Uint8Array, p: number, length: number, start: number): null | 'error' {
    if (length < 20) return this.blockError(start, 'interface description block too short');
    if (this.interfaces.length >= MAX_INTERFACES) return this.blockError(start, 'too many interfaces');
    const be = this.bigEndian;
    const iface: Interface = { linkType: u16(b, p + 8, be), snaplen: effectiveSnaplen(u32(b, p + 12, be)), unitsPerSecond: 1e6, offsetSeconds: 0 };
    const end = p + length - 4;
    for (let o = p + 16; o + 4 <= end;) {
      const code = u16(b, o, be);
      const len = u16(b, o + 2, be);
      if (code === 0 || o + 4 + len > end) break;
      if (code === OPT_IF_TSRESOL && len >= 1) {
        const v = b[o + 4]!;
        const exponent = v & 0x7f;
        iface.unitsPerSecond = v & 0x80 ? 2 ** exponent : 10 ** exponent;
      } else if (code === OPT_IF_TSOFFSET && len >= 8) {
        const hi = u32(b, o + 4 + (be ? 0 : 4), be) | 0; // signed high word
        const lo = u32(b, o + 4 + (be ? 4 : 0), be);
        iface.offsetSeconds = hi * TWO_POW_32 + lo;
      }
      o += 4 + ((len + 3) & ~3);
    }
    this.interfaces.push(iface);
    return null;
  }

  private packet(ifId: number, tsHigh: number, tsLow: number, caplen: number, origLen: number, dataAt: number, start: number, length: number): PacketRecord | 'error' {
    const iface = this.interfaces[ifId];
    if (!iface) return this.blockError(start, `packet on undeclared interface ${ifId}`);
    const r = this.record;
    r.buffer = this.file.buf;
    r.offset = dataAt;
    // Like libpcap, never hand out more than the interface's snapshot length.
    r.caplen = caplen > iface.snaplen ? iface.snaplen : caplen;
    r.origLen = origLen;
    r.linkType = iface.linkType;
    r.snaplen = iface.snaplen;
    r.interfaceId = ifId;
    r.sectionIndex = this.section;
    r.bigEndian = this.bigEndian;
    r.fileOffset = start;
    r.fileLength = length;
    r.index++;
    r.precision = iface.unitsPerSecond > 1e6 ? 'ns' : 'us';
    setTimestamp(r, tsHigh, tsLow, iface);
    return r;
  }

  private blockError(start: number, what: string): 'error' {
    this.error = captureError('bad-block', this.file.path, start, what);
    return 'error';
  }

}

/**
 * Splits a 64-bit count of `unitsPerSecond` units into seconds and nanoseconds without BigInt:
 * microseconds (the common case) fit a double exactly; other resolutions use long division over
 * 16-bit limbs, exact while the unit count per second stays below 2^37.
 */
function setTimestamp(r: PacketRecord, high: number, low: number, iface: Interface): void {
  const units = iface.unitsPerSecond;
  let sec: number;
  let rem: number;
  if (units === 1e6 && high < 0x200000) {
    const total = high * TWO_POW_32 + low;
    sec = Math.floor(total / 1e6);
    rem = total - sec * 1e6;
  } else if (units < 2 ** 37) {
    sec = 0;
    rem = 0;
    for (let shift = 3; shift >= 0; shift--) {
      const limb = shift >= 2 ? (high >>> ((shift - 2) * 16)) & 0xffff : (low >>> (shift * 16)) & 0xffff;
      const cur = rem * 65536 + limb;
      const digit = Math.floor(cur / units);
      rem = cur - digit * units;
      sec = sec * 65536 + digit;
    }
  } else {
    const total = (BigInt(high) << 32n) | BigInt(low);
    const big = BigInt(units);
    sec = Number(total / big);
    rem = Number(total % big);
  }
  r.tsSec = sec + iface.offsetSeconds;
  r.tsNsec = units <= 1e9 && 1e9 % units === 0 ? rem * (1e9 / units) : Math.floor((rem / units) * 1e9);
}

