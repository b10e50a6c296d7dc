/**
 * Tokens of a typed time window ("2026-03-14 17:00 – 18:00", "yesterday 17:00-18:00", "last 1h").
 * Every token keeps its offset so errors can point at the text.
 */

export type WindowToken =
  | { kind: 'date'; year: number; month: number; day: number; offset: number; length: number }
  | { kind: 'time'; hour: number; minute: number; second: number; millisecond: number; offset: number; length: number }
  | { kind: 'duration'; ms: number; offset: number; length: number }
  | { kind: 'word'; word: 'today' | 'yesterday' | 'last' | 'now' | 'to'; offset: number; length: number }
  | { kind: 'separator'; offset: number; length: number };

export type ScanResult = { ok: true; tokens: WindowToken[] } | { ok: false; message: string; offset: number; length: number };

/** Longest input worth reading; a window is a few dozen characters. */
const MAX_WINDOW_TEXT = 200;

const DATE = /(\d{4})-(\d{1,2})-(\d{1,2})T?/iy;
const TIME = /(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?![\d:])/y;
const DURATION_PART = /(\d+(?:\.\d+)?)\s*(ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)(?![a-z])/iy;
const WORD = /[a-z]+/iy;
const SEPARATOR = /–|—|-|\.\./y;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const WORDS = new Set(['today', 'yesterday', 'last', 'now', 'to', 'until']);

function unitOf(name: string): number {
  const n = name.toLowerCase();
  if (n === 'ms' || n.startsWith('milli')) return UNIT_MS.ms!;
  if (n.startsWith('s')) return UNIT_MS.s!;
  if (n.startsWith('m')) return UNIT_MS.m!;
  if (n.startsWith('h')) return UNIT_MS.h!;
  return UNIT_MS.d!;
}

export function scanWindow(text: string): ScanResult {
  if (text.length > MAX_WINDOW_TEXT) return { ok: false, message: `Too long (at most ${MAX_WINDOW_TEXT} characters)`, offset: MAX_WINDOW_TEXT, length: text.length - MAX_WINDOW_TEXT };
  const tokens: WindowToken[] = [];
  let i = 0;
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    return re.exec(text);
  };
  while (i < text.length) {
    if (/\s|,/.test(text[i]!)) {
      i++;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = at(DATE))) {
      tokens.push({ kind: 'date', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), offset: i, length: m[0].length });
    } else if ((m = at(TIME))) {
      tokens.push({ kind: 'time', hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0), millisecond: Number((m[4] ?? '').padEnd(3, '0') || 0), offset: i, length: m[0].length });
    } else if ((m = at(DURATION_PART))) {
      const ms = Number(m[1]) * unitOf(m[2]!);
      const previous = tokens[tokens.length - 1];
      // "1h 30m" and "1h30m" are one duration.
      if (previous?.kind === 'duration') {
        tokens[tokens.length - 1] = { ...previous, ms: previous.ms + ms, length: i + m[0].length - previous.offset };
      } else {
        tokens.push({ kind: 'duration', ms, offset: i, length: m[0].length });
      }
    } else if ((m = at(WORD))) {
      const word = m[0].toLowerCase();
      if (!WORDS.has(word)) return { ok: false, message: `Unknown word '${m[0]}' (expected a date, a time, today, yesterday, last, now or to)`, offset: i, length: m[0].length };
      tokens.push({ kind: 'word', word: word === 'until' ? 'to' : (word as 'today' | 'yesterday' | 'last' | 'now' | 'to'), offset: i, length: m[0].length });
    } else if ((m = at(/\d+/y))) {
      return { ok: false, message: `'${m[0]}' needs a unit or a colon: a time is HH:MM, a duration e.g. 15m or 1h`, offset: i, length: m[0].length };
    } else if ((m = at(SEPARATOR))) {
      tokens.push({ kind: 'separator', offset: i, length: m[0].length });
    } else {
      return { ok: false, message: `Unexpected '${text[i]}'`, offset: i, length: 1 };
    }
    i += m[0].length;
  }
  return { ok: true, tokens };
}
