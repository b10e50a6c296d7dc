// Local time with UTC beside it (design.md), in explicit IANA zones.
import assert from 'node:assert/strict';
import { timestampLiteral } from '../../kfl/index';
import { civilToUtcMs, formatLocalWithUtc, rfc3339Utc, zoneAbbreviation } from '../../kfl/localTime';

const at = (iso: string): number => Date.parse(iso);

describe('localTime', () => {
  it('formats local time with the zone name and UTC in parentheses', () => {
    assert.equal(formatLocalWithUtc(at('2026-03-14T17:00:00Z'), 'Asia/Kolkata'), '2026-03-14 22:30:00 IST (17:00:00 UTC)');
    assert.equal(formatLocalWithUtc(at('2026-07-01T12:00:00Z'), 'Europe/Berlin'), '2026-07-01 14:00:00 CEST (12:00:00 UTC)');
    assert.equal(formatLocalWithUtc(at('2026-01-01T12:00:00Z'), 'America/New_York'), '2026-01-01 07:00:00 EST (12:00:00 UTC)');
  });

  it('adds the UTC date when it differs, and milliseconds when present', () => {
    assert.equal(formatLocalWithUtc(at('2026-03-14T23:30:00.250Z'), 'Asia/Tokyo'), '2026-03-15 08:30:00.250 GMT+9 (2026-03-14 23:30:00.250 UTC)');
  });

  it('falls back to UTC for an unknown zone instead of throwing', () => {
    assert.equal(formatLocalWithUtc(at('2026-03-14T17:00:00Z'), 'Not/AZone'), '2026-03-14 17:00:00 UTC');
  });

  it('shows a time once where local time is UTC', () => {
    assert.equal(formatLocalWithUtc(at('2026-03-14T17:00:00Z'), 'UTC'), '2026-03-14 17:00:00 UTC');
    assert.equal(formatLocalWithUtc(at('2026-01-14T17:00:00.5Z'), 'Europe/London'), '2026-01-14 17:00:00.500 UTC');
    assert.equal(formatLocalWithUtc(at('2026-07-14T17:00:00Z'), 'Europe/London'), '2026-07-14 18:00:00 BST (17:00:00 UTC)');
  });

  it('leaves the date out for a time on the same local day as now', () => {
    const now = at('2026-03-14T12:00:00Z'); // 17:30 IST
    assert.equal(formatLocalWithUtc(at('2026-03-14T12:03:22Z'), 'Asia/Kolkata', now), '17:33:22 IST (12:03:22 UTC)');
    assert.equal(formatLocalWithUtc(at('2026-03-13T19:00:00Z'), 'Asia/Kolkata', now), '00:30:00 IST (2026-03-13 19:00:00 UTC)', 'local today, UTC yesterday');
    assert.equal(formatLocalWithUtc(at('2026-03-13T12:00:00Z'), 'Asia/Kolkata', now), '2026-03-13 17:30:00 IST (12:00:00 UTC)');
    assert.equal(formatLocalWithUtc(at('2026-03-14T17:00:00Z'), 'UTC', now), '17:00:00 UTC');
  });

  it('names zones by abbreviation where English locales have one', () => {
    assert.equal(zoneAbbreviation(at('2026-01-15T00:00:00Z'), 'Australia/Sydney'), 'AEDT');
    assert.equal(zoneAbbreviation(at('2026-01-15T00:00:00Z'), 'UTC'), 'UTC');
  });

  it('turns a wall-clock time in a zone into UTC, across DST', () => {
    assert.equal(rfc3339Utc(civilToUtcMs({ year: 2026, month: 3, day: 14, hour: 22, minute: 30, second: 0 }, 'Asia/Kolkata')), '2026-03-14T17:00:00Z');
    assert.equal(rfc3339Utc(civilToUtcMs({ year: 2026, month: 7, day: 1, hour: 14, minute: 0, second: 0 }, 'Europe/Berlin')), '2026-07-01T12:00:00Z');
    assert.equal(rfc3339Utc(civilToUtcMs({ year: 2026, month: 1, day: 1, hour: 7, minute: 0, second: 0 }, 'America/New_York')), '2026-01-01T12:00:00Z');
    assert.equal(rfc3339Utc(civilToUtcMs({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, 'America/New_York')), '2026-11-01T05:30:00Z', 'the earlier of two in the overlap');
  });

  it('writes RFC 3339 UTC with a fraction only when there is one', () => {
    assert.equal(rfc3339Utc(at('2026-03-14T17:00:00Z')), '2026-03-14T17:00:00Z');
    assert.equal(rfc3339Utc(at('2026-03-14T17:00:00.5Z')), '2026-03-14T17:00:00.500Z');
  });
});

describe('Insert time… (timestampLiteral)', () => {
  it('turns a local time typed in a zone into an RFC 3339 UTC literal, showing both', () => {
    assert.deepEqual(timestampLiteral('2026-03-14 22:30', 'Asia/Kolkata'), { literal: 'timestamp("2026-03-14T17:00:00Z")', display: '2026-03-14 22:30:00 IST (17:00:00 UTC)' });
    assert.equal(timestampLiteral('3/14/2026, 5:00:00 PM', 'UTC')?.literal, 'timestamp("2026-03-14T17:00:00Z")');
    assert.equal(timestampLiteral('2026-03-14T09:15:30', 'America/Los_Angeles')?.literal, 'timestamp("2026-03-14T16:15:30Z")');
  });

  it('refuses what is not a date and time', () => {
    for (const text of ['yesterday', '2026-02-30 10:00', '13/01/2026 10:00', '3/14/2026 13:00 PM', '']) assert.equal(timestampLiteral(text, 'UTC'), undefined, text);
  });
});
