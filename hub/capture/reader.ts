import { type CaptureError, type CaptureFormat, type PacketRecord } from './packet';

/**
 * A streaming, pull-style reader over one capture file. `next()` returns the same reused record
 * object each time (see packet.ts) or null at the end; after null, `error` says whether the file
 * ended cleanly (null) or where it is damaged. Everything returned before the damage stays valid.
 */
export interface CaptureReader {
  readonly path: string;
  readonly format: CaptureFormat;
  next(): PacketRecord | null;
  readonly error: CaptureError | null;
  /** File offset of the next unread byte (progress, and where reading stopped). */
  readonly offset: number;
  close(): void;
}

/** libpcap's largest snapshot length for ordinary link types; larger record lengths are corrupt. */
export const MAX_SNAPLEN = 262144;

/** The snapshot length libpcap reports for a header value (0 or too large means the maximum). */
export function effectiveSnaplen(snaplen: number): number {
  return snaplen === 0 || snaplen > MAX_SNAPLEN ? MAX_SNAPLEN : snaplen;
}
