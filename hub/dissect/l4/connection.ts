/**
 * One transport connection (TCP) or session (UDP) as the L4 tables and the L7 parsers see it:
 * endpoints oriented client → server, packet/byte counters per side, state and timing.
 */
import { type StreamParser } from '../protocols/parser';

export type Transport = 'tcp' | 'udp';
export type ConnState = 'open' | 'in_progress' | 'closed';

export interface Endpoints {
  clientIp: string;
  clientPort: number;
  serverIp: string;
  serverPort: number;
}

/** Where a connection's packets are in the node's capture files (for per-connection PCAP export). */
export interface PacketSpan {
  firstFile: number;
  firstOffset: number;
  lastFile: number;
  lastOffset: number;
}

export class Connection implements Endpoints, PacketSpan {
  clientIp = '';
  clientPort = 0;
  serverIp = '';
  serverPort = 0;
  /** Counters per side: [client, server]. Bytes are frame lengths on the wire. */
  readonly pkts = [0, 0];
  readonly bytes = [0, 0];
  firstUs = 0;
  lastUs = 0;
  state: ConnState = 'open';
  /** A SYN said who the client is; detection never reverses such a connection. */
  rolesKnown = false;
  /** µs from SYN to the client's ACK that completed the handshake; -1 when not seen. */
  handshakeUs = -1;
  parser: StreamParser | null = null;
  /** Upper-case protocol names seen on the connection (`conn_l7_detected`). */
  readonly detected: string[] = [];
  error: { type: string; message: string } | null = null;
  calls = 0;
  firstFile = 0;
  firstOffset = 0;
  lastFile = 0;
  lastOffset = 0;

  constructor(
    readonly transport: Transport,
    /** Transport stream number within the node (a new one at every SYN / UDP session). */
    readonly stream: number,
    readonly connId: number,
  ) {}

  setEndpoints(e: Endpoints): void {
    this.clientIp = e.clientIp;
    this.clientPort = e.clientPort;
    this.serverIp = e.serverIp;
    this.serverPort = e.serverPort;
  }

  count(side: 0 | 1, wireBytes: number, tsUs: number, file: number, offset: number): void {
    if (this.pkts[0]! + this.pkts[1]! === 0) {
      this.firstUs = tsUs;
      this.firstFile = file;
      this.firstOffset = offset;
    }
    this.pkts[side]!++;
    this.bytes[side]! += wireBytes;
    if (tsUs > this.lastUs) this.lastUs = tsUs;
    this.lastFile = file;
    this.lastOffset = offset;
  }

  /** The bytes showed the roles the other way round (picked up mid-stream): swap the sides. */
  reverse(): void {
    [this.clientIp, this.serverIp] = [this.serverIp, this.clientIp];
    [this.clientPort, this.serverPort] = [this.serverPort, this.clientPort];
    this.pkts.reverse();
    this.bytes.reverse();
    this.onReverse();
  }

  /** Trackers swap their own per-side state here. */
  protected onReverse(): void {}

  noteDetected(protocol: string): void {
    if (!this.detected.includes(protocol)) this.detected.push(protocol);
  }
}

/**
 * Which side is the server when no SYN says so (spec §4.8): the side on a well-known port
 * (< 1024, the lower one when both are), else the destination of the first packet.
 */
export function firstPacketServerIsDestination(srcPort: number, dstPort: number): boolean {
  const srcWellKnown = srcPort < 1024;
  const dstWellKnown = dstPort < 1024;
  if (srcWellKnown && dstWellKnown) return dstPort <= srcPort;
  if (srcWellKnown) return false;
  return true;
}
