// CEL timestamps and durations: parsing (RFC 3339, Go duration syntax), formatting and
// arithmetic with CEL's range rules. Timestamps span 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999999Z with nanosecond precision; durations are int64 nanoseconds
// (about ±292 years), as in cel-go. Everything here is exact integer arithmetic.
import { EvalError } from './values';

export class Timestamp {
  /** `seconds` since the Unix epoch (a safe integer) and `nanos` in [0, 1e9). */
  constructor(readonly seconds: number, readonly nanos: number) {}
}

export class Duration {
  /** Signed nanoseconds within int64. */
  constructor(readonly nanos: bigint) {}
}

const MIN_TIMESTAMP_SECONDS = -62_135_596_800; // 0001-01-01T00:00:00Z
const MAX_TIMESTAMP_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z
const BIG_NANOS_PER_SECOND = 1_000_000_000n;
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

export type TimestampProblem =
  | { kind: 'format' }
  | { kind: 'field'; field: 'month' | 'day' | 'hour' | 'minute' | 'second' | 'offset' }
  | { kind: 'range' };

export type DurationProblem =
  | { kind: 'format' }
  | { kind: 'missing-unit' }
  | { kind: 'unknown-unit'; unit: string; suggestion?: string }
  | { kind: 'range' };

export type Parsed<T, P> = { ok: true; value: T } | { ok: false; problem: P };

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)` as Go's time.Parse(RFC3339) does for CEL:
 * fields are range-checked, digits past nanoseconds are truncated, and the instant must lie in
 * CEL's timestamp range.
 */
export function parseTimestamp(text: string): Parsed<Timestamp, TimestampProblem> {
  const m = RFC3339.exec(text);
  if (m === null) return { ok: false, problem: { kind: 'format' } };
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as
    [number, number, number, number, number, number];
  const field = invalidField(year, month, day, hour, minute, second);
  if (field !== undefined) return { ok: false, problem: { kind: 'field', field } };
  let offsetSeconds = 0;
  if (m[8] !== undefined) {
    const offsetHours = Number(m[9]);
    const offsetMinutes = Number(m[10]);
    if (offsetHours > 23 || offsetMinutes > 59) return { ok: false, problem: { kind: 'field', field: 'offset' } };
    offsetSeconds = (m[8] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const nanos = Number(((m[7] ?? '') + '000000000').slice(0, 9));
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  const value = timestampInRange(seconds, nanos);
  return value instanceof EvalError ? { ok: false, problem: { kind: 'range' } } : { ok: true, value };
}

function invalidField(year: number, month: number, day: number, hour: number, minute: number, second: number):
  'month' | 'day' | 'hour' | 'minute' | 'second' | undefined {
  if (month < 1 || month > 12) return 'month';
  if (day < 1 || day > daysInMonth(year, month)) return 'day';
  if (hour > 23) return 'hour';
  if (minute > 59) return 'minute';
  if (second > 59) return 'second';
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (era-based, exact for any year). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function timestampInRange(seconds: number, nanos: number): Timestamp | EvalError {
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) return new EvalError('timestamp out of range');
  return new Timestamp(seconds, nanos);
}

/** `timestamp(int)`: Unix seconds, inside CEL's timestamp range. */
export function timestampFromSeconds(seconds: number | bigint): Timestamp | EvalError {
  // A bigint int lies beyond ±2^53 s, far outside the range; Number() keeps it outside.
  return timestampInRange(Number(seconds), 0);
}

/** A record's timestamp (Unix ms; a fraction carries µs) as a runtime value. */
export function timestampFromMillis(millis: number): Timestamp | EvalError {
  if (!Number.isFinite(millis)) return new EvalError('timestamp out of range');
  const micros = Math.round(millis * 1000);
  const seconds = Math.floor(micros / 1_000_000);
  return timestampInRange(seconds, (micros - seconds * 1_000_000) * 1000);
}

export function compareTimestamps(a: Timestamp, b: Timestamp): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

export function addDuration(t: Timestamp, d: Duration): Timestamp | EvalError {
  const total = BigInt(t.nanos) + d.nanos;
  let carry = total / BIG_NANOS_PER_SECOND;
  let nanos = total % BIG_NANOS_PER_SECOND;
  if (nanos < 0n) {
    nanos += BIG_NANOS_PER_SECOND;
    carry -= 1n;
  }
  const seconds = BigInt(t.seconds) + carry;
  if (seconds < BigInt(MIN_TIMESTAMP_SECONDS) || seconds > BigInt(MAX_TIMESTAMP_SECONDS)) return new EvalError('timestamp out of range');
  return new Timestamp(Number(seconds), Number(nanos));
}

export function subtractTimestamps(a: Timestamp, b: Timestamp): Duration | EvalError {
  return durationInRange(BigInt(a.seconds - b.seconds) * BIG_NANOS_PER_SECOND + BigInt(a.nanos - b.nanos));
}

export function durationInRange(nanos: bigint): Duration | EvalError {
  return nanos < MIN_INT64 || nanos > MAX_INT64 ? new EvalError('duration out of range') : new Duration(nanos);
}

/** RFC 3339 in UTC with the fraction trimmed of trailing zeros (Go's RFC3339Nano, as cel-go prints). */
export function formatTimestamp(t: Timestamp): string {
  const days = Math.floor(t.seconds / 86400);
  const secondOfDay = t.seconds - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const time = `${pad(Math.floor(secondOfDay / 3600))}:${pad(Math.floor(secondOfDay / 60) % 60)}:${pad(secondOfDay % 60)}`;
  const fraction = t.nanos === 0 ? '' : '.' + pad(t.nanos, 9).replace(/0+$/, '');
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}${fraction}Z`;
}

/** Seconds with a trimmed decimal fraction and an `s` suffix, as CEL's string(duration). */
export function formatDuration(d: Duration): string {
  const negative = d.nanos < 0n;
  const magnitude = negative ? -d.nanos : d.nanos;
  const whole = magnitude / BIG_NANOS_PER_SECOND;
  const fraction = magnitude % BIG_NANOS_PER_SECOND;
  const decimals = fraction === 0n ? '' : '.' + String(fraction).padStart(9, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${decimals}s`;
}

const UNIT_NANOS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n], ['us', 1_000n], ['µs', 1_000n], ['μs', 1_000n], ['ms', 1_000_000n],
  ['s', BIG_NANOS_PER_SECOND], ['m', 60n * BIG_NANOS_PER_SECOND], ['h', 3600n * BIG_NANOS_PER_SECOND],
]);

// Units people write that Go's syntax lacks; they only feed the "did you mean" suggestion.
const UNIT_ALIASES: ReadonlyMap<string, bigint> = new Map([
  ['d', 86_400n * BIG_NANOS_PER_SECOND], ['day', 86_400n * BIG_NANOS_PER_SECOND], ['days', 86_400n * BIG_NANOS_PER_SECOND],
  ['w', 604_800n * BIG_NANOS_PER_SECOND], ['week', 604_800n * BIG_NANOS_PER_SECOND], ['weeks', 604_800n * BIG_NANOS_PER_SECOND],
  ['hr', 3600n * BIG_NANOS_PER_SECOND], ['hrs', 3600n * BIG_NANOS_PER_SECOND], ['hour', 3600n * BIG_NANOS_PER_SECOND], ['hours', 3600n * BIG_NANOS_PER_SECOND],
  ['min', 60n * BIG_NANOS_PER_SECOND], ['mins', 60n * BIG_NANOS_PER_SECOND], ['minute', 60n * BIG_NANOS_PER_SECOND], ['minutes', 60n * BIG_NANOS_PER_SECOND],
  ['sec', BIG_NANOS_PER_SECOND], ['secs', BIG_NANOS_PER_SECOND], ['second', BIG_NANOS_PER_SECOND], ['seconds', BIG_NANOS_PER_SECOND],
  ['msec', 1_000_000n], ['usec', 1_000n], ['nsec', 1n],
]);

const COMPONENT = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/**
 * Parses Go's duration syntax `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` (or a bare `0`), exactly: each
 * component's fraction is scaled with integer arithmetic, and the total must fit int64 ns.
 */
export function parseDuration(text: string): Parsed<Duration, DurationProblem> {
  const scanned = scanDuration(text, UNIT_NANOS);
  if (scanned.ok) return scanned;
  if (scanned.problem.kind !== 'unknown-unit') return scanned;
  const suggestion = scanDuration(text, new Map([...UNIT_NANOS, ...UNIT_ALIASES]));
  return suggestion.ok
    ? { ok: false, problem: { ...scanned.problem, suggestion: formatDurationCompact(suggestion.value) } }
    : scanned;
}

function scanDuration(text: string, units: ReadonlyMap<string, bigint>): Parsed<Duration, DurationProblem> {
  let rest = text;
  const negative = rest.startsWith('-');
  if (negative || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return { ok: true, value: new Duration(0n) };
  if (rest === '') return { ok: false, problem: { kind: 'format' } };
  let total = 0n;
  while (rest !== '') {
    const m = COMPONENT.exec(rest) as RegExpExecArray;
    const [all, whole = '', fraction, unit = ''] = m;
    if (whole === '' && (fraction ?? '') === '') return { ok: false, problem: { kind: 'format' } };
    if (unit === '') return { ok: false, problem: { kind: 'missing-unit' } };
    const scale = units.get(unit);
    if (scale === undefined) return { ok: false, problem: { kind: 'unknown-unit', unit } };
    const digits = fraction ?? '';
    total += BigInt(whole || '0') * scale + (BigInt(digits || '0') * scale) / 10n ** BigInt(digits.length);
    // Bounds the work on absurd inputs: once past int64 the answer is fixed.
    if (total > MAX_INT64 + 1n) return { ok: false, problem: { kind: 'range' } };
    rest = rest.slice(all.length);
  }
  const signed = negative ? -total : total;
  return signed < MIN_INT64 || signed > MAX_INT64 ? { ok: false, problem: { kind: 'range' } } : { ok: true, value: new Duration(signed) };
}

/** `36h`, `1h30m`, `1.5s`, `-10s`: the shortest Go-syntax spelling, for suggestions. */
export function formatDurationCompact(d: Duration): string {
  const negative = d.nanos < 0n;
  let rest = negative ? -d.nanos : d.nanos;
  const hours = rest / (3600n * BIG_NANOS_PER_SECOND);
  rest -= hours * 3600n * BIG_NANOS_PER_SECOND;
  const minutes = rest / (60n * BIG_NANOS_PER_SECOND);
  rest -= minutes * 60n * BIG_NANOS_PER_SECOND;
  let text = (hours > 0n ? `${hours}h` : '') + (minutes > 0n ? `${minutes}m` : '');
  if (rest > 0n || text === '') text += formatDuration(new Duration(rest));
  return (negative ? '-' : '') + text;
}

const TIMESTAMP_FORMAT = 'Not RFC 3339; expected `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, e.g. `2026-03-14T17:00:00Z`.';

/** The spec's wording for `kfl/invalid-timestamp` (spec §11.7). */
export function describeTimestampProblem(problem: TimestampProblem): string {
  switch (problem.kind) {
    case 'format': return TIMESTAMP_FORMAT;
    case 'field': return `Not a valid date and time: the ${problem.field} is out of range.`;
    case 'range': return 'Timestamp out of range; CEL timestamps span 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.';
  }
}

/** The spec's wording for `kfl/invalid-duration` (spec §11.7). */
export function describeDurationProblem(problem: DurationProblem): string {
  switch (problem.kind) {
    case 'format': return 'Not a duration; write decimal numbers with units h, m, s, ms, us, ns, e.g. `"5m"` or `"1h30m"`.';
    case 'missing-unit': return 'Missing unit; durations use h, m, s, ms, us, ns, e.g. `"5m"`.';
    case 'unknown-unit': {
      const known = `Unknown unit \`${problem.unit}\`; durations use h, m, s, ms, us, ns.`;
      return problem.suggestion === undefined ? known : `${known} Did you mean \`duration("${problem.suggestion}")\`?`;
    }
    case 'range': return 'Duration out of range (about ±292 years).';
  }
}
