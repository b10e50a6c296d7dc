/**
 * The packets of one node in time order: its capture files are read side by side and merged by
 * timestamp (each file keeps its own order, so the few-µs inversions inside a file stay as
 * captured). Damaged files contribute the packets before the damage and an error.
 */
import { openCapture } from '../../capture/open';
import { type CaptureError, type PacketRecord } from '../../capture/packet';
import { type CaptureReader } from '../../capture/reader';

export class PacketSource {
  private readonly readers: (CaptureReader | null)[] = [];
  private readonly heads: (PacketRecord | null)[] = [];
  readonly errors: CaptureError[] = [];
  /** Index (into the node's file list) of the file the last packet came from. */
  file = 0;
  private lastGiven = -1;
  private readonly fileSizes: number[];
  private readonly doneBytes: number[];

  constructor(readonly files: readonly string[], fileSizes: readonly number[]) {
    this.fileSizes = [...fileSizes];
    this.doneBytes = files.map(() => 0);
    for (const f of files) {
      const r = openCapture(f);
      if ('code' in r) {
        this.errors.push(r);
        this.readers.push(null);
        this.heads.push(null);
        continue;
      }
      this.readers.push(r);
      this.heads.push(null);
      this.advance(this.readers.length - 1);
    }
  }

  /** The next packet in time order, or null at the end. Valid until the next call. */
  next(): PacketRecord | null {
    // Readers reuse their record, so the file that gave the last packet reads ahead only now.
    if (this.lastGiven >= 0) this.advance(this.lastGiven);
    this.lastGiven = -1;
    let best = -1;
    for (let i = 0; i < this.heads.length; i++) {
      const h = this.heads[i];
      if (!h) continue;
      if (best < 0) best = i;
      else {
        const b = this.heads[best]!;
        if (h.tsSec < b.tsSec || (h.tsSec === b.tsSec && h.tsNsec < b.tsNsec)) best = i;
      }
    }
    if (best < 0) return null;
    this.file = best;
    this.lastGiven = best;
    return this.heads[best]!;
  }

  /** Bytes of the files consumed so far (for progress). */
  get bytesRead(): number {
    let n = 0;
    for (let i = 0; i < this.readers.length; i++) n += this.readers[i] ? this.readers[i]!.offset : this.doneBytes[i]!;
    return n;
  }

  get totalBytes(): number {
    return this.fileSizes.reduce((a, b) => a + b, 0);
  }

  close(): void {
    for (const r of this.readers) r?.close();
  }

  private advance(i: number): void {
    const r = this.readers[i]!;
    const p = r.next();
    this.heads[i] = p;
    if (!p) {
      if (r.error) this.errors.push(r.error);
      this.doneBytes[i] = this.fileSizes[i]!;
      r.close();
      this.readers[i] = null;
    }
  }
}
