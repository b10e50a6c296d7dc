/**
 * Incremental reader of HTTP/1.x messages in one direction: the head (start line + headers, capped),
 * then the body framed by Content-Length, chunked coding, or the end of the connection. It copies
 * only the head; body bytes are handed on as views.
 */
import { type Http1Head, parseHead } from './headers';

/** Largest head (start line + headers) accepted; a bigger one fails the stream. */
export const MAX_HEAD_BYTES = 64 << 10;
const MAX_CHUNK_LINE = 4096;

export const enum BodyMode { None, Length, Chunked, UntilClose }

export interface MessageEvents {
  /** A head was parsed; returns how its body is framed (the response side needs the request). */
  head(head: Http1Head, headBytes: number, startUs: number): { mode: BodyMode; length: number };
  body(bytes: Uint8Array): void;
  /** The message is complete at the packet of `tsUs`; `wireBytes` counts head, framing and body. */
  complete(tsUs: number, wireBytes: number): void;
  /** The head or framing is malformed; nothing more can be read in this direction. */
  malformed(message: string): void;
}

const enum State { Head, Body, ChunkLine, ChunkData, ChunkDataEnd, Trailers, Failed, Stopped }

export class MessageReader {
  private state = State.Head;
  private head = Buffer.allocUnsafe(1024);
  private headLength = 0;
  private startUs = 0;
  private remaining = 0;
  private line = '';
  private untilClose = false;
  /** Bytes of the current message consumed so far (head, chunk framing, body). */
  private messageBytes = 0;

  constructor(private readonly events: MessageEvents) {}

  get idle(): boolean {
    return this.state === State.Head && this.headLength === 0;
  }

  /** Stops reading (the connection switched protocols); returns the unread rest of `bytes` later via `take`. */
  stop(): void {
    this.state = State.Stopped;
  }

  get failed(): boolean {
    return this.state === State.Failed;
  }

  /** Consumes `bytes`; returns how many were used (less than all only after `stop()`). */
  feed(bytes: Uint8Array, tsUs: number): number {
    let at = 0;
    const n = bytes.length;
    while (at < n) {
      switch (this.state) {
        case State.Head: at = this.readHead(bytes, at, tsUs); break;
        case State.Body: {
          const take = Math.min(this.remaining, n - at);
          if (take > 0) this.events.body(bytes.subarray(at, at + take));
          at += take;
          this.messageBytes += take;
          if (!this.untilClose) {
            this.remaining -= take;
            if (this.remaining === 0) this.done(tsUs);
          }
          break;
        }
        case State.ChunkLine:
        case State.Trailers: at = this.readLine(bytes, at, tsUs); break;
        case State.ChunkData: {
          const take = Math.min(this.remaining, n - at);
          this.events.body(bytes.subarray(at, at + take));
          at += take;
          this.messageBytes += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = State.ChunkDataEnd;
          break;
        }
        case State.ChunkDataEnd: {
          const c = bytes[at++]!;
          this.messageBytes++;
          if (c === 0x0a) {
            this.state = State.ChunkLine;
            this.line = '';
          } else if (c !== 0x0d) this.fail('chunk data is not followed by CRLF');
          break;
        }
        default: return at;
      }
    }
    return at;
  }

  /** The connection ended: a body read until close is complete; anything else is cut short. */
  end(tsUs: number): boolean {
    if (this.state === State.Body && this.untilClose) {
      this.done(tsUs);
      return true;
    }
    return this.idle;
  }

  private readHead(bytes: Uint8Array, at: number, tsUs: number): number {
    if (this.headLength === 0) {
      // Bytes between messages (a stray CRLF after a body) are skipped, as RFC 9112 §2.2 allows.
      while (at < bytes.length && (bytes[at] === 0x0d || bytes[at] === 0x0a)) at++;
      if (at === bytes.length) return at;
      this.startUs = tsUs;
      this.messageBytes = 0;
    }
    const searchFrom = Math.max(0, this.headLength - 3);
    const take = Math.min(bytes.length - at, MAX_HEAD_BYTES + 4 - this.headLength);
    this.append(bytes, at, take);
    const end = findHeadEnd(this.head, searchFrom, this.headLength);
    if (end === null) {
      if (this.headLength >= MAX_HEAD_BYTES) this.fail(`header section exceeds ${MAX_HEAD_BYTES} bytes`);
      return at + take;
    }
    const headBytes = end.index + end.length;
    const used = headBytes - (this.headLength - take);
    const textEnd = end.index > 0 && this.head[end.index - 1] === 0x0d ? end.index - 1 : end.index;
    this.headLength = 0;
    const head = parseHead(this.head, textEnd);
    if (!head) {
      const text = this.head.toString('latin1', 0, Math.min(textEnd, 60));
      this.fail(`malformed ${text.startsWith('HTTP/') ? 'status line or header' : 'request line or header'}: ${JSON.stringify(text)}`);
      return at + used;
    }
    this.messageBytes += headBytes;
    const framing = this.events.head(head, headBytes, this.startUs);
    this.startBody(framing.mode, framing.length, tsUs);
    return at + used;
  }

  private startBody(mode: BodyMode, length: number, tsUs: number): void {
    this.untilClose = false;
    if (mode === BodyMode.None || (mode === BodyMode.Length && length === 0)) return this.done(tsUs);
    if (mode === BodyMode.Length) {
      this.state = State.Body;
      this.remaining = length;
    } else if (mode === BodyMode.Chunked) {
      this.state = State.ChunkLine;
      this.line = '';
    } else {
      this.state = State.Body;
      this.untilClose = true;
      this.remaining = Infinity;
    }
  }

  /** Chunk-size lines and trailer lines, accumulated across packets. */
  private readLine(bytes: Uint8Array, at: number, tsUs: number): number {
    const nl = bytes.indexOf(0x0a, at);
    const stop = nl < 0 ? bytes.length : nl;
    if (this.line.length + (stop - at) > MAX_CHUNK_LINE) {
      this.fail(this.state === State.Trailers ? 'trailer line too long' : 'chunk size line too long');
      return bytes.length;
    }
    this.line += Buffer.from(bytes.buffer, bytes.byteOffset + at, stop - at).toString('latin1');
    this.messageBytes += (nl < 0 ? bytes.length : nl + 1) - at;
    if (nl < 0) return bytes.length;
    const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
    this.line = '';
    if (this.state === State.Trailers) {
      if (line === '') this.done(tsUs);
      return nl + 1;
    }
    const m = /^\s*([0-9a-fA-F]{1,15})\s*(?:;.*)?$/.exec(line);
    if (!m) {
      this.fail(`bad chunk size ${JSON.stringify(line.slice(0, 40))}`);
      return bytes.length;
    }
    const size = parseInt(m[1]!, 16);
    if (size === 0) this.state = State.Trailers;
    else {
      this.state = State.ChunkData;
      this.remaining = size;
    }
    return nl + 1;
  }

  private append(bytes: Uint8Array, at: number, take: number): void {
    if (this.headLength + take > this.head.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.head.length * 2, this.headLength + take));
      this.head.copy(bigger, 0, 0, this.headLength);
      this.head = bigger;
    }
    this.head.set(bytes.subarray(at, at + take), this.headLength);
    this.headLength += take;
  }

  private done(tsUs: number): void {
    this.state = State.Head;
    this.events.complete(tsUs, this.messageBytes);
  }

  private fail(message: string): void {
    this.state = State.Failed;
    this.events.malformed(message);
  }
}

/** The end of the head (an empty line, CRLF or bare LF) within buf[from, to). */
function findHeadEnd(buf: Buffer, from: number, to: number): { index: number; length: number } | null {
  for (let i = from; i < to; i++) {
    if (buf[i] !== 0x0a) continue;
    if (i + 1 < to && buf[i + 1] === 0x0a) return { index: i, length: 2 };
    if (i + 2 < to && buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { index: i, length: 3 };
  }
  return null;
}
