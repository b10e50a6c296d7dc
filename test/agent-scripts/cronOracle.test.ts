import assert from 'node:assert/strict';
import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { validateCron } from '../../agent-scripts/index';

/**
 * Differential test of the cron validator against cron-parser (the library the hover uses to
 * compute runs) on random expressions of the spec's grammar: both accept or both reject, and when
 * they accept, every field selects the same values. Left out are the three places where spec §5 is
 * stricter than cron-parser by design: `?` outside the day fields, steps beyond a field's span,
 * and `7` for Sunday (also reached by a weekday `a/s`). Where cron-parser alone refuses an
 * expression (below), ours must accept it.
 */
const FIELDS = [
  { min: 0, max: 59, names: [] as string[], question: false },
  { min: 0, max: 59, names: [], question: false },
  { min: 0, max: 23, names: [], question: false },
  { min: 1, max: 31, names: [], question: true },
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], question: false },
  { min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], question: true },
];

function fieldArbitrary(f: (typeof FIELDS)[number], index: number): fc.Arbitrary<string> {
  // Mostly in range; now and then one past either end, so both sides must reject it (never 7 for the weekday).
  const inRange = fc.integer({ min: f.min, max: f.max });
  const edges = [f.min - 1, f.max + 1].filter((v) => v >= 0 && !(index === 5 && v === 7));
  const number = edges.length === 0 ? inRange : fc.oneof({ arbitrary: inRange, weight: 60 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });
  const spell = (n: number, named: boolean): string => {
    const name = f.names[n - f.min];
    return named && name ? (n % 2 ? name : name.toLowerCase()) : String(n);
  };
  const value = fc.tuple(number, fc.boolean()).map(([n, named]) => spell(n, named));
  const range = fc.tuple(number, number, fc.boolean(), fc.nat(29)).map(([a, b, named, reversed]) => {
    const [lo, hi] = (reversed === 0) === a <= b ? [b, a] : [a, b];
    return `${spell(lo, named)}-${spell(hi, named)}`;
  });
  const step = fc.integer({ min: 1, max: f.max - f.min + 1 }).map((s) => `/${s}`);
  const base = fc.oneof(fc.constant('*'), ...(f.question ? [fc.constant('?')] : []), value, range);
  // A weekday `a/s` runs to 6 in the spec but to 7 (Sunday again) in cron-parser: not generated.
  const noStep = (b: string): boolean => b === '?' || (index === 5 && b !== '*' && !b.includes('-'));
  const item = fc.tuple(base, fc.option(step, { nil: '' })).map(([b, s]) => (noStep(b) ? b : b + s));
  return fc.array(item, { minLength: 1, maxLength: 2 }).map((items) => items.join(','));
}

const expression = fc.tuple(...FIELDS.map((f, i) => fieldArbitrary(f, i))).map((fields) => fields.join(' '));

const KEYS = ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;

// Two refusals of cron-parser the spec grammar does not make: list items that overlap (ten, and
// every fifth second), and days of month no selected month has (the 30th of February).
const LIBRARY_ONLY = /duplicate values found|Invalid explicit day of month/;

/** Days of month that exist in at least one of the months (February counted with 29). */
function possibleDays(days: readonly number[], months: readonly number[]): number[] {
  const longest = Math.max(...months.map((m) => [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!));
  return days.filter((d) => d <= longest);
}

function oracle(cron: string): number[][] | 'library-only' | undefined {
  try {
    const fields = CronExpressionParser.parse(cron).fields;
    // cron-parser lists Sunday as both 0 and 7.
    return KEYS.map((k, i) => [...new Set((fields[k].values as number[]).map((v) => (i === 5 && v === 7 ? 0 : v)))].sort((a, b) => a - b));
  } catch (e) {
    return e instanceof Error && LIBRARY_ONLY.test(e.message) ? 'library-only' : undefined;
  }
}

describe('agent-scripts: cron validator against cron-parser', () => {
  it('agrees on 5,000 random expressions of the spec grammar', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(expression, (cron) => {
        const ours = validateCron(cron);
        const theirs = oracle(cron);
        if (theirs === 'library-only') {
          assert.ok(ours.ok, `${cron}: valid per spec §5`);
          return;
        }
        if (!ours.ok) rejected++;
        assert.equal(ours.ok, theirs !== undefined, `${cron}: ours ${ours.ok ? 'accepts' : `rejects (${ours.problem.message})`}, cron-parser ${theirs ? 'accepts' : 'rejects'}`);
        if (!ours.ok || !theirs) return;
        accepted++;
        const values = ours.fields.map((field) => [...field.values].sort((a, b) => a - b));
        // cron-parser sometimes drops days no selected month has (the runs are the same): compare the
        // days that can occur.
        values[3] = possibleDays(values[3]!, values[4]!);
        theirs[3] = possibleDays(theirs[3]!, theirs[4]!);
        values.forEach((v, i) => assert.deepEqual(v, theirs[i], `${cron}: field ${KEYS[i]}`));
      }),
      { seed: 0xc201, numRuns: 5_000 },
    );
    assert.ok(accepted >= 500 && rejected >= 500, `${accepted} accepted, ${rejected} rejected: the generator needs both`);
  });
});
