/**
 * UDP sessions: one per 5-tuple, closed after 60 s without a packet (spec §4.8), each message
 * handed whole to the session's parser (UDP is dissected by message, not by stream).
 */
import { type DecodedPacket } from '../../capture/decode/decodedPacket';
import { type Direction } from '../protocols/parser';
import { Connection, firstPacketServerIsDestination } from './connection';
import { keyOf, type KeyedPacket } from './endpointKey';
import { type L4Host } from './tcpTracker';

const IDLE_US = 60e6;
const SWEEP_EVERY_US = 10e6;

class UdpSession extends Connection {
  clientIsLower = true;
  decided = false;
  ended = false;

  protected override onReverse(): void {
    this.clientIsLower = !this.clientIsLower;
  }
}

export class UdpTracker {
  private readonly table = new Map<string, UdpSession>();
  private readonly keyed: KeyedPacket = { key: '', srcIsLower: true };
  private lastSweepUs = 0;

  constructor(private readonly host: L4Host) {}

  onPacket(d: DecodedPacket, tsUs: number, file: number, offset: number): void {
    const { key, srcIsLower } = keyOf(d, this.keyed);
    let session = this.table.get(key);
    if (session !== undefined && tsUs - session.lastUs > IDLE_US) {
      this.end(session, session.lastUs, true);
      session = undefined;
    }
    if (session === undefined) session = this.start(d, srcIsLower, key);
    let side: Direction = srcIsLower === session.clientIsLower ? 0 : 1;
    session.count(side, d.origLen, tsUs, file, offset);
    const payload = d.payload();
    if (!session.decided) {
      const parser = this.host.detect(session, side, payload);
      if (parser !== undefined) {
        session.parser = parser;
        session.decided = true;
        side = srcIsLower === session.clientIsLower ? 0 : 1;
      }
    }
    session.parser?.onData(side, payload, tsUs);
    if (tsUs - this.lastSweepUs > SWEEP_EVERY_US) this.sweep(tsUs);
  }

  finishAll(tsUs: number): void {
    for (const session of this.table.values()) this.end(session, tsUs, tsUs - session.lastUs > IDLE_US);
    this.table.clear();
  }

  private start(d: DecodedPacket, srcIsLower: boolean, key: string): UdpSession {
    const [stream, connId] = this.host.allocate();
    const session = new UdpSession('udp', stream, connId);
    const srcIsClient = firstPacketServerIsDestination(d.srcPort, d.dstPort);
    session.clientIsLower = srcIsClient === srcIsLower;
    const src = { ip: d.srcAddress(), port: d.srcPort };
    const dst = { ip: d.dstAddress(), port: d.dstPort };
    const [client, server] = srcIsClient ? [src, dst] : [dst, src];
    session.setEndpoints({ clientIp: client.ip, clientPort: client.port, serverIp: server.ip, serverPort: server.port });
    this.table.set(key, session);
    return session;
  }

  private end(session: UdpSession, tsUs: number, idle: boolean): void {
    if (session.ended) return;
    session.ended = true;
    if (idle) session.state = 'closed';
    session.parser?.onEnd(tsUs);
    session.parser = null;
    this.host.finished(session);
  }

  private sweep(tsUs: number): void {
    this.lastSweepUs = tsUs;
    for (const [key, session] of this.table) {
      if (tsUs - session.lastUs > IDLE_US) {
        this.end(session, session.lastUs, true);
        this.table.delete(key);
      }
    }
  }
}
