/**
 * Short forms of times for tree descriptions, built on the product's display convention
 * (kfl/localTime): the date only when it is not today, milliseconds only when present, the zone
 * abbreviation once. Tooltips use the full `local (UTC)` form of formatLocalWithUtc.
 */
import { civilTimeIn, type CivilTime, zoneAbbreviation } from '../../kfl/localTime';
import { type TimeWindow } from '../client/model';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dateOf = (t: CivilTime): string => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;

function clock(ms: number, t: CivilTime, withMillis: boolean): string {
  const millis = ((ms % 1000) + 1000) % 1000;
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${withMillis ? `.${pad(millis, 3)}` : ''}`;
}

/** `17:00:00–18:00:00 IST`, `2026-03-14 17:00:00–18:00:00 IST`, `2026-03-14 23:00:00–2026-03-15 01:00:00 IST`. */
export function compactWindow(window: TimeWindow, zone: string, now: number): string {
  const start = civilTimeIn(window.start, zone);
  const end = civilTimeIn(window.end, zone);
  const today = dateOf(civilTimeIn(now, zone));
  const withMillis = window.start % 1000 !== 0 || window.end % 1000 !== 0;
  const startDate = dateOf(start) === today ? '' : `${dateOf(start)} `;
  const endDate = dateOf(end) === dateOf(start) ? '' : `${dateOf(end)} `;
  return `${startDate}${clock(window.start, start, withMillis)}–${endDate}${clock(window.end, end, withMillis)} ${zoneAbbreviation(window.end, zone)}`;
}

/** `17:00:00 IST`, or with the date when it is not today. */
export function compactInstant(ms: number, zone: string, now: number): string {
  const t = civilTimeIn(ms, zone);
  const date = dateOf(t) === dateOf(civilTimeIn(now, zone)) ? '' : `${dateOf(t)} `;
  return `${date}${clock(ms, t, ms % 1000 !== 0)} ${zoneAbbreviation(ms, zone)}`;
}

/**
 * A window as text the window input reads back (`2026-03-14 17:00 – 18:05`), widened to whole
 * minutes: the suggestion the Create Snapshot input starts with.
 */
export function windowInputText(window: TimeWindow, zone: string): string {
  const start = civilTimeIn(Math.floor(window.start / 60_000) * 60_000, zone);
  const endMs = Math.ceil((window.end + 1) / 60_000) * 60_000;
  const end = civilTimeIn(endMs, zone);
  const endDate = dateOf(end) === dateOf(start) ? '' : `${dateOf(end)} `;
  return `${dateOf(start)} ${pad(start.hour)}:${pad(start.minute)} – ${endDate}${pad(end.hour)}:${pad(end.minute)}`;
}
