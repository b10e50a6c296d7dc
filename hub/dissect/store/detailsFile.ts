/**
 * Per-entry details kept on disk, not in memory: the stored bodies (raw, up to the body cap) and
 * the few display-only fields. One record per entry, addressed by (offset, length) columns:
 *   u32 jsonLength, json, u32 reqBodyLength, reqBody, u32 respBodyLength, respBody
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export interface Details {
  /** Display-only fields (redis reply, TLS cipher, …), as JSON. */
  info: Record<string, unknown>;
  reqBody: Uint8Array;
  respBody: Uint8Array;
}

const FLUSH_BYTES = 1 << 20;
const EMPTY_JSON = Buffer.from('{}');

export class DetailsWriter {
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(FLUSH_BYTES * 2);
  private used = 0;
  private written = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Appends one record; returns [offset, length]. */
  append(d: Details): [number, number] {
    const json = Object.keys(d.info).length === 0 ? EMPTY_JSON : Buffer.from(JSON.stringify(d.info));
    const length = 12 + json.length + d.reqBody.length + d.respBody.length;
    const offset = this.written + this.used;
    this.room(length);
    const b = this.buffer;
    let at = this.used;
    b.writeUInt32LE(json.length, at);
    json.copy(b, at + 4);
    at += 4 + json.length;
    b.writeUInt32LE(d.reqBody.length, at);
    b.set(d.reqBody, at + 4);
    at += 4 + d.reqBody.length;
    b.writeUInt32LE(d.respBody.length, at);
    b.set(d.respBody, at + 4);
    this.used = at + 4 + d.respBody.length;
    if (this.used >= FLUSH_BYTES) this.flush();
    return [offset, length];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private room(n: number): void {
    if (this.used + n <= this.buffer.length) return;
    this.flush();
    if (n > this.buffer.length) this.buffer = Buffer.allocUnsafe(n);
  }

  private flush(): void {
    for (let done = 0; done < this.used;) done += writeSync(this.fd, this.buffer, done, this.used - done);
    this.written += this.used;
    this.used = 0;
  }
}

/** Reads one record back; null when the record is damaged. */
export function readDetails(path: string, offset: number, length: number): Details | null {
  if (length < 12) return { info: {}, reqBody: new Uint8Array(0), respBody: new Uint8Array(0) };
  const b = Buffer.allocUnsafe(length);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, b, 0, length, offset) !== length) return null;
  } finally {
    closeSync(fd);
  }
  const jsonLength = b.readUInt32LE(0);
  if (4 + jsonLength + 8 > length) return null;
  let info: Record<string, unknown>;
  try {
    info = JSON.parse(b.toString('utf8', 4, 4 + jsonLength)) as Record<string, unknown>;
  } catch {
    return null;
  }
  let at = 4 + jsonLength;
  const reqLength = b.readUInt32LE(at);
  const reqBody = b.subarray(at + 4, at + 4 + reqLength);
  at += 4 + reqLength;
  if (at + 4 > length) return null;
  const respLength = b.readUInt32LE(at);
  if (at + 4 + respLength > length) return null;
  return { info, reqBody, respBody: b.subarray(at + 4, at + 4 + respLength) };
}
