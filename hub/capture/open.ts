import { statSync } from 'node:fs';
import { u32 } from './bytes';
import { ChunkedFile, DEFAULT_CHUNK_BYTES } from './chunkedFile';
import { type CaptureError, captureError } from './packet';
import { parsePcapHeader, PcapReader } from './pcapReader';
import { BLOCK_SHB, PcapngReader } from './pcapngReader';
import { type CaptureReader } from './reader';

export interface OpenOptions {
  /** Size of the reader's fixed buffer (tests use tiny ones to exercise record boundaries). */
  chunkBytes?: number;
}

/**
 * Opens a capture file by its content (not its extension): pcap with either magic and byte order,
 * or pcapng. Never throws: an unreadable or unrecognised file is an error value naming the file.
 */
export function openCapture(path: string, options: OpenOptions = {}): CaptureReader | CaptureError {
  let file: ChunkedFile;
  try {
    if (!statSync(path).isFile()) return captureError('io', path, 0, 'not a regular file');
    file = new ChunkedFile(path, Math.max(options.chunkBytes ?? DEFAULT_CHUNK_BYTES, 64));
  } catch (err) {
    return captureError('io', path, 0, `cannot open (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    file.ensure(24);
    const head = file.buf.subarray(file.pos, file.pos + file.available);
    if (head.length >= 4 && u32(head, 0, true) === BLOCK_SHB) return new PcapngReader(file);
    const header = parsePcapHeader(head, path);
    if ('code' in header) {
      file.close();
      return header;
    }
    return new PcapReader(file, header);
  } catch (err) {
    file.close();
    return captureError('io', path, 0, `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
