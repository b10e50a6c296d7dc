/**
 * L4 flows (spec §4.8): all connections with the same (protocol, client IP, server IP, server
 * port) aggregate into one flow. Flow ids are handed out when a flow's first connection starts,
 * so calls carry their flow id while the dissection runs.
 */
import { type Connection, type ConnState } from './connection';

export interface Flow {
  id: number;
  transport: 'tcp' | 'udp';
  clientIp: string;
  serverIp: string;
  serverPort: number;
  /** Client port of the flow's first connection (the flow entry's src.port). */
  clientPort: number;
  stream: number;
  connId: number;
  pkts: [number, number];
  bytes: [number, number];
  firstUs: number;
  lastUs: number;
  conns: number;
  openConns: number;
  inProgressConns: number;
  detected: string[];
  handshakesUs: number[];
  /** Resolution time for the flow's identity (its first packet, ms). */
  firstMs: number;
}

/** Handshake times kept per flow for its percentiles (a sample beyond this is enough). */
const MAX_HANDSHAKES = 10_000;

export class FlowTable {
  readonly flows = new Map<string, Flow>();

  constructor(private readonly nextId: () => number) {}

  /** The flow a new connection belongs to (created on first sight). */
  flowOf(conn: Connection): Flow {
    const key = `${conn.transport}|${conn.clientIp}|${conn.serverIp}|${conn.serverPort}`;
    let flow = this.flows.get(key);
    if (!flow) {
      flow = {
        id: this.nextId(), transport: conn.transport, clientIp: conn.clientIp, serverIp: conn.serverIp, serverPort: conn.serverPort,
        clientPort: conn.clientPort, stream: conn.stream, connId: conn.connId, pkts: [0, 0], bytes: [0, 0], firstUs: Infinity, lastUs: 0,
        conns: 0, openConns: 0, inProgressConns: 0, detected: [], handshakesUs: [], firstMs: 0,
      };
      this.flows.set(key, flow);
    }
    return flow;
  }

  /** Adds a finished connection's counters to its flow. */
  add(flow: Flow, conn: Connection): void {
    flow.conns++;
    flow.pkts[0] += conn.pkts[0]!;
    flow.pkts[1] += conn.pkts[1]!;
    flow.bytes[0] += conn.bytes[0]!;
    flow.bytes[1] += conn.bytes[1]!;
    if (conn.firstUs < flow.firstUs) {
      flow.firstUs = conn.firstUs;
      flow.firstMs = Math.floor(conn.firstUs / 1000);
    }
    if (conn.lastUs > flow.lastUs) flow.lastUs = conn.lastUs;
    countState(flow, conn.state);
    for (const p of conn.detected) if (!flow.detected.includes(p)) flow.detected.push(p);
    if (conn.handshakeUs >= 0 && flow.handshakesUs.length < MAX_HANDSHAKES) flow.handshakesUs.push(conn.handshakeUs);
  }
}

function countState(flow: Flow, state: ConnState): void {
  if (state === 'open') flow.openConns++;
  else if (state === 'in_progress') flow.inProgressConns++;
}

/** A flow is open while any of its connections is, in progress while one is being set up. */
export function flowState(flow: Flow): ConnState {
  if (flow.openConns > 0) return 'open';
  if (flow.inProgressConns > 0) return 'in_progress';
  return 'closed';
}
