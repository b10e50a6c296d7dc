/**
 * The packet model shared by every reader, writer, filter and dissector of the local Hub.
 *
 * A reader hands out ONE reused {@link PacketRecord} per call to `next()`: its fields describe the
 * current record and `buffer` is the reader's own chunk buffer, so nothing is copied per packet.
 * The record (and any view taken of `buffer`) is valid only until the next call to `next()`;
 * a consumer that keeps bytes must copy them (`record.bytes().slice()`).
 *
 * Timestamps: `tsSec` (integer seconds since the Unix epoch, UTC) plus `tsNsec` (0…999,999,999).
 * Two plain numbers keep nanosecond precision (a single double cannot hold ns since 1970 exactly)
 * without BigInt on the hot path. `precision` says what the source really had ('us' or 'ns').
 */

/** Link-layer header types as written in capture files (LINKTYPE_* values of tcpdump.org). */
export const enum LinkType {
  Null = 0,
  Ethernet = 1,
  Raw = 101,
  Loop = 108,
  LinuxSll = 113,
  Ipv4 = 228,
  Ipv6 = 229,
  LinuxSll2 = 276,
}

const LINK_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [LinkType.Null, 'NULL'],
  [LinkType.Ethernet, 'EN10MB'],
  [LinkType.Raw, 'RAW'],
  [LinkType.Loop, 'LOOP'],
  [LinkType.LinuxSll, 'LINUX_SLL'],
  [LinkType.Ipv4, 'IPV4'],
  [LinkType.Ipv6, 'IPV6'],
  [LinkType.LinuxSll2, 'LINUX_SLL2'],
]);

/** tcpdump's name of a link type (`EN10MB`, `LINUX_SLL2`, …) or `LINKTYPE_<n>`. */
export function linkTypeName(linkType: number): string {
  return LINK_TYPE_NAMES.get(linkType) ?? `LINKTYPE_${linkType}`;
}

export type TimestampPrecision = 'us' | 'ns';

export type CaptureFormat = 'pcap' | 'pcapng';

/** One captured record, described in place over the reader's buffer. */
export class PacketRecord {
  /** Reader's chunk buffer; the captured bytes are `buffer[offset … offset + caplen)`. */
  buffer: Uint8Array = new Uint8Array(0);
  offset = 0;
  /** Captured length (bytes present in the file). */
  caplen = 0;
  /** Original length on the wire (may exceed `caplen` when the capture was cut by a snaplen). */
  origLen = 0;
  tsSec = 0;
  tsNsec = 0;
  precision: TimestampPrecision = 'us';
  linkType: number = LinkType.Ethernet;
  /** Snapshot length of the interface, as libpcap reports it (0 or oversized → 262,144). */
  snaplen = 262144;
  /** pcapng: interface id within its section; pcap: 0. */
  interfaceId = 0;
  /** pcapng: index of the section (0-based); pcap: 0. */
  sectionIndex = 0;
  /** Byte order of the file (section) the record came from; BSD NULL headers are in this order. */
  bigEndian = false;
  /** Byte offset of the record's header (pcap record header or pcapng block) in the file. */
  fileOffset = 0;
  /** Bytes the whole record occupies in the file, header included. */
  fileLength = 0;
  /** 1-based index of the packet in the file. */
  index = 0;

  /** A view (not a copy) of the captured bytes; valid until the reader advances. */
  bytes(): Uint8Array {
    return this.buffer.subarray(this.offset, this.offset + this.caplen);
  }

  /** Timestamp truncated to Unix milliseconds (the API's unit, hub-api.md §7). */
  get tsMs(): number {
    return this.tsSec * 1000 + Math.floor(this.tsNsec / 1e6);
  }
}

/** Why a capture file could not be read (further); `offset` is the byte where the damage starts. */
export type CaptureErrorCode = 'bad-magic' | 'truncated' | 'bad-length' | 'bad-block' | 'unsupported' | 'io';

export interface CaptureError {
  readonly code: CaptureErrorCode;
  readonly file: string;
  readonly offset: number;
  readonly message: string;
}

export function captureError(code: CaptureErrorCode, file: string, offset: number, what: string): CaptureError {
  return { code, file, offset, message: `${file}: ${what} at byte offset ${offset}` };
}

/** Compares two timestamps given as (seconds, nanoseconds). */
export function compareTimestamps(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return aSec !== bSec ? aSec - bSec : aNsec - bNsec;
}
