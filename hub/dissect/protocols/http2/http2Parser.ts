/**
 * HTTP/2 over one TCP connection (prior knowledge or after an h2c upgrade; RFC 9113): frames per
 * direction, header blocks (with CONTINUATION) through one HPACK decoder per direction, one call
 * per stream. gRPC streams (content-type application/grpc*) become `grpc` calls with grpc-status
 * from the trailers. A connection picked up mid-stream cannot decode headers (the HPACK tables
 * are unknown): its streams are kept as `partial` calls without headers.
 */
import { type CallDraft, newCall } from '../../calls/call';
import { BodyCollector } from '../bodyCollector';
import { fieldsBytes } from '../../calls/headerFields';
import { type CallSink, type Direction, type StreamParser } from '../parser';
import { GrpcFraming, grpcNames, isGrpcContentType } from './grpc';
import {
  FLAG_END_HEADERS, FLAG_END_STREAM, FLAG_PADDED, FLAG_PRIORITY, FRAME_CONTINUATION, FRAME_HEADERS, FRAME_PUSH_PROMISE,
  FRAME_RST_STREAM, FrameReader,
} from './frameReader';
import { type HeaderList, HpackDecoder, HpackError } from './hpack';

export const CLIENT_PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';
const PREFACE_BYTES = Buffer.from(CLIENT_PREFACE, 'latin1');
/** A header block (HEADERS + CONTINUATION) larger than this fails the connection. */
const MAX_HEADER_BLOCK = 256 << 10;
/** Streams open at once; more are a sign of garbage (a real peer allows about 100). */
const MAX_OPEN_STREAMS = 10_000;

interface H2Stream {
  id: number;
  call: CallDraft;
  reqBody: BodyCollector | null;
  respBody: BodyCollector | null;
  reqGrpc: GrpcFraming | null;
  respGrpc: GrpcFraming | null;
  responseHeadersSeen: boolean;
  /** Response headers and trailers so far (stored as raw fields when they change). */
  respHeaders: [string, string][];
  requestEnded: boolean;
}

export interface Http2Options {
  /** The connection switched from HTTP/1.1 (`101`): stream 1 carries the upgraded request's response. */
  upgraded?: boolean;
  /** No client preface was seen: the connection was picked up mid-stream. */
  midStream?: boolean;
}

export class Http2Parser implements StreamParser {
  private readonly readers: [FrameReader, FrameReader];
  private readonly hpack = [new HpackDecoder(), new HpackDecoder()];
  private readonly streams = new Map<number, H2Stream>();
  /** Header block being assembled per direction (HEADERS/PUSH_PROMISE + CONTINUATION). */
  private readonly block: ({ streamId: number; flags: number; parts: Uint8Array[]; size: number; push: boolean } | null)[] = [null, null];
  private prefaceLeft: number;
  private headersLost: boolean;
  private failed = false;

  constructor(private readonly sink: CallSink, options: Http2Options = {}) {
    this.prefaceLeft = options.midStream ? 0 : PREFACE_BYTES.length;
    this.headersLost = options.midStream === true;
    this.readers = [0, 1].map((d) => new FrameReader({
      frame: (type, flags, id, payload, ts) => this.frame(d as Direction, type, flags, id, payload, ts),
      data: (id, bytes, flags, end, ts) => this.data(d as Direction, id, bytes, flags, end, ts),
      malformed: (m) => this.fail('malformed', m),
    })) as [FrameReader, FrameReader];
  }

  onData(dir: Direction, bytes: Uint8Array, tsUs: number): void {
    if (this.failed) return;
    let view = bytes;
    if (dir === 0 && this.prefaceLeft > 0) {
      const offset = PREFACE_BYTES.length - this.prefaceLeft;
      const take = Math.min(this.prefaceLeft, view.length);
      for (let i = 0; i < take; i++) {
        if (view[i] !== PREFACE_BYTES[offset + i]) return this.fail('malformed', 'the client preface is wrong');
      }
      this.prefaceLeft -= take;
      view = view.subarray(take);
    }
    if (view.length > 0) this.readers[dir].feed(view, tsUs);
  }

  onGap(dir: Direction, length: number): void {
    if (this.failed) return;
    for (const s of this.streams.values()) s.call.partial = true;
    this.fail('gap', `${length} bytes ${dir === 0 ? 'from the client' : 'from the server'} were not captured; HTTP/2 parsing stopped`);
  }

  onEnd(): void {
    for (const s of this.streams.values()) {
      if (s.call.hasRequest && !s.call.hasResponse) s.call.error ??= { type: 'pair-not-found', msg: 'no response was captured for this stream' };
      this.emit(s);
    }
    this.streams.clear();
  }

  private frame(dir: Direction, type: number, flags: number, streamId: number, payload: Uint8Array, tsUs: number): void {
    const pending = this.block[dir];
    if (pending && type !== FRAME_CONTINUATION) return this.fail('malformed', `frame type ${type} inside a header block`);
    switch (type) {
      case FRAME_HEADERS:
      case FRAME_PUSH_PROMISE: {
        if (streamId === 0) return this.fail('malformed', `${type === FRAME_HEADERS ? 'HEADERS' : 'PUSH_PROMISE'} on stream 0`);
        const fragment = headerFragment(type, flags, payload);
        if (!fragment) return this.fail('malformed', 'header frame padding or priority exceeds its length');
        this.block[dir] = { streamId, flags, parts: [fragment.slice()], size: fragment.length, push: type === FRAME_PUSH_PROMISE };
        if (flags & FLAG_END_HEADERS) this.headerBlockDone(dir, tsUs);
        return;
      }
      case FRAME_CONTINUATION: {
        if (!pending || pending.streamId !== streamId) return this.fail('malformed', 'CONTINUATION without a header block');
        pending.parts.push(payload.slice());
        pending.size += payload.length;
        if (pending.size > MAX_HEADER_BLOCK) return this.fail('limit', `header block exceeds ${MAX_HEADER_BLOCK} bytes`);
        if (flags & FLAG_END_HEADERS) this.headerBlockDone(dir, tsUs);
        return;
      }
      case FRAME_RST_STREAM: {
        const s = this.streams.get(streamId);
        if (s) {
          if (!s.call.hasResponse) s.call.error = { type: 'pair-not-found', msg: `stream reset by the ${dir === 0 ? 'client' : 'server'} before a response` };
          this.finish(s, tsUs);
        }
        return;
      }
      default:
    }
  }

  private headerBlockDone(dir: Direction, tsUs: number): void {
    const b = this.block[dir]!;
    this.block[dir] = null;
    let headers: HeaderList = [];
    if (!this.headersLost) {
      try {
        headers = this.hpack[dir]!.decode(b.parts.length === 1 ? b.parts[0]! : Buffer.concat(b.parts));
      } catch (e) {
        if (!(e instanceof HpackError)) throw e;
        for (const s of this.streams.values()) s.call.error = { type: 'dissection', msg: `HPACK: ${e.message}` };
        return this.fail('malformed', `HPACK: ${e.message}`);
      }
    }
    if (b.push) return; // a promised stream: only the decoder state mattered
    const end = (b.flags & FLAG_END_STREAM) !== 0;
    if (dir === 0) this.requestHeaders(b.streamId, headers, b.size, end, tsUs);
    else this.responseHeaders(b.streamId, headers, b.size, end, tsUs);
  }

  private requestHeaders(id: number, headers: HeaderList, size: number, end: boolean, tsUs: number): void {
    let s = this.streams.get(id);
    if (s) {
      // Request trailers.
      s.call.reqSize += size + 9;
      if (end) this.requestEnd(s, tsUs);
      return;
    }
    if (this.streams.size >= MAX_OPEN_STREAMS) return this.fail('limit', `more than ${MAX_OPEN_STREAMS} open streams`);
    const call = newCall('http', this.sink.nextIndex(), tsUs);
    call.httpVersion = 'HTTP/2';
    call.partial = this.headersLost;
    const regular: [string, string][] = [];
    for (const [name, value] of headers) {
      if (name === ':method') call.method = value;
      else if (name === ':path') call.url = value;
      else if (name === ':authority') regular.push(['host', value]);
      else if (name[0] !== ':') regular.push([name, value]);
    }
    call.path = pathOnly(call.url);
    call.reqFields = fieldsBytes(regular);
    call.reqHeaderBytes = size;
    call.reqSize = size + 9;
    const contentType = valueOf(regular, 'content-type');
    const grpc = isGrpcContentType(contentType);
    if (grpc) {
      call.proto = 'grpc';
      const [service, method] = grpcNames(call.path);
      call.grpc = { service, method, status: -1, message: '', requestMessages: 0, responseMessages: 0 };
    }
    s = {
      id, call, reqBody: new BodyCollector(valueOf(regular, 'content-encoding') ?? '', announced(regular)), respBody: null,
      reqGrpc: grpc ? new GrpcFraming() : null, respGrpc: grpc ? new GrpcFraming() : null, responseHeadersSeen: false, respHeaders: [], requestEnded: false,
    };
    this.streams.set(id, s);
    if (end) this.requestEnd(s, tsUs);
  }

  private responseHeaders(id: number, headers: HeaderList, size: number, end: boolean, tsUs: number): void {
    let s = this.streams.get(id);
    if (!s) {
      // A response without its request: picked up mid-stream, or stream 1 after an h2c upgrade.
      const call = newCall('http', this.sink.nextIndex(), tsUs);
      call.httpVersion = 'HTTP/2';
      call.hasRequest = false;
      call.partial = this.headersLost;
      if (!this.headersLost) call.error = { type: 'pair-not-found', msg: 'the request of this stream was not captured' };
      s = { id, call, reqBody: null, respBody: null, reqGrpc: null, respGrpc: null, responseHeadersSeen: false, respHeaders: [], requestEnded: true };
      this.streams.set(id, s);
    }
    const call = s.call;
    call.respSize += size + 9;
    const status = Number(valueOf(headers, ':status') ?? NaN);
    if (!s.responseHeadersSeen && !(status >= 100 && status < 200)) {
      s.responseHeadersSeen = true;
      call.status = Number.isFinite(status) ? status : 0;
      s.respHeaders = headers.filter(([n]) => n[0] !== ':');
      call.respFields = fieldsBytes(s.respHeaders);
      call.respHeaderBytes = size;
      s.respBody = new BodyCollector(valueOf(s.respHeaders, 'content-encoding') ?? '', announced(s.respHeaders));
      if (!call.grpc && isGrpcContentType(valueOf(s.respHeaders, 'content-type'))) {
        call.proto = 'grpc';
        const [service, method] = grpcNames(call.path);
        call.grpc = { service, method, status: -1, message: '', requestMessages: 0, responseMessages: 0 };
        s.respGrpc = new GrpcFraming();
      }
    } else if (s.responseHeadersSeen) {
      // Trailers: appended to the response headers (gRPC puts its status here).
      for (const [n, v] of headers) if (n[0] !== ':') s.respHeaders.push([n, v]);
      call.respFields = fieldsBytes(s.respHeaders);
    }
    const grpcStatus = valueOf(headers, 'grpc-status');
    if (call.grpc && grpcStatus !== undefined && /^\d+$/.test(grpcStatus)) {
      call.grpc.status = Number(grpcStatus);
      call.grpc.message = decodeGrpcMessage(valueOf(headers, 'grpc-message') ?? '');
    }
    if (end) this.finish(s, tsUs);
  }

  private data(dir: Direction, id: number, bytes: Uint8Array, flags: number, end: boolean, tsUs: number): void {
    const s = this.streams.get(id);
    if (!s) return;
    if (dir === 0) {
      s.call.reqSize += bytes.length;
      s.reqBody?.add(bytes);
      s.reqGrpc?.feed(bytes);
    } else {
      s.call.respSize += bytes.length;
      s.respBody?.add(bytes);
      s.respGrpc?.feed(bytes);
    }
    if (!end) return;
    if (dir === 0) s.call.reqSize += 9 + (flags & FLAG_PADDED ? 1 : 0);
    else s.call.respSize += 9 + (flags & FLAG_PADDED ? 1 : 0);
    if (flags & FLAG_END_STREAM) {
      if (dir === 0) this.requestEnd(s, tsUs);
      else this.finish(s, tsUs);
    }
  }

  private requestEnd(s: H2Stream, tsUs: number): void {
    s.requestEnded = true;
    s.call.reqEndUs = tsUs;
  }

  /** The server ended the stream (or it was reset): the call is complete. */
  private finish(s: H2Stream, tsUs: number): void {
    this.streams.delete(s.id);
    if (s.responseHeadersSeen) {
      s.call.hasResponse = true;
      s.call.respEndUs = tsUs;
    }
    if (!s.call.hasRequest) s.call.reqStartUs = s.call.reqEndUs = tsUs;
    this.emit(s);
  }

  private emit(s: H2Stream): void {
    const call = s.call;
    if (s.reqBody && s.reqBody.size > 0) call.reqBody = s.reqBody.finish();
    if (s.respBody && s.respBody.size > 0) call.respBody = s.respBody.finish();
    if (call.grpc) {
      call.grpc.requestMessages = s.reqGrpc?.messages ?? 0;
      call.grpc.responseMessages = s.respGrpc?.messages ?? 0;
    }
    this.sink.emit(call);
  }

  private fail(type: string, message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.sink.fail(type, message);
  }
}

/** The header block fragment of a HEADERS or PUSH_PROMISE payload (padding, priority, promised id removed). */
function headerFragment(type: number, flags: number, payload: Uint8Array): Uint8Array | null {
  let start = 0;
  let end = payload.length;
  if (flags & FLAG_PADDED) {
    if (payload.length < 1) return null;
    end -= payload[0]!;
    start = 1;
  }
  if (type === FRAME_HEADERS && flags & FLAG_PRIORITY) start += 5;
  if (type === FRAME_PUSH_PROMISE) start += 4;
  return start > end ? null : payload.subarray(start, end);
}

function valueOf(headers: readonly [string, string][], name: string): string | undefined {
  for (const [n, v] of headers) if (n === name) return v;
  return undefined;
}

/** The content-length a message announces, or 0. */
function announced(headers: readonly [string, string][]): number {
  const n = Number(valueOf(headers, 'content-length'));
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** grpc-message is percent-encoded (gRPC over HTTP/2 spec); a bad escape keeps the raw text. */
function decodeGrpcMessage(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
