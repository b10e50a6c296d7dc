/**
 * Composes application traffic into a classic pcap (Ethernet, IPv4, TCP/UDP; checksums left at
 * zero, which neither the Hub nor tcpdump checks): HTTP/1.1 exchanges over keep-alive connections
 * and DNS lookups over UDP. Nothing is sent anywhere. Built for volume (100,000 calls write in a
 * second or two): records go straight into a growing buffer, no per-packet arrays.
 */
import { writeFileSync } from 'node:fs';

export interface HttpExchange {
  readonly request: string | Buffer;
  readonly response: string | Buffer;
  /** Server think time, µs (the call's latency). */
  readonly latencyUs?: number;
}

export interface Endpoint {
  readonly ip: string;
  readonly port: number;
}

const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;
const FIN = 0x01;

export class TrafficCapture {
  private _buffer = Buffer.alloc(1 << 20);
  private _length = 24;
  /** µs since the epoch of the next packet. */
  private _clock: number;
  private _ipId = 1;

  constructor(startMs = Date.UTC(2026, 2, 14, 17, 0, 0)) {
    this._clock = startMs * 1000;
    // Classic pcap, little-endian, µs, snaplen 262144, Ethernet.
    this._buffer.writeUInt32LE(0xa1b2c3d4, 0);
    this._buffer.writeUInt16LE(2, 4);
    this._buffer.writeUInt16LE(4, 6);
    this._buffer.writeUInt32LE(262144, 16);
    this._buffer.writeUInt32LE(1, 20);
  }

  /** The time of the next packet, Unix ms. */
  get nowMs(): number {
    return Math.floor(this._clock / 1000);
  }

  wait(us: number): this {
    this._clock += us;
    return this;
  }

  /** One TCP connection (handshake, the exchanges in order, close), the client's port given. */
  http(client: Endpoint, server: Endpoint, exchanges: readonly HttpExchange[]): this {
    let clientSeq = 1000;
    let serverSeq = 5000;
    this._tcp(client, server, SYN, clientSeq - 1, 0, Buffer.alloc(0));
    this._tcp(server, client, SYN | ACK, serverSeq - 1, clientSeq, Buffer.alloc(0));
    this._tcp(client, server, ACK, clientSeq, serverSeq, Buffer.alloc(0));
    for (const exchange of exchanges) {
      for (const piece of segments(toBuffer(exchange.request))) {
        this._tcp(client, server, ACK | PSH, clientSeq, serverSeq, piece);
        clientSeq += piece.length;
      }
      this.wait(exchange.latencyUs ?? 1000);
      for (const piece of segments(toBuffer(exchange.response))) {
        this._tcp(server, client, ACK | PSH, serverSeq, clientSeq, piece);
        serverSeq += piece.length;
      }
      this.wait(50);
    }
    this._tcp(client, server, FIN | ACK, clientSeq, serverSeq, Buffer.alloc(0));
    this._tcp(server, client, FIN | ACK, serverSeq, clientSeq + 1, Buffer.alloc(0));
    this._tcp(client, server, ACK, clientSeq + 1, serverSeq + 1, Buffer.alloc(0));
    return this;
  }

  /** A DNS A lookup over UDP and its answer (rcode 0 with the address, or the given rcode). */
  dns(client: Endpoint, server: Endpoint, id: number, name: string | Buffer[], answer: string | number, latencyUs = 500): this {
    const labels = typeof name === 'string' ? name.split('.').filter(Boolean).map((l) => Buffer.from(l, 'utf8')) : name;
    const question = Buffer.concat([...labels.flatMap((l) => [Buffer.from([l.length]), l]), Buffer.from([0, 0, 1, 0, 1])]);
    const header = (flags: number, answers: number): Buffer => {
      const h = Buffer.alloc(12);
      h.writeUInt16BE(id, 0);
      h.writeUInt16BE(flags, 2);
      h.writeUInt16BE(1, 4);
      h.writeUInt16BE(answers, 6);
      return h;
    };
    this._udp(client, server, Buffer.concat([header(0x0100, 0), question]));
    this.wait(latencyUs);
    const rcode = typeof answer === 'number' ? answer : 0;
    const record = typeof answer === 'string'
      ? Buffer.concat([Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]), Buffer.from(answer.split('.').map(Number))])
      : Buffer.alloc(0);
    this._udp(server, client, Buffer.concat([header(0x8180 | rcode, record.length > 0 ? 1 : 0), question, record]));
    this.wait(50);
    return this;
  }

  write(file: string): void {
    writeFileSync(file, this._buffer.subarray(0, this._length));
  }

  private _tcp(from: Endpoint, to: Endpoint, flags: number, seq: number, ack: number, payload: Buffer): void {
    const tcp = Buffer.alloc(20);
    tcp.writeUInt16BE(from.port, 0);
    tcp.writeUInt16BE(to.port, 2);
    tcp.writeUInt32BE(seq >>> 0, 4);
    tcp.writeUInt32BE(ack >>> 0, 8);
    tcp[12] = 5 << 4;
    tcp[13] = flags | (flags & SYN ? 0 : ACK);
    tcp.writeUInt16BE(65535, 14);
    this._ip(from, to, 6, tcp, payload);
  }

  private _udp(from: Endpoint, to: Endpoint, payload: Buffer): void {
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(from.port, 0);
    udp.writeUInt16BE(to.port, 2);
    udp.writeUInt16BE(8 + payload.length, 4);
    this._ip(from, to, 17, udp, payload);
  }

  private _ip(from: Endpoint, to: Endpoint, protocol: number, transport: Buffer, payload: Buffer): void {
    const total = 20 + transport.length + payload.length;
    const frame = 14 + total;
    this._reserve(16 + frame);
    const b = this._buffer;
    let at = this._length;
    b.writeUInt32LE(Math.floor(this._clock / 1e6), at);
    b.writeUInt32LE(this._clock % 1e6, at + 4);
    b.writeUInt32LE(frame, at + 8);
    b.writeUInt32LE(frame, at + 12);
    at += 16;
    b.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00], at);
    at += 14;
    b[at] = 0x45;
    b[at + 1] = 0;
    b.writeUInt16BE(total, at + 2);
    b.writeUInt16BE(this._ipId++ & 0xffff, at + 4);
    b.writeUInt16BE(0x4000, at + 6);
    b[at + 8] = 64;
    b[at + 9] = protocol;
    b.writeUInt16BE(0, at + 10);
    b.set(from.ip.split('.').map(Number), at + 12);
    b.set(to.ip.split('.').map(Number), at + 16);
    at += 20;
    transport.copy(b, at);
    payload.copy(b, at + transport.length);
    this._length += 16 + frame;
    this._clock += 10;
  }

  private _reserve(bytes: number): void {
    if (this._length + bytes <= this._buffer.length) return;
    const next = Buffer.alloc(Math.max(this._buffer.length * 2, this._length + bytes));
    this._buffer.copy(next, 0, 0, this._length);
    this._buffer = next;
  }
}

function toBuffer(data: string | Buffer): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

function* segments(data: Buffer, mss = 1448): Generator<Buffer> {
  for (let at = 0; at < data.length; at += mss) yield data.subarray(at, Math.min(data.length, at + mss));
}
