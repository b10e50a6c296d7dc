/**
 * ClientHello and ServerHello fields (RFC 8446 §4.1.2–§4.1.3, RFC 6066 SNI, RFC 7301 ALPN):
 * only what a passive observer sees of an encrypted connection. Every read is bounds-checked;
 * a hello that runs past its own length is reported, not trusted.
 */

export interface ClientHello {
  sni: string;
  alpn: string[];
  /** Highest version offered (supported_versions when present, else the legacy field). */
  version: number;
}

export interface ServerHello {
  version: number;
  cipher: number;
}

export class TlsError extends Error {}

const EXT_SERVER_NAME = 0;
const EXT_ALPN = 16;
const EXT_SUPPORTED_VERSIONS = 43;

/** GREASE values (RFC 8701) are never real versions. */
function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}

class Cursor {
  constructor(private readonly b: Uint8Array, public at: number, private readonly end: number) {}
  need(n: number): void {
    if (this.at + n > this.end) throw new TlsError('hello runs past its length');
  }
  u8(): number { this.need(1); return this.b[this.at++]!; }
  u16(): number { this.need(2); const v = (this.b[this.at]! << 8) | this.b[this.at + 1]!; this.at += 2; return v; }
  skip(n: number): void { this.need(n); this.at += n; }
  sub(n: number): Cursor { this.need(n); const c = new Cursor(this.b, this.at, this.at + n); this.at += n; return c; }
  get left(): number { return this.end - this.at; }
  text(n: number): string { this.need(n); const s = Buffer.from(this.b.buffer, this.b.byteOffset + this.at, n).toString('latin1'); this.at += n; return s; }
}

/** `body` is the handshake message body (after the 4-byte handshake header). */
export function parseClientHello(body: Uint8Array): ClientHello {
  const c = new Cursor(body, 0, body.length);
  const hello: ClientHello = { sni: '', alpn: [], version: c.u16() };
  c.skip(32);
  c.skip(c.u8());
  c.skip(c.u16());
  c.skip(c.u8());
  if (c.left === 0) return hello;
  const ext = c.sub(c.u16());
  while (ext.left >= 4) {
    const type = ext.u16();
    const data = ext.sub(ext.u16());
    if (type === EXT_SERVER_NAME) {
      const list = data.sub(data.u16());
      while (list.left >= 3) {
        const nameType = list.u8();
        const name = list.text(list.u16());
        if (nameType === 0 && !hello.sni) hello.sni = name;
      }
    } else if (type === EXT_ALPN) {
      const list = data.sub(data.u16());
      while (list.left >= 1) hello.alpn.push(list.text(list.u8()));
    } else if (type === EXT_SUPPORTED_VERSIONS) {
      const list = data.sub(data.u8());
      while (list.left >= 2) {
        const v = list.u16();
        if (!isGrease(v) && v > hello.version) hello.version = v;
      }
    }
  }
  return hello;
}

export function parseServerHello(body: Uint8Array): ServerHello {
  const c = new Cursor(body, 0, body.length);
  const hello: ServerHello = { version: c.u16(), cipher: 0 };
  c.skip(32);
  c.skip(c.u8());
  hello.cipher = c.u16();
  c.skip(1);
  if (c.left === 0) return hello;
  const ext = c.sub(c.u16());
  while (ext.left >= 4) {
    const type = ext.u16();
    const data = ext.sub(ext.u16());
    if (type === EXT_SUPPORTED_VERSIONS && data.left >= 2) hello.version = data.u16();
  }
  return hello;
}

const VERSIONS: Readonly<Record<number, string>> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };

export function versionName(v: number): string {
  return Object.prototype.hasOwnProperty.call(VERSIONS, v) ? VERSIONS[v]! : `0x${v.toString(16).padStart(4, '0')}`;
}

const CIPHERS: Readonly<Record<number, string>> = {
  0x1301: 'TLS_AES_128_GCM_SHA256', 0x1302: 'TLS_AES_256_GCM_SHA384', 0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
  0xc02b: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 0xc02c: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 0xcca9: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
};

export function cipherName(c: number): string {
  return Object.prototype.hasOwnProperty.call(CIPHERS, c) ? CIPHERS[c]! : `0x${c.toString(16).padStart(4, '0')}`;
}
