/**
 * Turns what the dissectors produce — calls, failed streams, finished connections, flows — into
 * rows of the call store, with identity, ids and the compact KFL fields. The details file gets
 * the bodies.
 */
import { type CallDraft, latencyUs } from '../calls/call';
import { type Connection } from '../l4/connection';
import { type Flow, flowState } from '../l4/flowTable';
import { nearestRank } from '../query/percentiles';
import { type CallStore } from '../store/callStore';
import { type DetailsWriter } from '../store/detailsFile';
import { EntryKind, kindOfProto, RowFlag } from '../store/entryKind';
import { type Extras } from '../store/extras';

/** The transport facts every row carries (a connection, or a flow's first connection). */
export type ConnFacts = Pick<Connection, 'transport' | 'stream' | 'connId' | 'clientIp' | 'clientPort' | 'serverIp' | 'serverPort' | 'error' | 'detected'>;

/** What a row needs to know about where its call travelled. */
export interface RowContext {
  node: number;
  conn: ConnFacts;
  flowId: number;
  clientIdent: number;
  serverIdent: number;
  clientDns: string;
  serverDns: string;
}

const EMPTY = new Uint8Array(0);

export class RowWriter {
  /** Interned addresses per connection: its calls would otherwise hash the same two strings each time. */
  private readonly addressIds = new WeakMap<ConnFacts, [number, number]>();

  constructor(private readonly store: CallStore, private readonly details: DetailsWriter | null) {}

  call(ctx: RowContext, call: CallDraft): void {
    const s = this.store;
    const extras: Extras = {};
    if (call.proto === 'http' || call.proto === 'grpc') {
      if (call.reqFields) extras.request_fields = call.reqFields;
      if (call.respFields) extras.response_fields = call.respFields;
      if (call.reqBody?.encoding) extras.req_body_encoding = call.reqBody.encoding;
      if (call.respBody?.encoding) extras.resp_body_encoding = call.respBody.encoding;
    }
    if (call.grpc) {
      extras.grpc_service = call.grpc.service;
      extras.grpc_method = call.grpc.method;
      extras.grpc_message = call.grpc.message;
      extras.grpc_request_messages = call.grpc.requestMessages;
      extras.grpc_response_messages = call.grpc.responseMessages;
    }
    if (call.dns) {
      extras.dns_questions = call.dns.questions;
      extras.dns_answers = call.dns.answers;
      extras.dns_question_types = call.dns.questionTypes;
    }
    if (call.redis) {
      extras.redis_command = call.redis.command;
      extras.redis_reply = call.redis.reply;
    }
    if (call.tls) {
      extras.tls_sni = call.tls.sni;
      extras.tls_alpn = call.tls.alpn;
      extras.tls_version = call.tls.version;
      extras.tls_cipher = call.tls.cipher;
    }
    if (call.postgresql) {
      const pg = call.postgresql;
      extras.postgresql_query = pg.query;
      extras.postgresql_database = pg.database;
      extras.postgresql_user = pg.user;
      extras.postgresql_error_code = pg.errorCode;
      extras.postgresql_error_message = pg.errorMessage;
    }
    if (ctx.conn.error) {
      extras.tcp_error_type = ctx.conn.error.type;
      extras.tcp_error_message = ctx.conn.error.message;
    }
    const row = s.append(extras);
    const c = s.columns;
    this.common(row, ctx, kindOfProto(call.proto));
    c.tsUs[row] = call.hasRequest ? call.reqStartUs : call.respEndUs;
    c.endUs[row] = call.hasResponse ? call.respEndUs : call.reqEndUs;
    c.elapsedUs[row] = latencyUs(call);
    c.index[row] = call.index;
    c.method[row] = s.intern(call.method);
    c.path[row] = s.intern(call.path);
    c.url[row] = call.url === call.path ? c.path[row]! : s.intern(call.url);
    c.status[row] = call.status;
    c.httpVersion[row] = s.intern(call.httpVersion);
    c.reqSize[row] = call.reqSize;
    c.respSize[row] = call.respSize;
    c.reqHeaderBytes[row] = call.reqHeaderBytes;
    c.respHeaderBytes[row] = call.respHeaderBytes;
    c.reqBodySize[row] = call.reqBody?.size ?? 0;
    c.respBodySize[row] = call.respBody?.size ?? 0;
    c.grpcStatus[row] = call.grpc ? call.grpc.status : -1;
    let flags = c.flags[row]!;
    if (call.hasRequest) flags |= RowFlag.HasRequest;
    if (call.hasResponse) flags |= RowFlag.HasResponse;
    if (call.partial) flags |= RowFlag.Partial;
    if (call.reqBody?.truncated) flags |= RowFlag.ReqBodyTruncated;
    if (call.respBody?.truncated) flags |= RowFlag.RespBodyTruncated;
    c.flags[row] = flags;
    if (call.error) {
      c.errorType[row] = s.intern(call.error.type);
      c.errorMsg[row] = s.intern(call.error.msg);
    }
    if (this.details && (call.reqBody || call.respBody)) {
      const [offset, length] = this.details.append({ info: {}, reqBody: call.reqBody?.bytes ?? EMPTY, respBody: call.respBody?.bytes ?? EMPTY });
      c.detailOffset[row] = offset;
      c.detailLength[row] = length;
    }
  }

  /** A stream that failed dissection: a `tcp` entry carrying the error and its first bytes. */
  streamError(ctx: RowContext, conn: Connection, firstBytes: Uint8Array): void {
    const row = this.store.append({
      tcp_error_type: conn.error?.type ?? '', tcp_error_message: conn.error?.message ?? '', tcp_payload: firstBytes,
    });
    this.common(row, ctx, EntryKind.Tcp);
    const c = this.store.columns;
    c.tsUs[row] = conn.firstUs;
    c.endUs[row] = conn.lastUs;
    c.index[row] = conn.calls;
    c.grpcStatus[row] = -1;
    c.errorType[row] = this.store.intern('dissection');
    c.errorMsg[row] = this.store.intern(conn.error?.message ?? '');
  }

  /** A finished connection becomes a `conn` entry (spec §4.8; local = client, remote = server). */
  connection(ctx: RowContext, conn: Connection): void {
    const row = this.store.append({
      conn_state: conn.state, local_pkts: conn.pkts[0], local_bytes: conn.bytes[0], remote_pkts: conn.pkts[1], remote_bytes: conn.bytes[1],
      l7_detected: conn.detected, handshake_us: conn.handshakeUs >= 0 ? conn.handshakeUs : undefined,
      span_first_file: conn.firstFile, span_first_offset: conn.firstOffset, span_last_file: conn.lastFile, span_last_offset: conn.lastOffset,
      tcp_error_type: conn.error?.type, tcp_error_message: conn.error?.message,
    });
    this.common(row, ctx, EntryKind.Conn);
    const c = this.store.columns;
    c.tsUs[row] = conn.firstUs;
    c.endUs[row] = conn.lastUs;
    c.grpcStatus[row] = -1;
    c.reqSize[row] = conn.bytes[0]!;
    c.respSize[row] = conn.bytes[1]!;
  }

  /** A flow entry: its connections' counters summed (local = client, remote = server). */
  flow(ctx: RowContext, flow: Flow): void {
    const sorted = [...flow.handshakesUs].sort((a, b) => a - b);
    const row = this.store.append({
      conn_state: flowState(flow), local_pkts: flow.pkts[0], local_bytes: flow.bytes[0], remote_pkts: flow.pkts[1], remote_bytes: flow.bytes[1],
      l7_detected: flow.detected, conn_count: flow.conns,
      handshake_p50_us: nearestRank(sorted, 50), handshake_p90_us: nearestRank(sorted, 90), handshake_p99_us: nearestRank(sorted, 99),
    });
    this.common(row, ctx, EntryKind.Flow);
    const c = this.store.columns;
    c.tsUs[row] = flow.firstUs;
    c.endUs[row] = flow.lastUs;
    c.grpcStatus[row] = -1;
    c.reqSize[row] = flow.bytes[0];
    c.respSize[row] = flow.bytes[1];
  }

  private common(row: number, ctx: RowContext, kind: EntryKind): void {
    const s = this.store;
    const c = s.columns;
    const conn = ctx.conn;
    c.kind[row] = kind;
    c.node[row] = ctx.node;
    c.stream[row] = conn.stream;
    c.connId[row] = conn.connId;
    c.flowId[row] = ctx.flowId;
    let ips = this.addressIds.get(conn);
    if (!ips) this.addressIds.set(conn, (ips = [s.intern(conn.clientIp), s.intern(conn.serverIp)]));
    c.srcIp[row] = ips[0];
    c.srcPort[row] = conn.clientPort;
    c.srcIdent[row] = ctx.clientIdent;
    c.dstIp[row] = ips[1];
    c.dstPort[row] = conn.serverPort;
    c.dstIdent[row] = ctx.serverIdent;
    c.srcDns[row] = s.intern(ctx.clientDns);
    c.dstDns[row] = s.intern(ctx.serverDns);
    let flags = RowFlag.HasPcap;
    if (conn.transport === 'udp') flags |= RowFlag.Udp;
    if (conn.error) flags |= RowFlag.StreamError;
    if (conn.detected.includes('TLS')) flags |= RowFlag.OverTls;
    c.flags[row] = flags;
  }
}
