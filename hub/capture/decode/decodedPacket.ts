import { u16be, u32be } from '../bytes';
import { formatIpv4, formatIpv6 } from './address';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV6 = 0x86dd;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_ICMPV6 = 58;

/** TCP flag bits as in the header's 13th byte (plus NS from the 12th). */
export const enum TcpFlag {
  Fin = 0x01,
  Syn = 0x02,
  Rst = 0x04,
  Psh = 0x08,
  Ack = 0x10,
  Urg = 0x20,
  Ece = 0x40,
  Cwr = 0x80,
  Ns = 0x100,
}

export interface TcpOptions {
  mss?: number;
  windowScale?: number;
  sackPermitted: boolean;
  timestamp?: { value: number; echo: number };
}

const MAX_VLAN_TAGS = 8;

/**
 * The layers of one packet as offsets and numbers over the record's bytes, filled by
 * `decodePacket` into one reused object (no allocation per packet). Offsets are relative to the
 * start of the packet (`start` in `buffer`); -1 means "absent". Strings (addresses) and option
 * objects are built only when asked for.
 *
 * IP fragments are noted, not reassembled: a non-first fragment has no transport header
 * (`transportOffset` -1) and its bytes are all payload.
 */
export class DecodedPacket {
  buffer: Uint8Array = new Uint8Array(0);
  /** Offset of the packet's first byte in `buffer`. */
  start = 0;
  caplen = 0;
  origLen = 0;
  linkType = 0;
  /** Protocol carried by the link layer after any VLAN tags (0 when unknown, e.g. 802.3/LLC). */
  etherType = 0;
  vlanCount = 0;
  readonly vlanIds = new Uint16Array(MAX_VLAN_TAGS);
  /** 4, 6, or 0 when the packet is not IP (or its IP header is cut short). */
  ipVersion = 0;
  netOffset = -1;
  /** IPv4: IHL × 4; IPv6: 40 plus every extension header walked. */
  ipHeaderLength = 0;
  /** End of the IP datagram within the captured bytes (drops Ethernet padding). */
  ipEnd = 0;
  ttl = 0;
  srcAddrOffset = -1;
  dstAddrOffset = -1;
  /** Upper-layer protocol after IPv6 extension headers (IPv4: the protocol field). */
  protocol = -1;
  isFragment = false;
  fragmentOffset = 0;
  moreFragments = false;
  fragmentId = 0;
  transportOffset = -1;
  srcPort = -1;
  dstPort = -1;
  tcpSeq = 0;
  tcpAck = 0;
  tcpFlags = 0;
  tcpWindow = 0;
  tcpHeaderLength = 0;
  icmpType = -1;
  icmpCode = -1;
  payloadOffset = -1;
  payloadLength = 0;
  /** A header was cut short by the capture length; fields past it stay at their defaults. */
  truncated = false;

  reset(buffer: Uint8Array, start: number, caplen: number, origLen: number, linkType: number): void {
    this.buffer = buffer;
    this.start = start;
    this.caplen = caplen;
    this.origLen = origLen;
    this.linkType = linkType;
    this.etherType = 0;
    this.vlanCount = 0;
    this.ipVersion = 0;
    this.netOffset = -1;
    this.ipHeaderLength = 0;
    this.ipEnd = 0;
    this.ttl = 0;
    this.srcAddrOffset = -1;
    this.dstAddrOffset = -1;
    this.protocol = -1;
    this.isFragment = false;
    this.fragmentOffset = 0;
    this.moreFragments = false;
    this.fragmentId = 0;
    this.transportOffset = -1;
    this.srcPort = -1;
    this.dstPort = -1;
    this.tcpSeq = 0;
    this.tcpAck = 0;
    this.tcpFlags = 0;
    this.tcpWindow = 0;
    this.tcpHeaderLength = 0;
    this.icmpType = -1;
    this.icmpCode = -1;
    this.payloadOffset = -1;
    this.payloadLength = 0;
    this.truncated = false;
  }

  addVlan(id: number): void {
    if (this.vlanCount < MAX_VLAN_TAGS) this.vlanIds[this.vlanCount] = id;
    this.vlanCount++;
  }

  get isTcp(): boolean {
    return this.protocol === IPPROTO_TCP && this.transportOffset >= 0;
  }

  get isUdp(): boolean {
    return this.protocol === IPPROTO_UDP && this.transportOffset >= 0;
  }

  hasFlag(flag: TcpFlag): boolean {
    return (this.tcpFlags & flag) !== 0;
  }

  srcAddress(): string {
    return this.address(this.srcAddrOffset);
  }

  dstAddress(): string {
    return this.address(this.dstAddrOffset);
  }

  /** A view (not a copy) of the transport payload, or of the IP payload of a non-first fragment. */
  payload(): Uint8Array {
    if (this.payloadOffset < 0) return this.buffer.subarray(0, 0);
    const from = this.start + this.payloadOffset;
    return this.buffer.subarray(from, from + this.payloadLength);
  }

  /** Parses the TCP options (MSS, window scale, SACK permitted, timestamps) on demand. */
  tcpOptions(): TcpOptions {
    const options: TcpOptions = { sackPermitted: false };
    if (!this.isTcp) return options;
    const b = this.buffer;
    const end = this.start + this.transportOffset + this.tcpHeaderLength;
    for (let o = this.start + this.transportOffset + 20; o < end;) {
      const kind = b[o]!;
      if (kind === 0) break;
      if (kind === 1) {
        o++;
        continue;
      }
      const len = o + 1 < end ? b[o + 1]! : 0;
      if (len < 2 || o + len > end) break;
      if (kind === 2 && len === 4) options.mss = u16be(b, o + 2);
      else if (kind === 3 && len === 3) options.windowScale = b[o + 2]!;
      else if (kind === 4 && len === 2) options.sackPermitted = true;
      else if (kind === 8 && len === 10) options.timestamp = { value: u32be(b, o + 2), echo: u32be(b, o + 6) };
      o += len;
    }
    return options;
  }

  private address(offset: number): string {
    if (offset < 0) return '';
    const at = this.start + offset;
    return this.ipVersion === 4 ? formatIpv4(this.buffer, at) : formatIpv6(this.buffer, at);
  }
}
