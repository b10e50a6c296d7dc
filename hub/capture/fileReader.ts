import { type ChunkedFile } from './chunkedFile';
import { captureError, type CaptureError, type CaptureFormat, PacketRecord } from './packet';
import { type CaptureReader } from './reader';

/**
 * What the pcap and pcapng readers share: the file they pull chunks from, the one reused record,
 * and how reading ends: cleanly, or at damage whose error names the file and offset (an I/O
 * failure of the file wins over the format problem it caused).
 */
export abstract class FileCaptureReader implements CaptureReader {
  abstract readonly format: CaptureFormat;
  error: CaptureError | null = null;
  protected readonly record = new PacketRecord();
  protected done = false;

  constructor(protected readonly file: ChunkedFile) {}

  get path(): string {
    return this.file.path;
  }

  get offset(): number {
    return this.file.offset;
  }

  abstract next(): PacketRecord | null;

  protected fail(error: CaptureError): null {
    const failure = this.file.failure;
    this.error = failure ? captureError('io', error.file, error.offset, `read failed (${failure})`) : error;
    return this.finish();
  }

  protected finish(): null {
    if (!this.error && this.file.failure) this.error = captureError('io', this.file.path, this.file.offset, `read failed (${this.file.failure})`);
    this.done = true;
    return null;
  }

  close(): void {
    this.file.close();
  }
}
