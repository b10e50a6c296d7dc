import { u16be, u32be, u32le } from '../bytes';
import { LinkType, type PacketRecord } from '../packet';
import { type DecodedPacket, ETHERTYPE_IPV4, ETHERTYPE_IPV6, IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_TCP, IPPROTO_UDP } from './decodedPacket';

const VLAN_TPIDS = new Set([0x8100, 0x88a8, 0x9100]);
const MAX_IPV6_EXTENSIONS = 16;

/** BSD address-family values that mean IPv6 in NULL/LOOP headers (NetBSD/OpenBSD, FreeBSD, Darwin). */
const BSD_AF_INET6 = new Set([24, 28, 30]);

/** Decodes link, network and transport headers of `record` into `out` (reused) and returns it. */
export function decodePacket(record: PacketRecord, out: DecodedPacket): DecodedPacket {
  return decodeBytes(record.buffer, record.offset, record.caplen, record.origLen, record.linkType, record.bigEndian, out);
}

export function decodeBytes(
  b: Uint8Array, start: number, caplen: number, origLen: number, linkType: number, bigEndianFile: boolean, out: DecodedPacket,
): DecodedPacket {
  out.reset(b, start, caplen, origLen, linkType);
  const netOffset = decodeLink(b, start, caplen, linkType, bigEndianFile, out);
  if (netOffset < 0) return out;
  if (out.etherType === ETHERTYPE_IPV4) decodeIpv4(b, start, netOffset, out);
  else if (out.etherType === ETHERTYPE_IPV6) decodeIpv6(b, start, netOffset, out);
  if (out.transportOffset >= 0) decodeTransport(b, start, out);
  return out;
}

/** Sets `etherType` (and VLAN tags) and returns the offset of the network header, or -1. */
function decodeLink(b: Uint8Array, s: number, caplen: number, linkType: number, bigEndianFile: boolean, out: DecodedPacket): number {
  switch (linkType) {
    case LinkType.Ethernet: {
      if (caplen < 14) return truncated(out);
      let o = 12;
      let type = u16be(b, s + o);
      while (VLAN_TPIDS.has(type)) {
        if (o + 6 > caplen) return truncated(out);
        out.addVlan(u16be(b, s + o + 2) & 0x0fff);
        o += 4;
        type = u16be(b, s + o);
      }
      // Values up to 1500 are 802.3 lengths (LLC follows), not protocol numbers.
      out.etherType = type > 1500 ? type : 0;
      return o + 2;
    }
    case LinkType.LinuxSll:
      if (caplen < 16) return truncated(out);
      out.etherType = u16be(b, s + 14);
      return 16;
    case LinkType.LinuxSll2:
      if (caplen < 20) return truncated(out);
      out.etherType = u16be(b, s);
      return 20;
    case LinkType.Raw:
    case LinkType.Ipv4:
    case LinkType.Ipv6: {
      if (caplen < 1) return truncated(out);
      const version = b[s]! >> 4;
      out.etherType = version === 4 ? ETHERTYPE_IPV4 : version === 6 ? ETHERTYPE_IPV6 : 0;
      return 0;
    }
    case LinkType.Null:
    case LinkType.Loop: {
      if (caplen < 4) return truncated(out);
      // NULL carries the family in the writer's byte order (the file's); LOOP in network order.
      const family = linkType === LinkType.Loop || bigEndianFile ? u32be(b, s) : u32le(b, s);
      out.etherType = family === 2 ? ETHERTYPE_IPV4 : BSD_AF_INET6.has(family) ? ETHERTYPE_IPV6 : 0;
      return 4;
    }
    default:
      return -1;
  }
}

function decodeIpv4(b: Uint8Array, s: number, o: number, out: DecodedPacket): void {
  if (o + 20 > out.caplen || b[s + o]! >> 4 !== 4) return void truncated(out);
  const ihl = (b[s + o]! & 0x0f) * 4;
  if (ihl < 20 || o + ihl > out.caplen) return void truncated(out);
  const total = u16be(b, s + o + 2);
  out.ipVersion = 4;
  out.netOffset = o;
  out.ipHeaderLength = ihl;
  // TSO captures carry total length 0; then the datagram runs to the end of the capture.
  out.ipEnd = total >= ihl ? Math.min(o + total, out.caplen) : out.caplen;
  out.ttl = b[s + o + 8]!;
  out.protocol = b[s + o + 9]!;
  out.srcAddrOffset = o + 12;
  out.dstAddrOffset = o + 16;
  out.fragmentId = u16be(b, s + o + 4);
  const frag = u16be(b, s + o + 6);
  out.moreFragments = (frag & 0x2000) !== 0;
  out.fragmentOffset = (frag & 0x1fff) * 8;
  out.isFragment = out.moreFragments || out.fragmentOffset !== 0;
  placeTransport(o + ihl, out);
}

function decodeIpv6(b: Uint8Array, s: number, o: number, out: DecodedPacket): void {
  if (o + 40 > out.caplen || b[s + o]! >> 4 !== 6) return void truncated(out);
  out.ipVersion = 6;
  out.netOffset = o;
  out.ipEnd = Math.min(o + 40 + u16be(b, s + o + 4), out.caplen);
  out.ttl = b[s + o + 7]!;
  out.srcAddrOffset = o + 8;
  out.dstAddrOffset = o + 24;
  let next = b[s + o + 6]!;
  let at = o + 40;
  for (let walked = 0; walked < MAX_IPV6_EXTENSIONS; walked++) {
    if (next === 0 || next === 43 || next === 60 || next === 135 || next === 51) {
      if (at + 8 > out.caplen) return void truncated(out);
      const length = next === 51 ? (b[s + at + 1]! + 2) * 4 : (b[s + at + 1]! + 1) * 8;
      next = b[s + at]!;
      at += length;
    } else if (next === 44) {
      if (at + 8 > out.caplen) return void truncated(out);
      const frag = u16be(b, s + at + 2);
      out.fragmentOffset = frag & 0xfff8;
      out.moreFragments = (frag & 1) !== 0;
      out.fragmentId = u32be(b, s + at + 4);
      out.isFragment = true;
      next = b[s + at]!;
      at += 8;
    } else {
      break;
    }
  }
  out.protocol = next;
  out.ipHeaderLength = at - o;
  placeTransport(at, out);
}

/** A non-first fragment carries payload only; otherwise the transport header starts at `at`. */
function placeTransport(at: number, out: DecodedPacket): void {
  if (at > out.ipEnd) return void truncated(out);
  if (out.fragmentOffset !== 0) {
    out.payloadOffset = at;
    out.payloadLength = out.ipEnd - at;
    return;
  }
  out.transportOffset = at;
}

function decodeTransport(b: Uint8Array, s: number, out: DecodedPacket): void {
  const o = out.transportOffset;
  const end = out.ipEnd;
  switch (out.protocol) {
    case IPPROTO_TCP: {
      if (o + 20 > end) return void missingTransport(out);
      const headerLength = (b[s + o + 12]! >> 4) * 4;
      if (headerLength < 20 || o + headerLength > end) return void missingTransport(out);
      out.srcPort = u16be(b, s + o);
      out.dstPort = u16be(b, s + o + 2);
      out.tcpSeq = u32be(b, s + o + 4);
      out.tcpAck = u32be(b, s + o + 8);
      out.tcpFlags = b[s + o + 13]! | ((b[s + o + 12]! & 1) << 8);
      out.tcpWindow = u16be(b, s + o + 14);
      out.tcpHeaderLength = headerLength;
      out.payloadOffset = o + headerLength;
      out.payloadLength = end - out.payloadOffset;
      return;
    }
    case IPPROTO_UDP: {
      if (o + 8 > end) return void missingTransport(out);
      out.srcPort = u16be(b, s + o);
      out.dstPort = u16be(b, s + o + 2);
      const length = u16be(b, s + o + 4);
      out.payloadOffset = o + 8;
      // The UDP length bounds the payload when it is sane; captured bytes bound it always.
      out.payloadLength = Math.max(0, (length >= 8 ? Math.min(o + length, end) : end) - out.payloadOffset);
      return;
    }
    case IPPROTO_ICMP:
    case IPPROTO_ICMPV6:
      if (o + 4 > end) return void missingTransport(out);
      out.icmpType = b[s + o]!;
      out.icmpCode = b[s + o + 1]!;
      out.payloadOffset = o + 4;
      out.payloadLength = end - out.payloadOffset;
      return;
    default:
      out.payloadOffset = o;
      out.payloadLength = end - o;
  }
}

function missingTransport(out: DecodedPacket): void {
  out.transportOffset = -1;
  out.truncated = true;
}

function truncated(out: DecodedPacket): -1 {
  out.truncated = true;
  return -1;
}
