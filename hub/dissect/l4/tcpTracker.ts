/**
 * TCP conversation tracking: finds or starts the connection of each segment, orients it
 * (client = SYN sender), reassembles both directions (halfStream.ts) and feeds the L7 parser.
 *
 * A new stream starts at every SYN that is not a retransmission of the current one, so a reused
 * 4-tuple becomes a new connection (as tshark's `tcp.stream` does). A connection whose start was
 * not captured is picked up at its first segment. Closed connections stay in the table (their late
 * ACKs must not start a new stream) until a new SYN or the idle sweep removes them.
 */
import { type DecodedPacket, TcpFlag } from '../../capture/decode/decodedPacket';
import { type Direction, type StreamParser } from '../protocols/parser';
import { Connection, firstPacketServerIsDestination } from './connection';
import { keyOf, type KeyedPacket } from './endpointKey';
import { HalfStream } from './halfStream';

/** Connections without a packet for this long are finished and forgotten (bounded memory). */
const IDLE_US = 300e6;
const SWEEP_EVERY_US = 10e6;

export interface L4Host {
  /** Numbers a new connection: [stream within the node, conn id within the dissection]. */
  allocate(): [number, number];
  /** Picks the parser from the first bytes; undefined = not decided yet, null = nothing to dissect. */
  detect(conn: Connection, dir: Direction, bytes: Uint8Array): StreamParser | null | undefined;
  /** The connection is gone from the table: its parser has ended, its counters are final. */
  finished(conn: Connection): void;
}

/** Data chunks looked at before a connection's protocol is declared unknown. */
const DETECT_ATTEMPTS = 4;

class TcpConn extends Connection {
  /** The client is the lower endpoint of the key. */
  clientIsLower = true;
  half: [HalfStream, HalfStream] = [new HalfStream(0), new HalfStream(1)];
  clientIsn = -1;
  synUs = 0;
  synAckSeen = false;
  closed = false;
  detectAttempts = 0;

  protected override onReverse(): void {
    this.clientIsLower = !this.clientIsLower;
    const [a, b] = this.half;
    a.dir = 1;
    b.dir = 0;
    this.half = [b, a];
  }
}

export class TcpTracker {
  private readonly table = new Map<string, TcpConn>();
  private readonly keyed: KeyedPacket = { key: '', srcIsLower: true };
  private lastSweepUs = 0;

  constructor(private readonly host: L4Host) {}

  onPacket(d: DecodedPacket, tsUs: number, file: number, offset: number): void {
    const { key, srcIsLower } = keyOf(d, this.keyed);
    const flags = d.tcpFlags;
    const syn = (flags & TcpFlag.Syn) !== 0;
    const ack = (flags & TcpFlag.Ack) !== 0;
    let conn = this.table.get(key);
    if (syn && !ack && conn !== undefined && !(conn.clientIsn === d.tcpSeq && conn.clientIsLower === srcIsLower)) {
      this.finish(conn, tsUs);
      this.host.finished(conn);
      conn = undefined;
    }
    if (conn === undefined) {
      conn = this.start(d, srcIsLower, syn, ack, key);
    }
    let side: Direction = srcIsLower === conn.clientIsLower ? 0 : 1;
    conn.count(side, d.origLen, tsUs, file, offset);
    if (conn.closed) return;
    this.handshake(conn, side, syn, ack, d.tcpSeq, tsUs);
    let half = conn.half[side];
    if (syn) half.syn(d.tcpSeq);
    if (d.payloadLength > 0) {
      const seq = syn ? (d.tcpSeq + 1) >>> 0 : d.tcpSeq;
      const payload = d.payload();
      // Only data that starts where its direction starts (or resumes in order) can be recognised.
      if (conn.parser === null && conn.detectAttempts < DETECT_ATTEMPTS && (!half.synced || half.next === seq)) {
        this.detect(conn, side, payload);
        // Detection may have found the roles reversed.
        side = srcIsLower === conn.clientIsLower ? 0 : 1;
        half = conn.half[side];
      }
      half.segment(seq, payload, tsUs, conn.parser);
    } else if (!half.synced && !syn) {
      half.segment(d.tcpSeq, d.payload(), tsUs, null);
    }
    if (ack) conn.half[side === 0 ? 1 : 0].acknowledged(d.tcpAck, tsUs, conn.parser);
    if ((flags & TcpFlag.Fin) !== 0) half.fin(syn ? (d.tcpSeq + 1) >>> 0 : d.tcpSeq, d.payloadLength);
    if ((flags & TcpFlag.Rst) !== 0 || (half.checkEnded() && conn.half[side === 0 ? 1 : 0].checkEnded())) this.finish(conn, tsUs, true);
    if (tsUs - this.lastSweepUs > SWEEP_EVERY_US) this.sweep(tsUs);
  }

  /** End of capture: every connection still open ends here. */
  finishAll(tsUs: number): void {
    for (const conn of this.table.values()) {
      this.finish(conn, tsUs);
      this.host.finished(conn);
    }
    this.table.clear();
  }

  private start(d: DecodedPacket, srcIsLower: boolean, syn: boolean, ack: boolean, key: string): TcpConn {
    const [stream, connId] = this.host.allocate();
    const conn = new TcpConn('tcp', stream, connId);
    // SYN: the sender is the client; SYN-ACK: the sender is the server; otherwise the port rule.
    const srcIsClient = syn ? !ack : firstPacketServerIsDestination(d.srcPort, d.dstPort);
    conn.clientIsLower = srcIsClient === srcIsLower;
    const src = { ip: d.srcAddress(), port: d.srcPort };
    const dst = { ip: d.dstAddress(), port: d.dstPort };
    const [client, server] = srcIsClient ? [src, dst] : [dst, src];
    conn.setEndpoints({ clientIp: client.ip, clientPort: client.port, serverIp: server.ip, serverPort: server.port });
    conn.state = syn ? 'in_progress' : 'open';
    conn.rolesKnown = syn;
    this.table.set(key, conn);
    return conn;
  }

  private handshake(conn: TcpConn, side: Direction, syn: boolean, ack: boolean, seq: number, tsUs: number): void {
    if (syn && !ack && side === 0) {
      conn.clientIsn = seq;
      conn.synUs = tsUs;
    } else if (syn && ack && side === 1) {
      conn.synAckSeen = true;
    } else if (ack && side === 0 && conn.synAckSeen && conn.handshakeUs < 0 && conn.clientIsn !== -1) {
      conn.handshakeUs = tsUs - conn.synUs;
      conn.state = 'open';
    }
  }

  private detect(conn: TcpConn, side: Direction, payload: Uint8Array): void {
    conn.detectAttempts++;
    const parser = this.host.detect(conn, side, payload);
    if (parser !== undefined) {
      conn.parser = parser;
      if (parser === null) conn.detectAttempts = DETECT_ATTEMPTS;
    }
  }

  /**
   * Ends a connection's dissection: holes become gaps, the parser ends. The connection stays in
   * the table (its last ACKs still count) until it is replaced, idle, or the capture ends; only
   * then does the host get its final counters.
   */
  private finish(conn: TcpConn, tsUs: number, closedByPeers = false): void {
    if (conn.closed) return;
    conn.half[0].flush(tsUs, conn.parser);
    conn.half[1].flush(tsUs, conn.parser);
    conn.closed = true;
    if (closedByPeers) conn.state = 'closed';
    conn.parser?.onEnd(tsUs);
    conn.parser = null;
  }

  private sweep(tsUs: number): void {
    this.lastSweepUs = tsUs;
    for (const [key, conn] of this.table) {
      if (tsUs - conn.lastUs > IDLE_US) {
        this.finish(conn, conn.lastUs);
        this.host.finished(conn);
        this.table.delete(key);
      }
    }
  }
}
