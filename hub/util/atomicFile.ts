import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * A file written under a temporary name in the destination folder and renamed into place only
 * when complete, so a reader (or a restart after a crash) never sees half of it.
 */
export class AtomicFile {
  readonly tempPath: string;
  private fd: number | undefined;

  constructor(readonly finalPath: string) {
    this.tempPath = path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.${randomBytes(6).toString('hex')}.tmp`);
    this.fd = openSync(this.tempPath, 'wx');
  }

  write(chunk: Uint8Array): void {
    if (this.fd === undefined) throw new Error(`${this.finalPath} is already closed`);
    for (let done = 0; done < chunk.length;) done += writeSync(this.fd, chunk, done, chunk.length - done);
  }

  /**
   * Renames into place. `durable` also forces the bytes to disk first (metadata that must survive
   * a power cut); without it the file is still never seen half-written after a process crash.
   */
  commit(durable = false): void {
    if (this.fd === undefined) throw new Error(`${this.finalPath} is already closed`);
    if (durable) fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.tempPath, this.finalPath);
  }

  /** Drops the partial file. Safe to call after commit (then it does nothing). */
  abort(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tempPath, { force: true });
  }
}

/** Writes a whole small file atomically (JSON state, metadata). */
export function writeFileAtomic(finalPath: string, data: string | Uint8Array): void {
  const file = new AtomicFile(finalPath);
  try {
    file.write(typeof data === 'string' ? Buffer.from(data) : data);
    file.commit(true);
  } finally {
    file.abort();
  }
}
