/**
 * Opaque paging cursors (hub-api.md §5.14): the position after the last row served, bound to the
 * query that produced it and to the store's generation. A cursor for another query, or for a
 * store that changed since, is refused with 400 INVALID_CURSOR.
 */
import { createHash } from 'node:crypto';
import { HubError } from '../../server/errors';

interface CursorBody {
  v: 1;
  /** Store generation. */
  g: number;
  /** Hash of the query (filter, window, order, format-independent). */
  q: string;
  /** Matches to skip. */
  p: number;
}

export function queryKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(generation: number, key: string, position: number): string {
  const body: CursorBody = { v: 1, g: generation, q: key, p: position };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The position a cursor stands for; throws INVALID_CURSOR when it does not belong here. */
export function decodeCursor(cursor: string, generation: number, key: string): number {
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw invalid('the cursor is not one this Hub issued');
  }
  if (body === null || typeof body !== 'object' || body.v !== 1 || typeof body.p !== 'number' || !Number.isSafeInteger(body.p) || body.p < 0) {
    throw invalid('the cursor is not one this Hub issued');
  }
  if (body.g !== generation) throw invalid('the data changed since this cursor was issued; start again from the first page');
  if (body.q !== key) throw invalid('the cursor belongs to a different query');
  return body.p;
}

function invalid(message: string): HubError {
  return new HubError('INVALID_CURSOR', message, { argument: 'cursor' });
}
