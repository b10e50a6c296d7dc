/**
 * Times and durations as Hubs send them (hub-api.md §7, §4.5): numbers are Unix ms; strings in
 * `*_at`/`*_ts`/`timestamp` fields are RFC 3339; durations are ms or Go-style text (`1h`, `59m30s`).
 */
import { DateTime, Duration } from 'luxon';

/** Unix ms from a number (ms) or an RFC 3339 / numeric string; undefined for 0, null or garbage. */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return parseInstant(Number(text));
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds from a number (ms) or a duration text (`1h`, `59m30s`, `1.5s`, `PT1H`). */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (/^P/i.test(text)) {
    const iso = Duration.fromISO(text);
    return iso.isValid ? iso.toMillis() : undefined;
  }
  let total = 0;
  let rest = text;
  for (let i = 0; rest.length > 0 && i < 8; i++) {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
    rest = rest.slice(m[0].length);
  }
  return rest.length === 0 ? total : undefined;
}
