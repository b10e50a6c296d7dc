/**
 * Times of many calls in the product's convention (kfl/localTime: local time with the zone's
 * abbreviation, UTC beside it), fast enough for 100,000 rows: the zone's offset and abbreviation
 * are looked up once per quarter hour (zone transitions fall on quarter hours) and the fields are
 * read from a shifted Date instead of a new Intl formatter per call.
 */
import { civilTimeIn, zoneAbbreviation } from '../../../kfl/localTime';

const QUARTER_HOUR_MS = 15 * 60_000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface ZoneAt {
  readonly offsetMs: number;
  readonly abbreviation: string;
}

export class LocalClock {
  private readonly _zones = new Map<number, ZoneAt>();
  private readonly _today: string;

  constructor(readonly zone: string, now: number) {
    this._today = this._date(now, this._zoneAt(now).offsetMs);
  }

  /** `15:03:22.123 IST`, with the date in front when it is not today. */
  cell(ms: number): string {
    const { offsetMs, abbreviation } = this._zoneAt(ms);
    const date = this._date(ms, offsetMs);
    return `${date === this._today ? '' : `${date} `}${this._clock(ms + offsetMs, true)} ${abbreviation}`;
  }

  /** `2026-03-14 22:30:00.123 IST (17:00:00.123 UTC)`: formatLocalWithUtc's dated form (`… UTC` once where local time is UTC). */
  full(ms: number): string {
    const { offsetMs, abbreviation } = this._zoneAt(ms);
    const withMillis = ((ms % 1000) + 1000) % 1000 !== 0;
    const localDate = this._date(ms, offsetMs);
    const utcDate = this._date(ms, 0);
    const utc = `${utcDate === localDate ? '' : `${utcDate} `}${this._clock(ms, withMillis)} UTC`;
    if (offsetMs === 0) return `${localDate} ${utc}`;
    return `${localDate} ${this._clock(ms + offsetMs, withMillis)} ${abbreviation} (${utc})`;
  }

  private _zoneAt(ms: number): ZoneAt {
    const key = Math.floor(ms / QUARTER_HOUR_MS);
    let zone = this._zones.get(key);
    if (!zone) {
      const start = key * QUARTER_HOUR_MS;
      const civil = civilTimeIn(start, this.zone);
      const offsetMs = Date.UTC(civil.year, civil.month - 1, civil.day, civil.hour, civil.minute, civil.second) - start;
      zone = { offsetMs, abbreviation: zoneAbbreviation(start, this.zone) };
      this._zones.set(key, zone);
    }
    return zone;
  }

  private _date(ms: number, offsetMs: number): string {
    const d = new Date(ms + offsetMs);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }

  private _clock(shifted: number, withMillis: boolean): string {
    const d = new Date(shifted);
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${withMillis ? `.${pad(d.getUTCMilliseconds(), 3)}` : ''}`;
  }
}
