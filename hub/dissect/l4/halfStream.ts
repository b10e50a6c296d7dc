/**
 * Reassembly of one direction of a TCP connection into an ordered byte stream.
 *
 * Rules (checked against tshark's `follow,tcp`): bytes are delivered once, in sequence order;
 * where segments overlap, the bytes seen first win (a retransmission never rewrites what was
 * delivered); a segment ahead of the expected sequence number waits (copied) until the hole is
 * filled; a hole that is never filled — the peer acknowledged data the capture missed, the
 * waiting data exceeds its cap, or the connection ended — is reported as a gap of its exact
 * length, never filled with invented bytes. Sequence arithmetic is modulo 2^32.
 */
import { type Direction, type StreamParser } from '../protocols/parser';

/** Out-of-order bytes one direction may hold before its oldest hole is declared a gap. */
export const MAX_PENDING_BYTES = 4 << 20;

interface Segment {
  seq: number;
  data: Uint8Array;
}

/** Signed distance a → b in 32-bit sequence space. */
export function seqDiff(b: number, a: number): number {
  return (b - a) | 0;
}

export class HalfStream {
  /** The next sequence number to deliver (valid once `synced`). */
  next = 0;
  synced = false;
  /** Sequence number of the FIN, once seen. */
  finSeq = -1;
  /** All data up to the FIN was delivered. */
  ended = false;
  private pending: Segment[] = [];
  private pendingBytes = 0;
  delivered = 0;
  gaps = 0;

  constructor(public dir: Direction) {}

  /** SYN (or SYN-ACK): the stream starts after the initial sequence number. */
  syn(seq: number): void {
    this.next = (seq + 1) >>> 0;
    this.synced = true;
  }

  /**
   * A segment's payload starting at `seq`; delivers whatever became contiguous to `parser`.
   * `payload` is a view valid only during this call.
   */
  segment(seq: number, payload: Uint8Array, tsUs: number, parser: StreamParser | null): void {
    if (!this.synced) {
      // Mid-stream pickup: the first segment seen starts the stream.
      this.next = seq;
      this.synced = true;
    }
    const length = payload.length;
    if (length === 0) return;
    const rel = seqDiff(seq, this.next);
    if (rel <= 0) {
      if (-rel >= length) return; // retransmission of delivered bytes
      this.deliver(rel === 0 ? payload : payload.subarray(-rel), tsUs, parser);
      if (this.pendingBytes > 0) this.drain(tsUs, parser);
      return;
    }
    this.hold(seq, payload);
    if (this.pendingBytes > MAX_PENDING_BYTES) this.skipHole(tsUs, parser);
  }

  fin(seq: number, payloadLength: number): void {
    this.finSeq = (seq + payloadLength) >>> 0;
  }

  /** True when everything before the FIN was delivered. */
  checkEnded(): boolean {
    if (!this.ended && this.finSeq !== -1 && this.synced && seqDiff(this.finSeq, this.next) <= 0) this.ended = true;
    return this.ended;
  }

  /** The peer acknowledged `ack`: bytes before it that the capture lacks will never come. */
  acknowledged(ack: number, tsUs: number, parser: StreamParser | null): void {
    if (this.pendingBytes === 0 || !this.synced) return;
    if (seqDiff(ack, this.next) > 0) this.skipHole(tsUs, parser);
  }

  /** End of the connection: every remaining hole becomes a gap, every waiting byte is delivered. */
  flush(tsUs: number, parser: StreamParser | null): void {
    while (this.pendingBytes > 0) this.skipHole(tsUs, parser);
  }

  private deliver(bytes: Uint8Array, tsUs: number, parser: StreamParser | null): void {
    this.next = (this.next + bytes.length) >>> 0;
    this.delivered += bytes.length;
    if (parser) parser.onData(this.dir, bytes, tsUs);
  }

  private hold(seq: number, payload: Uint8Array): void {
    const list = this.pending;
    let i = list.length;
    while (i > 0 && seqDiff(list[i - 1]!.seq, seq) > 0) i--;
    // A segment already held at the same place (a retransmission) keeps the first copy.
    if (i > 0 && list[i - 1]!.seq === seq && list[i - 1]!.data.length >= payload.length) return;
    list.splice(i, 0, { seq, data: payload.slice() });
    this.pendingBytes += payload.length;
  }

  /** Delivers held segments that became contiguous (trimming what overlaps delivered bytes). */
  private drain(tsUs: number, parser: StreamParser | null): void {
    const list = this.pending;
    while (list.length > 0) {
      const head = list[0]!;
      const rel = seqDiff(head.seq, this.next);
      if (rel > 0) return;
      list.shift();
      this.pendingBytes -= head.data.length;
      if (-rel < head.data.length) this.deliver(head.data.subarray(-rel), tsUs, parser);
    }
  }

  /** Declares the hole before the first held segment a gap and delivers what follows it. */
  private skipHole(tsUs: number, parser: StreamParser | null): void {
    const head = this.pending[0];
    if (!head) return;
    const gap = seqDiff(head.seq, this.next);
    if (gap > 0) {
      this.gaps++;
      this.next = head.seq;
      if (parser) parser.onGap(this.dir, gap, tsUs);
    }
    this.drain(tsUs, parser);
  }
}
