/**
 * Short forms of times for tree descriptions and pickers, in the product's convention (local time
 * with UTC beside it, kfl/localTime): the date only when it is not today (for UTC: when it differs
 * from the local date), milliseconds only when present, UTC once when the zone is UTC. A single
 * instant is formatLocalWithUtc with `now`.
 */
import { civilTimeIn, type CivilTime, zoneAbbreviation } from '../../kfl/localTime';
import { type TimeWindow } from '../client/model';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dateOf = (t: CivilTime): string => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
const sameClock = (a: CivilTime, b: CivilTime): boolean => dateOf(a) === dateOf(b) && a.hour === b.hour && a.minute === b.minute && a.second === b.second;

function clock(ms: number, t: CivilTime, withMillis: boolean): string {
  const millis = ((ms % 1000) + 1000) % 1000;
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${withMillis ? `.${pad(millis, 3)}` : ''}`;
}

/** `start–end`, the start's date unless it is `omitDate`, the end's date when it differs from the start's. */
function range(window: TimeWindow, zone: string, omitDate: string, withMillis: boolean): string {
  const start = civilTimeIn(window.start, zone);
  const end = civilTimeIn(window.end, zone);
  const startDate = dateOf(start) === omitDate ? '' : `${dateOf(start)} `;
  const endDate = dateOf(end) === dateOf(start) ? '' : `${dateOf(end)} `;
  return `${startDate}${clock(window.start, start, withMillis)}–${endDate}${clock(window.end, end, withMillis)}`;
}

/** `17:00:00–18:00:00 IST (11:30:00–12:30:00 UTC)`; in UTC itself `11:30:00–12:30:00 UTC`. */
export function compactWindow(window: TimeWindow, zone: string, now: number): string {
  const withMillis = window.start % 1000 !== 0 || window.end % 1000 !== 0;
  const localStart = civilTimeIn(window.start, zone);
  const local = `${range(window, zone, dateOf(civilTimeIn(now, zone)), withMillis)} ${zoneAbbreviation(window.end, zone)}`;
  if (sameClock(localStart, civilTimeIn(window.start, 'UTC')) && sameClock(civilTimeIn(window.end, zone), civilTimeIn(window.end, 'UTC'))) {
    return local.replace(/ \S+$/, ' UTC');
  }
  return `${local} (${range(window, 'UTC', dateOf(localStart), withMillis)} UTC)`;
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
