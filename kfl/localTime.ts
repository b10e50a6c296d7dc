/**
 * Local time for people, UTC for machines (design.md): timestamps shown in hover and in quick-fix
 * titles read `2026-03-14 22:30:00 IST (17:00:00 UTC)`. Pure Intl, with an explicit IANA zone so
 * results do not depend on the machine; an unknown zone falls back to UTC rather than throwing.
 */

export interface CivilTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The process's zone, or UTC. */
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `zone` when Intl knows it, else UTC. */
export function validZone(zone: string | undefined): string {
  if (zone === undefined) return defaultTimeZone();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** Wall-clock fields of an instant in a zone. */
export function civilTimeIn(ms: number, zone: string): CivilTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

// English locales whose short zone names differ; the first that is not a bare GMT offset wins,
// so Asia/Kolkata reads IST and Europe/Berlin CET rather than GMT+5:30 and GMT+1.
const NAME_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];

/** Short name of the zone at an instant: `IST`, `CET`, `EDT`, else `GMT+9`. */
export function zoneAbbreviation(ms: number, zone: string): string {
  let fallback = zone;
  for (const locale of NAME_LOCALES) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
    if (name === undefined) continue;
    if (!/^GMT[+-]/.test(name)) return name;
    if (fallback === zone) fallback = name;
  }
  return fallback;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dateText = (t: CivilTime): string => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
const timeText = (t: CivilTime, fraction: string): string => `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${fraction}`;

/**
 * `2026-03-14 22:30:00 IST (17:00:00 UTC)`; the UTC part carries its date when it differs from the
 * local one. Given `now`, the local date is left out for a time on the same local day, as people
 * read a clock (`22:30:00 IST (17:00:00 UTC)`); without it (reports, hovers that outlive the day)
 * the date is always there. Where local time is UTC it is shown once: `17:00:00 UTC`.
 * Milliseconds appear only when present.
 */
export function formatLocalWithUtc(ms: number, timeZone?: string, now?: number): string {
  const zone = validZone(timeZone);
  const millis = ((ms % 1000) + 1000) % 1000;
  const fraction = millis === 0 ? '' : `.${pad(Math.floor(millis), 3)}`;
  const local = civilTimeIn(ms, zone);
  const utc = civilTimeIn(ms, 'UTC');
  const localDate = now !== undefined && dateText(civilTimeIn(now, zone)) === dateText(local) ? '' : `${dateText(local)} `;
  if (timeText(local, '') === timeText(utc, '') && dateText(local) === dateText(utc)) return `${localDate}${timeText(utc, fraction)} UTC`;
  const utcText = dateText(local) === dateText(utc) ? timeText(utc, fraction) : `${dateText(utc)} ${timeText(utc, fraction)}`;
  return `${localDate}${timeText(local, fraction)} ${zoneAbbreviation(ms, zone)} (${utcText} UTC)`;
}

/** The instant at which the zone's wall clock shows `t` (the earlier one in a DST overlap). */
export function civilToUtcMs(t: CivilTime, timeZone?: string): number {
  const zone = validZone(timeZone);
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const offsetAt = (ms: number): number => {
    const c = civilTimeIn(ms, zone);
    return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(ms / 1000) * 1000;
  };
  // Two rounds settle on the offset in force at the result, also across a DST change.
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/** RFC 3339 UTC text of an instant: `2026-03-14T17:00:00Z` (fraction only when present). */
export function rfc3339Utc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * A wall-clock time as people (and KFL v1's `datetime()`) write it: `3/14/2026, 5:00:00 PM`
 * (US order, 12- or 24-hour) or `2026-03-14 17:00[:00]` (also with `T`). Undefined otherwise.
 */
export function parseLocalDateTime(text: string): CivilTime | undefined {
  const us = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s*$/.exec(text);
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  let fields: number[];
  let meridiem: string | undefined;
  if (us) {
    fields = [us[3], us[1], us[2], us[4], us[5], us[6] ?? '0'].map(Number);
    meridiem = us[7]?.toUpperCase();
  } else if (iso) {
    fields = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6] ?? '0'].map(Number);
  } else {
    return undefined;
  }
  const [year, month, day, clockHour, minute, second] = fields;
  if (meridiem && (clockHour < 1 || clockHour > 12)) return undefined;
  const hour = meridiem ? (clockHour % 12) + (meridiem === 'PM' ? 12 : 0) : clockHour;
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate() && hour <= 23 && minute <= 59 && second <= 59;
  return valid ? { year, month, day, hour, minute, second } : undefined;
}
