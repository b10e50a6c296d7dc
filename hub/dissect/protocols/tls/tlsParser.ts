/**
 * A TLS connection seen from outside: the ClientHello (SNI, ALPN, offered version) and the
 * ServerHello (negotiated version and cipher) become one `tls` call, completed when the
 * connection ends so that it carries the bytes of both sides. Application data stays encrypted
 * (this Hub does not decrypt). Records are followed to the end so that a truncated or malformed
 * record marks the stream.
 */
import { type CallDraft, newCall } from '../../calls/call';
import { type CallSink, type Direction, type StreamParser } from '../parser';
import { cipherName, parseClientHello, parseServerHello, TlsError, versionName } from './tlsHello';

const RECORD_HANDSHAKE = 22;
const MAX_RECORD = (1 << 14) + 2048;
/** A hello spread over records is assembled up to this size. */
const MAX_HANDSHAKE = 64 << 10;

interface Side {
  header: Uint8Array;
  headerHave: number;
  recordLeft: number;
  recordType: number;
  /** Handshake bytes assembled until the first message is complete (null once done). */
  handshake: Uint8Array | null;
  handshakeHave: number;
  bytes: number;
}

export class TlsParser implements StreamParser {
  private readonly sides: [Side, Side] = [newSide(), newSide()];
  private call: CallDraft | null = null;
  private failed = false;

  constructor(private readonly sink: CallSink) {}

  onData(dir: Direction, bytes: Uint8Array, tsUs: number): void {
    const side = this.sides[dir];
    side.bytes += bytes.length;
    if (this.failed) return;
    let at = 0;
    while (at < bytes.length && !this.failed) {
      if (side.recordLeft === 0) {
        side.header[side.headerHave++] = bytes[at++]!;
        if (side.headerHave < 5) continue;
        side.headerHave = 0;
        const h = side.header;
        side.recordType = h[0]!;
        side.recordLeft = (h[3]! << 8) | h[4]!;
        if (h[0]! < 20 || h[0]! > 24 || h[1] !== 3 || side.recordLeft > MAX_RECORD) {
          return this.fail('malformed', `not a TLS record (type ${h[0]}, version ${h[1]}.${h[2]}, length ${side.recordLeft})`);
        }
        continue;
      }
      const take = Math.min(side.recordLeft, bytes.length - at);
      if (side.recordType === RECORD_HANDSHAKE && side.handshake) this.handshake(dir, bytes.subarray(at, at + take), tsUs);
      side.recordLeft -= take;
      at += take;
    }
  }

  onGap(dir: Direction, length: number): void {
    this.fail('gap', `${length} bytes ${dir === 0 ? 'from the client' : 'from the server'} were not captured`);
  }

  onEnd(): void {
    const cut = this.sides.findIndex((s) => s.recordLeft > 0 || s.headerHave > 0);
    if (cut >= 0) this.fail('malformed', `the connection ended inside a TLS record from the ${cut === 0 ? 'client' : 'server'}`);
    const call = this.call;
    if (!call) return;
    call.tls!.clientBytes = this.sides[0].bytes;
    call.tls!.serverBytes = this.sides[1].bytes;
    call.reqSize = this.sides[0].bytes;
    call.respSize = this.sides[1].bytes;
    if (!call.hasResponse) call.error ??= { type: 'pair-not-found', msg: 'no ServerHello was captured' };
    this.sink.emit(call);
    this.call = null;
  }

  private handshake(dir: Direction, bytes: Uint8Array, tsUs: number): void {
    const side = this.sides[dir];
    if (side.handshakeHave + bytes.length > side.handshake!.length) {
      const grown = new Uint8Array(Math.min(MAX_HANDSHAKE, Math.max(side.handshake!.length * 2, side.handshakeHave + bytes.length)));
      grown.set(side.handshake!.subarray(0, side.handshakeHave));
      side.handshake = grown;
    }
    const buf = side.handshake!;
    const take = Math.min(bytes.length, buf.length - side.handshakeHave);
    buf.set(bytes.subarray(0, take), side.handshakeHave);
    side.handshakeHave += take;
    if (side.handshakeHave < 4) return;
    const length = (buf[1]! << 16) | (buf[2]! << 8) | buf[3]!;
    if (4 + length > MAX_HANDSHAKE) return this.fail('limit', `handshake message of ${length} bytes exceeds ${MAX_HANDSHAKE}`);
    if (side.handshakeHave < 4 + length) return;
    side.handshake = null;
    try {
      if (dir === 0 && buf[0] === 1) this.clientHello(buf.subarray(4, 4 + length), tsUs);
      else if (dir === 1 && buf[0] === 2) this.serverHello(buf.subarray(4, 4 + length), tsUs);
    } catch (e) {
      if (!(e instanceof TlsError)) throw e;
      this.fail('malformed', `${dir === 0 ? 'ClientHello' : 'ServerHello'}: ${e.message}`);
    }
  }

  private clientHello(body: Uint8Array, tsUs: number): void {
    const hello = parseClientHello(body);
    const call = newCall('tls', this.sink.nextIndex(), tsUs);
    call.path = hello.sni;
    call.url = hello.sni;
    call.tls = { sni: hello.sni, alpn: hello.alpn, version: versionName(hello.version), cipher: '', clientBytes: 0, serverBytes: 0 };
    this.call = call;
  }

  private serverHello(body: Uint8Array, tsUs: number): void {
    const hello = parseServerHello(body);
    const call = this.call;
    if (!call) return;
    call.hasResponse = true;
    call.respEndUs = tsUs;
    call.tls!.version = versionName(hello.version);
    call.tls!.cipher = cipherName(hello.cipher);
  }

  private fail(type: string, message: string): void {
    if (this.failed) return;
    this.failed = true;
    if (this.call) this.call.error = { type: 'dissection', msg: message };
    this.sink.fail(type, message);
  }
}

function newSide(): Side {
  return { header: new Uint8Array(5), headerHave: 0, recordLeft: 0, recordType: 0, handshake: new Uint8Array(1024), handshakeHave: 0, bytes: 0 };
}
