/**
 * A dissected call as the dissectors hand it over, before identity, ids and storage are added.
 * Every field the compact and full formats and the KFL record need is derived from this object
 * (records.ts, shapes.ts); nothing else about the call survives dissection.
 */

export type Proto = 'http' | 'grpc' | 'dns' | 'redis' | 'postgresql' | 'tls';

export type CallErrorType = 'pair-not-found' | 'timeout' | 'dissection';

/** A body as captured: the first bytes (up to the store cap) plus what the headers say about it. */
export interface BodyCapture {
  bytes: Uint8Array;
  /** Bytes of the body on the wire (after de-chunking, before content decoding). */
  size: number;
  /** `content-encoding` of the message ('' when none). */
  encoding: string;
  /** The stored bytes are fewer than `size`. */
  truncated: boolean;
}

export interface DnsInfo {
  questions: string[];
  questionTypes: string[];
  answers: string[];
  rcode: number;
  hasQuery: boolean;
  hasResponse: boolean;
  queryLength: number;
  responseLength: number;
}

export interface TlsInfo {
  sni: string;
  alpn: string[];
  /** Negotiated version when the ServerHello was seen, else the offered maximum (`TLS 1.3`). */
  version: string;
  cipher: string;
  clientBytes: number;
  serverBytes: number;
}

export interface RedisInfo {
  command: string;
  verb: string;
  key: string;
  reply: string;
  isError: boolean;
}

export interface PostgresInfo {
  command: string;
  query: string;
  database: string;
  user: string;
  errorCode: string;
  errorMessage: string;
}

export interface GrpcInfo {
  service: string;
  method: string;
  /** -1 when no grpc-status was seen (no trailers yet). */
  status: number;
  message: string;
  requestMessages: number;
  responseMessages: number;
}

export interface CallDraft {
  proto: Proto;
  /** Position in the stream (from CallSink.nextIndex when the request began). */
  index: number;
  /** First packet of the request (the compact `ts`). */
  reqStartUs: number;
  /** Packet that completed the request. */
  reqEndUs: number;
  /** Packet that completed the response; 0 without a response. */
  respEndUs: number;
  /** The request side was seen (a response picked up mid-stream has none). */
  hasRequest: boolean;
  hasResponse: boolean;
  method: string;
  path: string;
  url: string;
  status: number;
  httpVersion: string;
  /** Header sections as raw `Name: value` lines (HTTP/2 headers are written in this form too). */
  reqFields: Uint8Array | null;
  respFields: Uint8Array | null;
  reqHeaderBytes: number;
  respHeaderBytes: number;
  reqBody: BodyCapture | null;
  respBody: BodyCapture | null;
  /** Bytes on the wire per side, headers included. */
  reqSize: number;
  respSize: number;
  grpc: GrpcInfo | null;
  dns: DnsInfo | null;
  tls: TlsInfo | null;
  redis: RedisInfo | null;
  postgresql: PostgresInfo | null;
  error: { type: CallErrorType; msg: string } | null;
  /** HTTP/2 headers that could not be decoded (picked up mid-connection). */
  partial: boolean;
}

/** A draft with every field at its "absent" value; dissectors fill what they saw. */
export function newCall(proto: Proto, index: number, reqStartUs: number): CallDraft {
  return {
    proto, index, reqStartUs, reqEndUs: reqStartUs, respEndUs: 0, hasRequest: true, hasResponse: false,
    method: '', path: '', url: '', status: 0, httpVersion: '',
    reqFields: null, respFields: null, reqHeaderBytes: 0, respHeaderBytes: 0, reqBody: null, respBody: null,
    reqSize: 0, respSize: 0, grpc: null, dns: null, tls: null, redis: null, postgresql: null, error: null, partial: false,
  };
}

/** Request-to-response latency in µs (spec §4.4), 0 without both sides. */
export function latencyUs(call: CallDraft): number {
  return call.hasRequest && call.hasResponse ? Math.max(0, call.respEndUs - call.reqEndUs) : 0;
}
