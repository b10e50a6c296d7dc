/**
 * A time window typed in local time, converted to UTC milliseconds (hub-api.md §7). Forms:
 *
 *   window   := 'last' duration                      last 1h · last 15m · last 1h30m
 *             | point separator point                2026-03-14 17:00 – 18:00 · yesterday 17:00-18:00
 *             | day                                  yesterday · 2026-03-14 (the whole day)
 *   point    := [day] time | day | 'now'
 *   day      := yyyy-mm-dd | 'today' | 'yesterday'
 *   time     := HH:MM[:SS[.mmm]]
 *   separator:= '–' | '—' | '-' | '..' | 'to' | 'until'
 *
 * A start without a day is today; an end without a day is on the start's day, or the next day when
 * it would otherwise end before it starts. Wall times that do not exist (DST gap) or happen twice
 * (DST overlap) are resolved and reported in `notes`, so the UI can ask for confirmation. Pure:
 * the zone and "now" are parameters; errors are values with an offset into the text.
 */
import { DateTime } from 'luxon';
import { type TimeWindow } from '../client/model';
import { scanWindow, type WindowToken } from './windowScanner';

export interface WindowParseOptions {
  /** IANA zone the person types in. */
  readonly zone: string;
  /** Unix ms of "now". */
  readonly now: number;
}

export type WindowParse =
  | {
    readonly ok: true;
    readonly window: TimeWindow;
    /** Why the result may not be what the person meant: a missing date, a DST gap or repeat, a next-day end. */
    readonly notes: readonly string[];
  }
  | { readonly ok: false; readonly message: string; readonly offset: number; readonly length: number };

type DayToken = Extract<WindowToken, { kind: 'date' }> | Extract<WindowToken, { kind: 'word' }>;
type TimeToken = Extract<WindowToken, { kind: 'time' }>;

interface Point {
  day?: DayToken;
  time?: TimeToken;
  now?: boolean;
  offset: number;
  length: number;
}

class WindowError {
  constructor(readonly message: string, readonly offset: number, readonly length: number) {}
}

const EXAMPLES = 'e.g. 2026-03-14 17:00 – 18:00, yesterday 17:00-18:00 or last 1h';

export function parseWindow(text: string, options: WindowParseOptions): WindowParse {
  const scanned = scanWindow(text);
  if (!scanned.ok) return scanned;
  try {
    return { ok: true, ...interpret(scanned.tokens, text.length, options) };
  } catch (e) {
    if (e instanceof WindowError) return { ok: false, message: e.message, offset: e.offset, length: e.length };
    throw e;
  }
}

function interpret(tokens: readonly WindowToken[], textLength: number, options: WindowParseOptions): { window: TimeWindow; notes: string[] } {
  if (tokens.length === 0) throw new WindowError(`Type a time window, ${EXAMPLES}`, 0, 0);
  const first = tokens[0]!;
  if (first.kind === 'word' && first.word === 'last') return lastDuration(tokens, textLength, options);

  let index = 0;
  const point = (): Point | undefined => {
    const token = tokens[index];
    if (token?.kind === 'word' && token.word === 'now') {
      index++;
      return { now: true, offset: token.offset, length: token.length };
    }
    let day: DayToken | undefined;
    if (token && (token.kind === 'date' || (token.kind === 'word' && (token.word === 'today' || token.word === 'yesterday')))) {
      day = token;
      index++;
    }
    const next = tokens[index];
    const time = next?.kind === 'time' ? next : undefined;
    if (time) index++;
    if (!day && !time) return undefined;
    const start = (day ?? time)!;
    const end = (time ?? day)!;
    return { day, time, offset: start.offset, length: end.offset + end.length - start.offset };
  };

  const from = point();
  if (!from) throw unexpected(tokens[0], textLength, `a date, a time or 'last'`);
  const separator = tokens[index];
  if (separator === undefined) {
    if (from.day && !from.time) return wholeDay(from.day, options);
    throw new WindowError(`Give an end too, ${EXAMPLES}`, textLength, 0);
  }
  if (separator.kind !== 'separator' && !(separator.kind === 'word' && separator.word === 'to')) {
    throw unexpected(separator, textLength, `'–' or 'to' between start and end`);
  }
  index++;
  const to = point();
  if (!to) throw unexpected(tokens[index], textLength, 'an end time');
  if (index < tokens.length) throw unexpected(tokens[index], textLength, 'nothing more');
  return range(from, to, options);
}

function lastDuration(tokens: readonly WindowToken[], textLength: number, options: WindowParseOptions): { window: TimeWindow; notes: string[] } {
  const duration = tokens[1];
  if (duration?.kind !== 'duration') throw unexpected(duration, textLength, 'a duration such as 15m, 1h or 2d');
  if (tokens.length > 2) throw unexpected(tokens[2], textLength, 'nothing more');
  if (duration.ms <= 0) throw new WindowError('The duration must be longer than 0', duration.offset, duration.length);
  return { window: { start: options.now - duration.ms, end: options.now }, notes: [] };
}

function wholeDay(day: DayToken, options: WindowParseOptions): { window: TimeWindow; notes: string[] } {
  const date = dayOf(day, options);
  const start = date.startOf('day');
  return { window: { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() - 1 }, notes: [] };
}

function range(from: Point, to: Point, options: WindowParseOptions): { window: TimeWindow; notes: string[] } {
  const notes: string[] = [];
  const startDay = from.day ? dayOf(from.day, options) : today(options);
  if (!from.day && !from.now) notes.push(`No date given: ${startDay.toISODate() ?? ''} (today) is assumed`);
  const start = from.now ? options.now : instant(startDay, from.time, 'start', notes, options);

  let end: number;
  if (to.now) {
    end = options.now;
  } else {
    const endDay = to.day ? dayOf(to.day, options) : from.now ? today(options) : startDay;
    end = instant(endDay, to.time, 'end', notes, options);
    if (end < start && !to.day) {
      // "23:00 – 01:00" crosses midnight.
      end = instant(endDay.plus({ days: 1 }), to.time, 'end', notes, options);
      notes.push('The end is earlier in the day than the start: the window ends the next day');
    }
  }
  if (end < start) throw new WindowError('The window ends before it starts', to.offset, to.length);
  return { window: { start, end }, notes };
}

function today(options: WindowParseOptions): DateTime {
  return DateTime.fromMillis(options.now, { zone: options.zone }).startOf('day');
}

function dayOf(token: DayToken, options: WindowParseOptions): DateTime {
  if (token.kind === 'word') return token.word === 'yesterday' ? today(options).minus({ days: 1 }) : today(options);
  const date = DateTime.fromObject({ year: token.year, month: token.month, day: token.day }, { zone: options.zone });
  if (!date.isValid) throw new WindowError(`${token.year}-${pad(token.month)}-${pad(token.day)} is not a date`, token.offset, token.length);
  return date.startOf('day');
}

/**
 * The instant of a wall time on a day. A day without a time means its start (for a window's
 * start) or its last millisecond (for its end). In a DST overlap the start takes the earlier and
 * the end the later instant, so the window covers what the person may have meant.
 */
function instant(day: DateTime, time: TimeToken | undefined, role: 'start' | 'end', notes: string[], options: WindowParseOptions): number {
  if (!time) return role === 'start' ? day.startOf('day').toMillis() : day.plus({ days: 1 }).startOf('day').toMillis() - 1;
  if (time.hour > 23 || time.minute > 59 || time.second > 59) {
    throw new WindowError(`${text(time)} is not a time of day (00:00–23:59)`, time.offset, time.length);
  }
  const wall = { year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute, second: time.second, millisecond: time.millisecond };
  const resolved = DateTime.fromObject(wall, { zone: options.zone });
  if (resolved.hour !== time.hour || resolved.minute !== time.minute) {
    notes.push(`${text(time)} does not exist on ${day.toISODate() ?? ''} in ${options.zone} (the clocks move forward); ${resolved.toFormat('HH:mm ZZZZ')} is used`);
    return resolved.toMillis();
  }
  const candidates = resolved.getPossibleOffsets();
  if (candidates.length > 1) {
    const sorted = candidates.map((c) => c.toMillis()).sort((a, b) => a - b);
    const chosen = role === 'start' ? sorted[0]! : sorted[sorted.length - 1]!;
    const label = DateTime.fromMillis(chosen, { zone: options.zone }).toFormat('ZZZZ');
    notes.push(`${text(time)} happens twice on ${day.toISODate() ?? ''} in ${options.zone} (the clocks move back); the ${role} uses the ${role === 'start' ? 'first' : 'second'} one (${label})`);
    return chosen;
  }
  return resolved.toMillis();
}

function unexpected(token: WindowToken | undefined, textLength: number, expected: string): WindowError {
  if (!token) return new WindowError(`Expected ${expected} at the end`, textLength, 0);
  return new WindowError(`Expected ${expected} here`, token.offset, token.length);
}

function text(time: TimeToken): string {
  return `${pad(time.hour)}:${pad(time.minute)}${time.second ? `:${pad(time.second)}` : ''}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
