/**
 * Collects the first bytes of a message body (up to the store cap) while counting all of it, so a
 * huge body costs its count, not its size.
 */
import { type BodyCapture } from '../calls/call';

/** Bytes of each body kept for get_api_call / get_api_call_details (hub/dissect/README.md). */
export const BODY_STORE_CAP = 256 << 10;

export class BodyCollector {
  private parts: Uint8Array[] = [];
  private kept = 0;
  size = 0;

  constructor(readonly encoding: string) {}

  add(bytes: Uint8Array): void {
    this.size += bytes.length;
    const room = BODY_STORE_CAP - this.kept;
    if (room <= 0) return;
    const take = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.parts.push(take.slice());
    this.kept += take.length;
  }

  finish(): BodyCapture {
    let bytes: Uint8Array;
    if (this.parts.length === 1) bytes = this.parts[0]!;
    else {
      bytes = new Uint8Array(this.kept);
      let at = 0;
      for (const p of this.parts) {
        bytes.set(p, at);
        at += p.length;
      }
    }
    this.parts = [];
    return { bytes, size: this.size, encoding: this.encoding, truncated: this.kept < this.size };
  }
}
