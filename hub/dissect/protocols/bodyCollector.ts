/**
 * Collects the first bytes of a message body (up to the store cap) while counting all of it, so a
 * huge body costs its count, not its size. One buffer per body, sized from the announced length
 * when there is one (the common case), grown by doubling otherwise.
 */
import { type BodyCapture } from '../calls/call';

/** Bytes of each body kept for get_api_call / get_api_call_details (hub/dissect/README.md). */
export const BODY_STORE_CAP = 256 << 10;

const EMPTY = new Uint8Array(0);

export class BodyCollector {
  private buf: Uint8Array = EMPTY;
  private kept = 0;
  size = 0;

  /** `expected`: the announced body length (Content-Length), or 0 when unknown. */
  constructor(readonly encoding: string, private readonly expected = 0) {}

  add(bytes: Uint8Array): void {
    this.size += bytes.length;
    const room = BODY_STORE_CAP - this.kept;
    if (room <= 0) return;
    const take = Math.min(room, bytes.length);
    if (this.kept + take > this.buf.length) {
      const want = Math.max(this.kept + take, Math.min(BODY_STORE_CAP, this.expected > 0 ? this.expected : this.buf.length * 2));
      const grown = new Uint8Array(want);
      grown.set(this.buf.subarray(0, this.kept));
      this.buf = grown;
    }
    this.buf.set(take === bytes.length ? bytes : bytes.subarray(0, take), this.kept);
    this.kept += take;
  }

  finish(): BodyCapture {
    const bytes = this.kept === this.buf.length ? this.buf : this.buf.subarray(0, this.kept);
    this.buf = EMPTY;
    return { bytes, size: this.size, encoding: this.encoding, truncated: this.kept < this.size };
  }
}
