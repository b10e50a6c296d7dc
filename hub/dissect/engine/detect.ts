/**
 * Protocol detection from the first bytes of a connection (never from the port alone: h2c is
 * recognised by its client preface, HTTP by its request or status line, TLS by its record
 * header). Ports only break ties where content is ambiguous (DNS on 53, PostgreSQL and Redis
 * picked up mid-connection), and say which protocol a well-known port promised when the bytes
 * are something else.
 */
import { type Connection } from '../l4/connection';
import { DnsParser } from '../protocols/dns/dnsParser';
import { Http1Parser } from '../protocols/http1/http1Parser';
import { CLIENT_PREFACE, Http2Parser } from '../protocols/http2/http2Parser';
import { type CallSink, type Direction, type StreamParser } from '../protocols/parser';
import { PostgresParser } from '../protocols/postgres/pgParser';
import { RedisParser } from '../protocols/redis/redisParser';
import { TlsParser } from '../protocols/tls/tlsParser';

export interface Detection {
  parser: StreamParser | null;
  /** The bytes show the connection's roles the other way round (picked up mid-stream). */
  reverse: boolean;
  /** Upper-case layer name for `conn_l7_detected`. */
  protocol: string;
}

const HTTP_METHODS = /^(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH|CONNECT|TRACE|PROPFIND|PROPPATCH|MKCOL|COPY|MOVE|LOCK|UNLOCK|REPORT|SEARCH|PURGE) [^ \r\n]/;
const STARTUP_CODES = new Set([196608, 80877103, 80877104, 80877102]);
const PG_CLIENT_TYPES = new Set([0x51, 0x50, 0x42, 0x45, 0x44, 0x53, 0x48, 0x43, 0x58, 0x70]);

/** What a well-known port promises, for reporting a connection whose bytes are something else. */
export const PORT_PROTOCOLS: ReadonlyMap<number, string> = new Map([
  [80, 'HTTP'], [8080, 'HTTP'], [8000, 'HTTP'], [53, 'DNS'], [6379, 'Redis'], [5432, 'PostgreSQL'], [443, 'TLS'], [8443, 'TLS'],
]);

function ascii(bytes: Uint8Array, n: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.length)).toString('latin1');
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** TCP: undefined while too few bytes to decide, null detection when nothing matches. */
export function detectTcp(conn: Connection, dir: Direction, bytes: Uint8Array, sink: CallSink): Detection | undefined {
  const head = ascii(bytes, 24);
  if (head.length < 3 && bytes.length < 3) return undefined;
  if (CLIENT_PREFACE.startsWith(head) || head.startsWith(CLIENT_PREFACE)) {
    return { parser: new Http2Parser(sink), reverse: dir === 1, protocol: 'HTTP' };
  }
  if (HTTP_METHODS.test(head)) return { parser: new Http1Parser(sink), reverse: dir === 1, protocol: 'HTTP' };
  if (/^HTTP\/[0-9]\.[0-9] [0-9]{3}/.test(head)) return { parser: new Http1Parser(sink), reverse: dir === 0, protocol: 'HTTP' };
  if (bytes.length >= 3 && bytes[0] === 0x16 && bytes[1] === 3 && bytes[2]! <= 4) {
    // A handshake record: ClientHello (type 1) comes from the client, ServerHello (2) from the server.
    const fromServer = bytes.length >= 6 && bytes[5] === 2;
    return { parser: new TlsParser(sink), reverse: fromServer ? dir === 0 : dir === 1, protocol: 'TLS' };
  }
  if (bytes.length >= 8 && u32(bytes, 0) >= 8 && u32(bytes, 0) <= 10_000 && STARTUP_CODES.has(u32(bytes, 4))) {
    return { parser: new PostgresParser(sink), reverse: dir === 1, protocol: 'POSTGRESQL' };
  }
  if (/^\*[0-9]+\r\n\$[0-9]+\r\n/.test(head)) return { parser: new RedisParser(sink), reverse: dir === 1, protocol: 'REDIS' };
  const port = conn.serverPort;
  if ((port === 53 || conn.clientPort === 53) && bytes.length >= 14 && ((bytes[2]! << 8) | bytes[3]!) >= 12) {
    return { parser: new DnsParser(sink, true), reverse: (bytes[4]! & 0x80) !== 0 ? dir === 0 : dir === 1, protocol: 'DNS' };
  }
  if (port === 6379 && /^[+\-:$*]/.test(head)) return { parser: new RedisParser(sink), reverse: false, protocol: 'REDIS' };
  if (port === 5432 && PG_CLIENT_TYPES.has(bytes[0]!) && dir === 0) {
    return { parser: new PostgresParser(sink, true), reverse: false, protocol: 'POSTGRESQL' };
  }
  if (looksLikeHttp2Frames(bytes)) {
    // A server speaks first on a connection whose start we saw (its SETTINGS): the preface follows.
    const fromStart = conn.rolesKnown && dir === 1;
    return { parser: new Http2Parser(sink, { midStream: !fromStart }), reverse: false, protocol: 'HTTP' };
  }
  return { parser: null, reverse: false, protocol: '' };
}

/** UDP: DNS on port 53 (or 5353) when the message has at least a header. */
export function detectUdp(conn: Connection, bytes: Uint8Array, sink: CallSink): Detection | undefined {
  const dnsPort = (p: number): boolean => p === 53 || p === 5353;
  if ((dnsPort(conn.serverPort) || dnsPort(conn.clientPort)) && bytes.length >= 12) {
    return { parser: new DnsParser(sink, false), reverse: false, protocol: 'DNS' };
  }
  return { parser: null, reverse: false, protocol: '' };
}

/**
 * HTTP/2 picked up mid-connection has no preface: accept a segment only when it is exactly a
 * chain of plausible frame headers (known type, reserved bit clear, length within the default
 * maximum frame size).
 */
function looksLikeHttp2Frames(b: Uint8Array): boolean {
  let at = 0;
  let frames = 0;
  while (at + 9 <= b.length) {
    const length = (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
    const type = b[at + 3]!;
    if (type > 9 || length > 16384 || (b[at + 5]! & 0x80) !== 0) return false;
    at += 9 + length;
    frames++;
  }
  return frames > 0 && at === b.length;
}
