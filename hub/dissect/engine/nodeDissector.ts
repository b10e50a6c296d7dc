/**
 * Dissects the packets of one node: decodes each packet, tracks TCP connections and UDP sessions,
 * detects protocols, runs the parsers and writes calls, failed streams, connections and flows to
 * the store. Stream numbers are per node; conn and flow ids are per dissection.
 */
import { decodePacket } from '../../capture/decode/decode';
import { DecodedPacket } from '../../capture/decode/decodedPacket';
import { type CallDraft } from '../calls/call';
import { type IdentityResolver } from '../calls/identity';
import { type Connection } from '../l4/connection';
import { type Flow, FlowTable } from '../l4/flowTable';
import { TcpTracker } from '../l4/tcpTracker';
import { UdpTracker } from '../l4/udpTracker';
import { type CallSink, type Direction, type StreamParser } from '../protocols/parser';
import { detectTcp, detectUdp, PORT_PROTOCOLS } from './detect';
import { type PacketSource } from './packetSource';
import { type RowContext, type RowWriter } from './rowWriter';

/** First bytes of each connection kept for the `tcp_payload` of a failed stream. */
const FIRST_BYTES = 64;

export interface DissectionCounters {
  packets: number;
  calls: number;
  protocolCounts: Record<string, number>;
}

/** Per-connection facts fixed once its roles are known (after detection). */
interface ConnState {
  flow: Flow;
  clientIdent: number;
  serverIdent: number;
}

export class NodeDissector {
  private readonly decoded = new DecodedPacket();
  private readonly tcp: TcpTracker;
  private readonly udp: UdpTracker;
  private readonly states = new WeakMap<Connection, ConnState>();
  private readonly sinks = new WeakMap<Connection, CallSink>();
  private readonly firstBytes = new WeakMap<Connection, Uint8Array>();
  private readonly flows: FlowTable;
  private nextStream = 0;
  /** IP → name, from the A/AAAA answers of DNS responses seen so far (`src.dns`, `dst.dns`). */
  private readonly dnsNames = new Map<string, string>();
  private lastUs = 0;

  constructor(
    private readonly node: number,
    private readonly writer: RowWriter,
    private readonly identities: IdentityResolver,
    private readonly ids: { conn: () => number; flow: () => number },
    private readonly counters: DissectionCounters,
  ) {
    const host = {
      allocate: (): [number, number] => [this.nextStream++, this.ids.conn()],
      detect: (conn: Connection, dir: Direction, bytes: Uint8Array) => this.detect(conn, dir, bytes),
      finished: (conn: Connection) => this.finished(conn),
    };
    this.tcp = new TcpTracker(host);
    this.udp = new UdpTracker(host);
    this.flows = new FlowTable(ids.flow);
  }

  /** Reads every packet of `source`; `yieldEvery` lets the caller keep its event loop alive. */
  async run(source: PacketSource, onChunk: (packets: number) => Promise<boolean>): Promise<boolean> {
    const d = this.decoded;
    let sinceYield = 0;
    for (let p = source.next(); p; p = source.next()) {
      this.counters.packets++;
      const tsUs = p.tsSec * 1e6 + p.tsNsec / 1000;
      if (tsUs > this.lastUs) this.lastUs = tsUs;
      decodePacket(p, d);
      if (d.isTcp && !d.isFragment) this.tcp.onPacket(d, tsUs, source.file, p.fileOffset);
      else if (d.isUdp && !d.isFragment) this.udp.onPacket(d, tsUs, source.file, p.fileOffset);
      if (++sinceYield === 8192) {
        sinceYield = 0;
        if (!(await onChunk(8192))) return false;
      }
    }
    this.tcp.finishAll(this.lastUs);
    this.udp.finishAll(this.lastUs);
    this.writeFlows();
    return true;
  }

  private state(conn: Connection): ConnState {
    let st = this.states.get(conn);
    if (st) return st;
    const tMs = Math.floor(conn.firstUs / 1000);
    const flow = this.flows.flowOf(conn);
    st = { flow, clientIdent: this.identities.resolve(conn.clientIp, tMs), serverIdent: this.identities.resolve(conn.serverIp, tMs) };
    this.states.set(conn, st);
    return st;
  }

  private sinkFor(conn: Connection): CallSink {
    const known = this.sinks.get(conn);
    if (known) return known;
    const sink: CallSink = {
      nextIndex: () => conn.calls++,
      emit: (call) => this.emit(conn, call),
      fail: (type, message) => {
        conn.error ??= { type, message };
      },
      detected: (protocol) => conn.noteDetected(protocol),
    };
    this.sinks.set(conn, sink);
    return sink;
  }

  private detect(conn: Connection, dir: Direction, bytes: Uint8Array): StreamParser | null | undefined {
    if (!this.firstBytes.has(conn)) this.firstBytes.set(conn, bytes.slice(0, FIRST_BYTES));
    const sink = this.sinkFor(conn);
    const found = conn.transport === 'tcp' ? detectTcp(conn, dir, bytes, sink) : detectUdp(conn, bytes, sink);
    if (found === undefined) return undefined;
    if (found.protocol) conn.noteDetected(found.protocol);
    if (found.reverse && !conn.rolesKnown) conn.reverse();
    if (!found.parser) {
      const promised = PORT_PROTOCOLS.get(conn.serverPort);
      if (promised && conn.transport === 'tcp') conn.error = { type: 'malformed', message: `the data on port ${conn.serverPort} is not ${promised}` };
    }
    return found.parser;
  }

  private context(conn: Connection, st: ConnState): RowContext {
    return {
      node: this.node, conn, flowId: st.flow.id, clientIdent: st.clientIdent, serverIdent: st.serverIdent,
      clientDns: this.dnsNames.get(conn.clientIp) ?? '', serverDns: this.dnsNames.get(conn.serverIp) ?? '',
    };
  }

  private emit(conn: Connection, call: CallDraft): void {
    const st = this.state(conn);
    this.writer.call(this.context(conn, st), call);
    this.counters.calls++;
    this.counters.protocolCounts[call.proto] = (this.counters.protocolCounts[call.proto] ?? 0) + 1;
    if (call.dns && call.dns.hasResponse) this.learnNames(call);
  }

  private learnNames(call: CallDraft): void {
    const name = call.dns!.questions[0];
    if (!name) return;
    for (const answer of call.dns!.answers) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(answer) || answer.includes(':')) this.dnsNames.set(answer, name);
    }
  }

  private finished(conn: Connection): void {
    const st = this.state(conn);
    const ctx = this.context(conn, st);
    if (conn.error) {
      this.writer.streamError(ctx, conn, this.firstBytes.get(conn) ?? new Uint8Array(0));
      this.counters.protocolCounts.tcp = (this.counters.protocolCounts.tcp ?? 0) + 1;
    }
    this.writer.connection(ctx, conn);
    this.flows.add(st.flow, conn);
  }

  private writeFlows(): void {
    for (const flow of this.flows.flows.values()) {
      const t = flow.firstMs;
      this.writer.flow({
        node: this.node, flowId: flow.id,
        conn: {
          transport: flow.transport, stream: flow.stream, connId: flow.connId, clientIp: flow.clientIp, clientPort: flow.clientPort,
          serverIp: flow.serverIp, serverPort: flow.serverPort, error: null, detected: flow.detected,
        },
        clientIdent: this.identities.resolve(flow.clientIp, t), serverIdent: this.identities.resolve(flow.serverIp, t),
        clientDns: this.dnsNames.get(flow.clientIp) ?? '', serverDns: this.dnsNames.get(flow.serverIp) ?? '',
      }, flow);
    }
  }
}
