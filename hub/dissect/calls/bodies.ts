/**
 * Bodies for display: content-decoded (gzip, deflate, br) with node:zlib, cut to a size cap, and
 * given as UTF-8 text when they are valid UTF-8, else base64. A stored body may itself be cut (the
 * store cap): decoding then uses a sync flush to show what the captured prefix holds.
 */
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { type BodyEncoding } from '../../../protocol/hubApi';

export interface ShownBody {
  text: string;
  encoding: BodyEncoding;
  truncated: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function showBody(raw: Uint8Array, contentEncoding: string, cap: number, storedTruncated: boolean): ShownBody {
  const limit = Math.max(0, cap);
  const decoded = decode(raw, contentEncoding.trim().toLowerCase());
  let bytes = decoded ?? raw;
  let truncated = storedTruncated;
  if (bytes.length > limit) {
    bytes = bytes.subarray(0, limit);
    truncated = true;
  }
  const text = asUtf8(bytes);
  return text === null ? { text: Buffer.from(bytes).toString('base64'), encoding: 'base64', truncated } : { text, encoding: 'utf8', truncated };
}

/** Largest decoded body produced (a decompression bomb is cut, not expanded). */
const MAX_DECODED = 8 << 20;

/**
 * Decoded bytes, or null when the encoding is unknown or the data is not in it. Output beyond
 * MAX_DECODED is avoided by decoding ever shorter prefixes of the input (with a sync flush the
 * output grows with the input, so halving terminates).
 */
function decode(raw: Uint8Array, encoding: string): Uint8Array | null {
  if (raw.length === 0 || encoding === '' || encoding === 'identity') return null;
  for (let size = raw.length; size > 0; size = Math.floor(size / 2)) {
    try {
      return decodeOnce(raw.subarray(0, size), encoding);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') return null;
    }
  }
  return null;
}

function decodeOnce(raw: Uint8Array, encoding: string): Uint8Array | null {
  const options = { maxOutputLength: MAX_DECODED, finishFlush: constants.Z_SYNC_FLUSH };
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(raw, options);
  if (encoding === 'br') return brotliDecompressSync(raw, { maxOutputLength: MAX_DECODED, finishFlush: constants.BROTLI_OPERATION_FLUSH });
  if (encoding !== 'deflate') return null;
  // "deflate" is zlib-wrapped by the RFC, raw deflate in some servers.
  try {
    return inflateSync(raw, options);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw e;
    return inflateRawSync(raw, options);
  }
}

/** The text when `bytes` is valid UTF-8 (a character cut at the end is dropped), else null. */
function asUtf8(bytes: Uint8Array): string | null {
  for (let drop = 0; drop < 4 && drop <= bytes.length; drop++) {
    try {
      return utf8.decode(bytes.subarray(0, bytes.length - drop));
    } catch {
      // A multi-byte character cut by the cap: try without its first bytes.
    }
  }
  return null;
}
