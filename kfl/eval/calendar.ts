// Timestamp accessors (`getHours()`, `getDayOfWeek("Europe/Berlin")`, …) in UTC, a fixed offset
// (`"+05:30"`, `"-02:00"`, `"02:00"`) or an IANA zone. IANA offsets come from Intl (the ICU data
// shipped with Node and browsers), so kfl/ stays free of I/O.
import { civilFromDays, daysFromCivil, type Duration, type Timestamp } from './time';
import { EvalError } from './values';

export type TimestampField =
  | 'getFullYear' | 'getMonth' | 'getDate' | 'getDayOfMonth' | 'getDayOfWeek' | 'getDayOfYear'
  | 'getHours' | 'getMinutes' | 'getSeconds' | 'getMilliseconds';

export type DurationField = 'getHours' | 'getMinutes' | 'getSeconds' | 'getMilliseconds';

/** The calendar field of `t` in `zone` (UTC when omitted), numbered as CEL numbers it. */
export function timestampField(t: Timestamp, field: TimestampField, zone?: string): number | EvalError {
  const offset = zone === undefined ? 0 : zoneOffsetSeconds(zone, t.seconds);
  if (offset instanceof EvalError) return offset;
  const local = t.seconds + offset;
  const days = Math.floor(local / 86400);
  const secondOfDay = local - days * 86400;
  switch (field) {
    case 'getHours': return Math.floor(secondOfDay / 3600);
    case 'getMinutes': return Math.floor(secondOfDay / 60) % 60;
    case 'getSeconds': return secondOfDay % 60;
    case 'getMilliseconds': return Math.floor(t.nanos / 1_000_000);
    case 'getDayOfWeek': return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Sunday is 0
    default: break;
  }
  const { year, month, day } = civilFromDays(days);
  switch (field) {
    case 'getFullYear': return year;
    case 'getMonth': return month - 1;
    case 'getDate': return day;
    case 'getDayOfMonth': return day - 1;
    case 'getDayOfYear': return days - daysFromCivil(year, 1, 1);
  }
}

/** Whole hours, minutes, seconds of a duration; getMilliseconds is the millisecond part only. */
export function durationField(d: Duration, field: DurationField): number {
  const nanos = d.nanos;
  switch (field) {
    case 'getHours': return Number(nanos / 3_600_000_000_000n);
    case 'getMinutes': return Number(nanos / 60_000_000_000n);
    case 'getSeconds': return Number(nanos / 1_000_000_000n);
    case 'getMilliseconds': return Number((nanos % 1_000_000_000n) / 1_000_000n);
  }
}

const FIXED_OFFSET = /^([+-]?)(\d{2}):(\d{2})$/;

// Formatters are costly to build and zone names may come from record data: keep a bounded set.
// Each remembers the offset of the last minute it was asked about, since records arrive in time
// order and Intl's formatToParts costs about a microsecond.
const FORMATTER_LIMIT = 64;
interface ZoneClock {
  readonly formatter: Intl.DateTimeFormat;
  minute: number;
  offset: number;
}
const clocks = new Map<string, ZoneClock>();

// From 1972 on every zone's offset is a whole number of minutes, so it is constant within a UTC
// minute; earlier local mean times had odd seconds.
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1972, 0, 1) / 1000;

/** Seconds to add to UTC to get local time in `zone` at the instant `seconds`. */
function zoneOffsetSeconds(zone: string, seconds: number): number | EvalError {
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed !== null) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3]);
    if (hours > 23 || minutes > 59) return new EvalError(`invalid time zone offset "${zone}"`);
    return (fixed[1] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  }
  const clock = clockFor(zone);
  if (clock === undefined) return new EvalError(`unknown time zone "${zone}"`);
  const minute = Math.floor(seconds / 60);
  if (minute === clock.minute && seconds >= WHOLE_MINUTE_OFFSETS_FROM) return clock.offset;
  const offset = localSecondsOf(clock.formatter, seconds) - seconds;
  clock.minute = minute;
  clock.offset = offset;
  return offset;
}

function clockFor(zone: string): ZoneClock | undefined {
  let clock = clocks.get(zone);
  if (clock !== undefined) return clock;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return undefined; // RangeError: not a zone ICU knows
  }
  if (clocks.size >= FORMATTER_LIMIT) clocks.delete(clocks.keys().next().value as string);
  clock = { formatter, minute: NaN, offset: 0 };
  clocks.set(zone, clock);
  return clock;
}

/** The wall-clock time in the formatter's zone, read back as if it were UTC seconds. */
function localSecondsOf(formatter: Intl.DateTimeFormat, seconds: number): number {
  const fields: Record<string, number> = Object.create(null) as Record<string, number>;
  let beforeChrist = false;
  for (const part of formatter.formatToParts(new Date(seconds * 1000))) {
    if (part.type === 'era') beforeChrist = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = beforeChrist ? 1 - (fields.year ?? 0) : (fields.year ?? 0);
  const days = daysFromCivil(year, fields.month ?? 1, fields.day ?? 1);
  return days * 86400 + (fields.hour ?? 0) * 3600 + (fields.minute ?? 0) * 60 + (fields.second ?? 0);
}
