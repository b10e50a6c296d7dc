/**
 * HTTP/1.x over one TCP connection: requests and responses paired in order (keep-alive and
 * pipelining), bodies framed per RFC 9112 §6 (HEAD, 1xx, 204 and 304 have none), interim 1xx
 * responses skipped, `101 Switching Protocols` to h2c handed over to the HTTP/2 parser, and
 * CONNECT / WebSocket tunnels left undissected after their handshake.
 */
import { type CallDraft, newCall } from '../../calls/call';
import { BodyCollector } from '../bodyCollector';
import { type CallSink, type Direction, type StreamParser } from '../parser';
import { Http2Parser } from '../http2/http2Parser';
import { type Http1Head, hasToken } from './headers';
import { BodyMode, MessageReader } from './messageReader';

interface Exchange {
  call: CallDraft;
  body: BodyCollector | null;
  /** The request is fully read (a response may arrive before, e.g. an early 4xx). */
  requestDone: boolean;
}

export class Http1Parser implements StreamParser {
  private readonly exchanges: Exchange[] = [];
  /** The exchange whose request is being read. */
  private reading: Exchange | null = null;
  /** The exchange whose response is being read. */
  private answering: Exchange | null = null;
  private respBody: BodyCollector | null = null;
  private readonly requests: MessageReader;
  private readonly responses: MessageReader;
  /** Set after an upgrade or tunnel: everything later goes there (null parser = skip). */
  private next: StreamParser | null | undefined;

  constructor(private readonly sink: CallSink) {
    this.requests = new MessageReader({
      head: (h, bytes, startUs) => this.requestHead(h, bytes, startUs),
      body: (b) => this.reading?.body?.add(b),
      complete: (tsUs, wire) => this.requestDone(tsUs, wire),
      malformed: (m) => this.malformed(m),
    });
    this.responses = new MessageReader({
      head: (h, bytes) => this.responseHead(h, bytes),
      body: (b) => this.respBody?.add(b),
      complete: (tsUs, wire) => this.responseDone(tsUs, wire),
      malformed: (m) => this.malformed(m),
    });
  }

  onData(dir: Direction, bytes: Uint8Array, tsUs: number): void {
    if (this.next !== undefined) return void this.next?.onData(dir, bytes, tsUs);
    const reader = dir === 0 ? this.requests : this.responses;
    if (reader.failed) return;
    const used = reader.feed(bytes, tsUs);
    const next = this.next as StreamParser | null | undefined;
    if (next && used < bytes.length) next.onData(dir, bytes.subarray(used), tsUs);
  }

  onGap(dir: Direction, length: number, tsUs: number): void {
    if (this.next !== undefined) return void this.next?.onGap(dir, length, tsUs);
    const open = dir === 0 ? this.reading : this.answering;
    if (open) {
      open.call.error = { type: 'dissection', msg: `${length} bytes of the ${dir === 0 ? 'request' : 'response'} were not captured` };
      open.call.partial = true;
    }
    this.sink.fail('gap', `${length} bytes ${dir === 0 ? 'from the client' : 'from the server'} were not captured; HTTP parsing stopped`);
    this.stopAll();
  }

  onEnd(tsUs: number): void {
    if (this.next !== undefined) return void this.next?.onEnd(tsUs);
    this.responses.end(tsUs);
    for (const ex of this.exchanges.splice(0)) {
      ex.call.error ??= { type: 'pair-not-found', msg: 'no response was captured for this request' };
      this.finishRequestBody(ex);
      this.sink.emit(ex.call);
    }
  }

  private requestHead(h: Http1Head, headBytes: number, startUs: number): { mode: BodyMode; length: number } {
    if (h.isResponse) {
      this.malformed('a response was sent by the client');
      return { mode: BodyMode.None, length: 0 };
    }
    const call = newCall('http', this.sink.nextIndex(), startUs);
    call.method = h.method;
    call.url = h.target;
    call.path = pathOf(h.target);
    call.httpVersion = h.version;
    call.reqFields = h.fields;
    call.reqHeaderBytes = headBytes;
    const framing = framingOf(h, false);
    const ex: Exchange = { call, body: framing.mode === BodyMode.None ? null : new BodyCollector(h.contentEncoding ?? '', framing.length), requestDone: false };
    this.reading = ex;
    this.exchanges.push(ex);
    return framing;
  }

  private requestDone(tsUs: number, wire: number): void {
    const ex = this.reading;
    if (!ex) return;
    ex.call.reqEndUs = tsUs;
    ex.call.reqSize = wire;
    ex.requestDone = true;
    this.finishRequestBody(ex);
    this.reading = null;
  }

  private finishRequestBody(ex: Exchange): void {
    if (ex.body) {
      ex.call.reqBody = ex.body.finish();
      ex.body = null;
    }
  }

  private responseHead(h: Http1Head, headBytes: number): { mode: BodyMode; length: number } {
    if (!h.isResponse) {
      this.malformed('a request was sent by the server');
      return { mode: BodyMode.None, length: 0 };
    }
    let ex = this.exchanges[0];
    if (!ex) {
      // A response whose request was not captured (the connection was picked up mid-stream).
      const call = newCall('http', this.sink.nextIndex(), 0);
      call.hasRequest = false;
      call.error = { type: 'pair-not-found', msg: 'the request of this response was not captured' };
      ex = { call, body: null, requestDone: true };
      this.exchanges.push(ex);
    }
    const call = ex.call;
    this.answering = ex;
    this.interim = h.status >= 100 && h.status < 200 && h.status !== 101;
    if (this.interim) return { mode: BodyMode.None, length: 0 };
    call.status = h.status;
    if (!call.httpVersion) call.httpVersion = h.version;
    call.respFields = h.fields;
    call.respHeaderBytes = headBytes;
    this.upgrade = h.upgrade;
    const noBody = call.method === 'HEAD' || h.status === 204 || h.status === 304 || h.status === 101 || (call.method === 'CONNECT' && h.status < 300);
    const framing = noBody ? { mode: BodyMode.None, length: 0 } : framingOf(h, true);
    this.respBody = framing.mode === BodyMode.None ? null : new BodyCollector(h.contentEncoding ?? '', framing.length);
    return framing;
  }

  /** The response being read is an interim 1xx: it ends, the exchange waits for the final one. */
  private interim = false;
  /** Upgrade header of the last final response (a 101 names the new protocol). */
  private upgrade: string | undefined;

  private responseDone(tsUs: number, wire: number): void {
    const ex = this.answering;
    if (!ex) return;
    const call = ex.call;
    call.respSize += wire;
    if (this.interim) return;
    this.answering = null;
    this.exchanges.shift();
    if (!call.hasRequest) call.reqStartUs = call.reqEndUs = tsUs;
    call.hasResponse = true;
    call.respEndUs = tsUs;
    if (this.respBody) call.respBody = this.respBody.finish();
    this.respBody = null;
    if (!ex.requestDone) {
      // The server answered before the request ended (e.g. 413): the call is complete now.
      this.finishRequestBody(ex);
      if (this.reading === ex) this.reading = null;
    }
    this.sink.emit(call);
    this.switchIfUpgraded(call);
  }

  private switchIfUpgraded(call: CallDraft): void {
    if (call.status === 101) {
      const upgrade = (this.upgrade ?? '').toLowerCase();
      if (upgrade === 'h2c') {
        this.sink.detected('HTTP2');
        this.next = new Http2Parser(this.sink, { upgraded: true });
      } else {
        this.next = null;
      }
    } else if (call.method === 'CONNECT' && call.status >= 200 && call.status < 300) {
      this.next = null;
    }
    if (this.next !== undefined) this.stopAll();
  }

  private malformed(message: string): void {
    for (const ex of this.exchanges) {
      ex.call.error = { type: 'dissection', msg: message };
    }
    this.sink.fail('malformed', message);
    this.stopAll();
  }

  private stopAll(): void {
    this.requests.stop();
    this.responses.stop();
  }
}

/** Body framing of a message from its headers (RFC 9112 §6.3). */
function framingOf(h: Http1Head, isResponse: boolean): { mode: BodyMode; length: number } {
  if (hasToken(h.transferEncoding, 'chunked')) return { mode: BodyMode.Chunked, length: 0 };
  const length = h.contentLength;
  if (length !== undefined) {
    const first = length.split(',')[0]!.trim();
    if (/^\d{1,15}$/.test(first)) return { mode: BodyMode.Length, length: Number(first) };
  }
  return isResponse ? { mode: BodyMode.UntilClose, length: 0 } : { mode: BodyMode.None, length: 0 };
}

/** The path of a request target: origin form without the query; absolute form reduced to its path. */
export function pathOf(target: string): string {
  let t = target;
  if (!t.startsWith('/')) {
    const scheme = t.indexOf('://');
    if (scheme > 0) {
      const slash = t.indexOf('/', scheme + 3);
      t = slash < 0 ? '/' : t.slice(slash);
    }
  }
  const q = t.indexOf('?');
  return q < 0 ? t : t.slice(0, q);
}
