/**
 * The packets of one connection as a classic pcap (get_api_call_details `include_pcap`): the
 * node's files are read from the connection's first packet to its last (offsets recorded during
 * dissection), keeping the packets of its 4-tuple, up to a cap of packet data.
 */
import { decodePacket } from '../../capture/decode/decode';
import { DecodedPacket } from '../../capture/decode/decodedPacket';
import { ChunkWriter } from '../../capture/chunkWriter';
import { openCapture } from '../../capture/open';
import { PcapWriter } from '../../capture/pcapWriter';

/** Packet data put into one call's pcap (§5.16). */
export const PCAP_CAP_BYTES = 12 << 20;

export interface ConnSpan {
  files: readonly string[];
  firstFile: number;
  firstOffset: number;
  lastFile: number;
  lastOffset: number;
  udp: boolean;
  a: { ip: string; port: number };
  b: { ip: string; port: number };
}

export interface ConnPcap {
  pcap: Buffer;
  packets: number;
  truncated: boolean;
}

export function connectionPcap(span: ConnSpan): ConnPcap | null {
  const chunks: Buffer[] = [];
  // The writer reuses its buffer once the sink returns: keep a copy of each chunk.
  const out = new ChunkWriter((c) => chunks.push(Buffer.from(c)));
  let writer: PcapWriter | null = null;
  let linkType = -1;
  let packets = 0;
  let bytes = 0;
  let truncated = false;
  const d = new DecodedPacket();
  for (let f = span.firstFile; f <= span.lastFile && !truncated; f++) {
    const reader = openCapture(span.files[f]!);
    if ('code' in reader) continue;
    try {
      for (let p = reader.next(); p; p = reader.next()) {
        if (f === span.firstFile && p.fileOffset < span.firstOffset) continue;
        if (f === span.lastFile && p.fileOffset > span.lastOffset) break;
        decodePacket(p, d);
        if (!(span.udp ? d.isUdp : d.isTcp) || !belongs(d, span)) continue;
        if (writer === null) {
          linkType = p.linkType;
          writer = new PcapWriter(out, { linkType, snaplen: p.snaplen, precision: p.precision });
        }
        // One pcap has one link type: packets of another (a node mixing interfaces) are left out.
        if (p.linkType !== linkType) continue;
        if (bytes + p.caplen > PCAP_CAP_BYTES) {
          truncated = true;
          break;
        }
        writer.write(p);
        packets++;
        bytes += p.caplen;
      }
    } finally {
      reader.close();
    }
  }
  if (writer === null) return null;
  out.flush();
  return { pcap: Buffer.concat(chunks), packets, truncated };
}

function belongs(d: DecodedPacket, span: ConnSpan): boolean {
  const src = d.srcAddress();
  const dst = d.dstAddress();
  return (src === span.a.ip && d.srcPort === span.a.port && dst === span.b.ip && d.dstPort === span.b.port)
    || (src === span.b.ip && d.srcPort === span.b.port && dst === span.a.ip && d.dstPort === span.a.port);
}
