/**
 * Splits one direction of an HTTP/2 connection into frames (RFC 9113 §4.1). Control frames and
 * header blocks are buffered whole (bounded); DATA payloads are streamed to the handler as views,
 * with padding removed, so large bodies are never held.
 */

export const FRAME_DATA = 0;
export const FRAME_HEADERS = 1;
export const FRAME_PRIORITY = 2;
export const FRAME_RST_STREAM = 3;
export const FRAME_SETTINGS = 4;
export const FRAME_PUSH_PROMISE = 5;
export const FRAME_PING = 6;
export const FRAME_GOAWAY = 7;
export const FRAME_WINDOW_UPDATE = 8;
export const FRAME_CONTINUATION = 9;

export const FLAG_END_STREAM = 0x1;
export const FLAG_END_HEADERS = 0x4;
export const FLAG_PADDED = 0x8;
export const FLAG_PRIORITY = 0x20;

/** Largest frame payload accepted (the protocol's own limit is 2^24 − 1). */
export const MAX_FRAME_PAYLOAD = (1 << 24) - 1;
/** Control frames above this are not buffered (a hostile length cannot allocate 16 MiB). */
const MAX_BUFFERED_FRAME = 1 << 20;

export interface FrameHandler {
  /** A whole non-DATA frame. `payload` is a view valid during the call. */
  frame(type: number, flags: number, streamId: number, payload: Uint8Array, tsUs: number): void;
  /** Bytes of a DATA frame's data (padding removed); `end` on the frame's last piece. */
  data(streamId: number, bytes: Uint8Array, flags: number, end: boolean, tsUs: number): void;
  malformed(message: string): void;
}

const enum State { Header, Payload, DataPadLength, Data, DataPadding, Failed }

export class FrameReader {
  private state = State.Header;
  private readonly header = new Uint8Array(9);
  private headerHave = 0;
  private type = 0;
  private flags = 0;
  private streamId = 0;
  private length = 0;
  private payload = new Uint8Array(256);
  private have = 0;
  private dataLeft = 0;
  private padLeft = 0;

  constructor(private readonly handler: FrameHandler) {}

  get failed(): boolean {
    return this.state === State.Failed;
  }

  feed(bytes: Uint8Array, tsUs: number): void {
    let at = 0;
    const n = bytes.length;
    while (at < n && this.state !== State.Failed) {
      switch (this.state) {
        case State.Header: {
          const take = Math.min(9 - this.headerHave, n - at);
          this.header.set(bytes.subarray(at, at + take), this.headerHave);
          this.headerHave += take;
          at += take;
          if (this.headerHave === 9) this.startFrame(tsUs);
          break;
        }
        case State.Payload: {
          const take = Math.min(this.length - this.have, n - at);
          this.payload.set(bytes.subarray(at, at + take), this.have);
          this.have += take;
          at += take;
          if (this.have === this.length) {
            this.state = State.Header;
            this.handler.frame(this.type, this.flags, this.streamId, this.payload.subarray(0, this.length), tsUs);
          }
          break;
        }
        case State.DataPadLength: {
          const pad = bytes[at++]!;
          if (pad > this.length - 1) return this.fail(`DATA padding ${pad} exceeds the frame length ${this.length}`);
          this.padLeft = pad;
          this.dataLeft = this.length - 1 - pad;
          this.state = State.Data;
          if (this.dataLeft === 0) this.endData(tsUs, false);
          break;
        }
        case State.Data: {
          const take = Math.min(this.dataLeft, n - at);
          this.dataLeft -= take;
          const last = this.dataLeft === 0;
          this.handler.data(this.streamId, bytes.subarray(at, at + take), this.flags, last && this.padLeft === 0, tsUs);
          at += take;
          if (last) this.endData(tsUs, this.padLeft === 0);
          break;
        }
        case State.DataPadding: {
          const take = Math.min(this.padLeft, n - at);
          this.padLeft -= take;
          at += take;
          if (this.padLeft === 0) {
            this.state = State.Header;
            this.handler.data(this.streamId, bytes.subarray(at, at), this.flags, true, tsUs);
          }
          break;
        }
      }
    }
  }

  private startFrame(tsUs: number): void {
    const h = this.header;
    this.headerHave = 0;
    this.length = (h[0]! << 16) | (h[1]! << 8) | h[2]!;
    this.type = h[3]!;
    this.flags = h[4]!;
    this.streamId = ((h[5]! & 0x7f) << 24) | (h[6]! << 16) | (h[7]! << 8) | h[8]!;
    this.have = 0;
    if (this.type === FRAME_DATA) {
      if (this.streamId === 0) return this.fail('DATA frame on stream 0');
      if (this.flags & FLAG_PADDED) {
        if (this.length === 0) return this.fail('padded DATA frame without a pad length');
        this.state = State.DataPadLength;
      } else {
        this.padLeft = 0;
        this.dataLeft = this.length;
        this.state = State.Data;
        if (this.length === 0) this.endData(tsUs, false);
      }
      return;
    }
    if (this.length > MAX_BUFFERED_FRAME) return this.fail(`${this.length}-byte frame of type ${this.type} exceeds ${MAX_BUFFERED_FRAME} bytes`);
    if (this.length > this.payload.length) this.payload = new Uint8Array(Math.max(this.length, this.payload.length * 2));
    this.state = State.Payload;
    if (this.length === 0) {
      this.state = State.Header;
      this.handler.frame(this.type, this.flags, this.streamId, this.payload.subarray(0, 0), tsUs);
    }
  }

  /** The frame's data is all delivered; `signalled` says whether its last piece carried `end`. */
  private endData(tsUs: number, signalled: boolean): void {
    if (this.padLeft > 0) {
      this.state = State.DataPadding;
      return;
    }
    this.state = State.Header;
    if (!signalled) this.handler.data(this.streamId, this.payload.subarray(0, 0), this.flags, true, tsUs);
  }

  private fail(message: string): void {
    this.state = State.Failed;
    this.handler.malformed(message);
  }
}
