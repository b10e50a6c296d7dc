/**
 * HPACK header decompression (RFC 7541), one decoder per direction of a connection. Written here
 * rather than taken from npm: `hpack.js` is unmaintained since 2016, and a decoder is small — the
 * static table, the dynamic table with size eviction, prefix integers and Huffman strings.
 * Hostile input is bounded: integers over 2^28, table sizes over 1 MiB, indexes outside the
 * tables and bad Huffman padding are errors (the connection's header state is then lost).
 */
import { huffmanDecode } from './huffman';

const STATIC: readonly (readonly [string, string])[] = [
  [':authority', ''], [':method', 'GET'], [':method', 'POST'], [':path', '/'], [':path', '/index.html'],
  [':scheme', 'http'], [':scheme', 'https'], [':status', '200'], [':status', '204'], [':status', '206'],
  [':status', '304'], [':status', '400'], [':status', '404'], [':status', '500'], ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'], ['accept-language', ''], ['accept-ranges', ''], ['accept', ''],
  ['access-control-allow-origin', ''], ['age', ''], ['allow', ''], ['authorization', ''], ['cache-control', ''],
  ['content-disposition', ''], ['content-encoding', ''], ['content-language', ''], ['content-length', ''],
  ['content-location', ''], ['content-range', ''], ['content-type', ''], ['cookie', ''], ['date', ''], ['etag', ''],
  ['expect', ''], ['expires', ''], ['from', ''], ['host', ''], ['if-match', ''], ['if-modified-since', ''],
  ['if-none-match', ''], ['if-range', ''], ['if-unmodified-since', ''], ['last-modified', ''], ['link', ''],
  ['location', ''], ['max-forwards', ''], ['proxy-authenticate', ''], ['proxy-authorization', ''], ['range', ''],
  ['referer', ''], ['refresh', ''], ['retry-after', ''], ['server', ''], ['set-cookie', ''],
  ['strict-transport-security', ''], ['transfer-encoding', ''], ['user-agent', ''], ['vary', ''], ['via', ''],
  ['www-authenticate', ''],
];

const MAX_INTEGER = 1 << 28;
/** Largest dynamic table accepted from a size update (the usual default is 4096). */
const MAX_TABLE_SIZE = 1 << 20;
const DEFAULT_TABLE_SIZE = 4096;

export type HeaderList = [string, string][];

export class HpackError extends Error {}

export class HpackDecoder {
  /** Newest entry first (index 62 is entries[0]). */
  private entries: [string, string][] = [];
  private size = 0;
  private maxSize = DEFAULT_TABLE_SIZE;
  private readonly decoder = new TextDecoder('utf-8');

  /** Decodes one complete header block; throws HpackError on malformed input. */
  decode(block: Uint8Array): HeaderList {
    const out: HeaderList = [];
    let at = 0;
    const n = block.length;
    while (at < n) {
      const b = block[at]!;
      if (b & 0x80) {
        const [index, next] = this.integer(block, at, 7);
        at = next;
        out.push(this.lookup(index));
      } else if ((b & 0xc0) === 0x40) {
        at = this.literal(block, at, 6, out, true);
      } else if ((b & 0xe0) === 0x20) {
        const [size, next] = this.integer(block, at, 5);
        at = next;
        if (size > MAX_TABLE_SIZE) throw new HpackError(`dynamic table size update to ${size} bytes`);
        this.maxSize = size;
        this.evict(0);
      } else {
        at = this.literal(block, at, 4, out, false);
      }
    }
    return out;
  }

  private literal(block: Uint8Array, at: number, prefix: number, out: HeaderList, index: boolean): number {
    const [nameIndex, afterIndex] = this.integer(block, at, prefix);
    let name: string;
    let next = afterIndex;
    if (nameIndex === 0) [name, next] = this.string(block, next);
    else name = this.lookup(nameIndex)[0];
    const [value, end] = this.string(block, next);
    const field: [string, string] = [name, value];
    out.push(field);
    if (index) this.insert(field);
    return end;
  }

  private lookup(index: number): [string, string] {
    if (index === 0) throw new HpackError('header index 0');
    if (index <= STATIC.length) {
      const [n, v] = STATIC[index - 1]!;
      return [n, v];
    }
    const entry = this.entries[index - STATIC.length - 1];
    if (!entry) throw new HpackError(`header index ${index} is outside the tables (${STATIC.length + this.entries.length} entries)`);
    return [entry[0], entry[1]];
  }

  private insert(field: [string, string]): void {
    const cost = 32 + Buffer.byteLength(field[0]) + Buffer.byteLength(field[1]);
    if (cost > this.maxSize) {
      this.entries = [];
      this.size = 0;
      return;
    }
    this.evict(cost);
    this.entries.unshift(field);
    this.size += cost;
  }

  private evict(room: number): void {
    while (this.size + room > this.maxSize && this.entries.length > 0) {
      const [n, v] = this.entries.pop()!;
      this.size -= 32 + Buffer.byteLength(n) + Buffer.byteLength(v);
    }
  }

  /** An N-bit prefix integer (RFC 7541 §5.1) at `at`: [value, offset after it]. */
  private integer(block: Uint8Array, at: number, prefix: number): [number, number] {
    const mask = (1 << prefix) - 1;
    let value = block[at]! & mask;
    at++;
    if (value < mask) return [value, at];
    let shift = 0;
    for (;;) {
      if (at >= block.length) throw new HpackError('integer runs past the header block');
      const b = block[at++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (value > MAX_INTEGER) throw new HpackError('integer too large');
      if ((b & 0x80) === 0) return [value, at];
      shift += 7;
    }
  }

  private string(block: Uint8Array, at: number): [string, number] {
    if (at >= block.length) throw new HpackError('string runs past the header block');
    const huffman = (block[at]! & 0x80) !== 0;
    const [length, start] = this.integer(block, at, 7);
    const end = start + length;
    if (end > block.length) throw new HpackError('string runs past the header block');
    if (!huffman) return [this.decoder.decode(block.subarray(start, end)), end];
    const raw = huffmanDecode(block, start, end);
    if (!raw) throw new HpackError('invalid Huffman code');
    return [this.decoder.decode(raw), end];
  }
}
