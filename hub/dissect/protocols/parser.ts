/**
 * The contract between transport reassembly and the L7 dissectors.
 *
 * A parser is created per TCP connection (or UDP session) once its protocol is detected, and is
 * fed the reassembled byte stream of both directions in capture order. `bytes` is a view over a
 * reused buffer: it is valid only during the call, so a parser copies what it keeps. Times are
 * microseconds since the Unix epoch (a fraction carries sub-µs precision).
 */
import { type CallDraft } from '../calls/call';

/** 0 = client → server, 1 = server → client. */
export type Direction = 0 | 1;

export interface StreamParser {
  onData(dir: Direction, bytes: Uint8Array, tsUs: number): void;
  /** `length` bytes of `dir` were never captured; the parser resynchronises or gives up. */
  onGap(dir: Direction, length: number, tsUs: number): void;
  /** The connection ended (FIN/RST from both sides, idle, or end of capture). */
  onEnd(tsUs: number): void;
}

/** What a parser reports to: finished calls, and a fatal problem with the stream. */
export interface CallSink {
  /** Position of the next call in this stream (ids are `<node>/<stream>/<index>`). */
  nextIndex(): number;
  emit(call: CallDraft): void;
  /** The stream cannot be dissected further (malformed, over a cap); the rest is skipped. */
  fail(type: string, message: string): void;
  /** Layers seen on the connection (`conn_l7_detected`), e.g. TLS under HTTP. */
  detected(protocol: string): void;
}
