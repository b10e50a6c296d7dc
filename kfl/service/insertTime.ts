/**
 * "Insert time…": a person types a local time, the filter gets an RFC 3339 UTC literal (all times
 * sent are UTC; the person sees theirs, with UTC beside it).
 */
import { civilToUtcMs, formatLocalWithUtc, parseLocalDateTime, rfc3339Utc } from '../localTime';
import { quoteString } from '../syntax/quote';

export interface TimestampLiteral {
  /** `timestamp("2026-03-14T17:00:00Z")` */
  literal: string;
  /** `2026-03-14 22:30:00 IST (17:00:00 UTC)`, to confirm what was understood. */
  display: string;
}

/** The literal for a local time typed in `timeZone` (default: the process's), or undefined when it does not parse. */
export function timestampLiteral(localTime: string, timeZone?: string): TimestampLiteral | undefined {
  const civil = parseLocalDateTime(localTime);
  if (!civil) return undefined;
  const ms = civilToUtcMs(civil, timeZone);
  return { literal: `timestamp(${quoteString(rfc3339Utc(ms))})`, display: formatLocalWithUtc(ms, timeZone) };
}
