/**
 * Collects output bytes in one buffer and hands them on in large chunks (to a file descriptor, an
 * HTTP response, a test). Writers fill `buf` directly after `reserve()` to avoid per-packet copies
 * beyond the one into this buffer. The sink gets a VIEW of the buffer, which is reused as soon as
 * the sink returns: a sink that keeps the bytes (an HTTP response) must copy them.
 */
export class ChunkWriter {
  buf: Buffer;
  /** Bytes used in `buf`. */
  length = 0;
  /** Bytes handed on so far plus the ones buffered. */
  get total(): number {
    return this.flushed + this.length;
  }
  private flushed = 0;

  constructor(private readonly sink: (chunk: Buffer) => void, private readonly chunkBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  /** Makes room for `n` more bytes and returns where they go in `buf`. */
  reserve(n: number): number {
    if (this.length + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  write(bytes: Uint8Array): void {
    const at = this.reserve(bytes.length);
    this.buf.set(bytes, at);
  }

  flush(): void {
    if (this.length === 0) return;
    this.sink(this.buf.subarray(0, this.length));
    this.flushed += this.length;
    this.length = 0;
    if (this.buf.length > this.chunkBytes) this.buf = Buffer.allocUnsafe(this.chunkBytes);
  }
}
