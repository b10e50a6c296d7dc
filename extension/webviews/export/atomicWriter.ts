/**
 * Writes an export into a temporary file next to its destination and renames it into place only
 * when complete, so a cancelled or failed export never leaves half a file under the chosen name.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export class AtomicWriter {
  private readonly _temp: string;
  private readonly _stream: WriteStream;
  private _bytes = 0;

  constructor(private readonly _destination: string) {
    this._temp = path.join(path.dirname(_destination), `.${path.basename(_destination)}.${randomBytes(6).toString('hex')}.part`);
    this._stream = createWriteStream(this._temp, { flags: 'wx', encoding: 'utf8' });
  }

  get bytes(): number {
    return this._bytes;
  }

  /** Resolves when the stream can take more (backpressure). */
  async write(text: string): Promise<void> {
    this._bytes += Buffer.byteLength(text);
    if (!this._stream.write(text)) await new Promise<void>((resolve) => this._stream.once('drain', resolve));
  }

  async commit(): Promise<string> {
    await new Promise<void>((resolve, reject) => this._stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await rename(this._temp, this._destination);
    return this._destination;
  }

  async abandon(): Promise<void> {
    this._stream.destroy();
    await unlink(this._temp).catch(() => undefined);
  }
}
