import { closeSync, openSync, readSync } from 'node:fs';

/** Default read size: large enough to amortise system calls, small enough to stay cache-friendly. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

/**
 * Sequential access to a file through one fixed buffer: `ensure(n)` makes the next `n` bytes
 * available at `buf[pos … pos + n)`, reading and compacting as needed, so a reader never holds the
 * whole file. The buffer grows only for a single record bigger than it, up to `maxRecordBytes`.
 *
 * Reads are synchronous on purpose: they are served from the page cache in well under a
 * millisecond per chunk, and keep the per-packet path free of promises. Long jobs yield to the
 * event loop between chunks themselves.
 */
export class ChunkedFile {
  buf: Buffer;
  /** Index in `buf` of the first unconsumed byte. */
  pos = 0;
  private end = 0;
  /** File offset of `buf[0]`. */
  private base = 0;
  private fd: number | undefined;
  private atEof = false;
  /** Set when the operating system refused a read (the reader reports it as an I/O error). */
  failure: string | undefined;

  constructor(
    readonly path: string,
    chunkBytes = DEFAULT_CHUNK_BYTES,
    private readonly maxRecordBytes = 64 << 20,
  ) {
    this.fd = openSync(path, 'r');
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  /** File offset of `buf[pos]`. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Bytes available without reading. */
  get available(): number {
    return this.end - this.pos;
  }

  /** True when `n` more bytes are available; false when the file ends first (or n is absurd). */
  ensure(n: number): boolean {
    if (this.end - this.pos >= n) return true;
    if (this.atEof || n > this.maxRecordBytes || this.fd === undefined) return false;
    if (this.pos + n > this.buf.length) this.compact(n);
    while (this.end - this.pos < n) {
      let got: number;
      try {
        got = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, this.base + this.end);
      } catch (err) {
        this.failure = (err as NodeJS.ErrnoException).code ?? String(err);
        got = 0;
      }
      if (got === 0) {
        this.atEof = true;
        return false;
      }
      this.end += got;
    }
    return true;
  }

  /** True when no byte is left (reads ahead one chunk to know). */
  atEnd(): boolean {
    return !this.ensure(1);
  }

  skip(n: number): void {
    this.pos += n;
  }

  /** Moves the unconsumed tail to the front, growing the buffer when one record needs more room. */
  private compact(need: number): void {
    const keep = this.end - this.pos;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(Math.max(need, this.buf.length * 2), this.maxRecordBytes));
      this.buf.copy(bigger, 0, this.pos, this.end);
      this.buf = bigger;
    } else {
      this.buf.copyWithin(0, this.pos, this.end);
    }
    this.base += this.pos;
    this.pos = 0;
    this.end = keep;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
