import assert from 'node:assert/strict';
import { lintScript, validateCron } from '../../agent-scripts/index';
import { fixFirst } from './helpers';

/** Every valid and invalid example of spec §5, with the exact messages. */
const VALID = [
  '0 */1 * * * *', '*/5 * * * * *', '* * * * * *', '0 0 * * * *', '30 15 9 * * MON-FRI',
  '0 */10 8-18 * * 1-5', '15,45 * * * * *', '0 5/15 * * * *', '0 0 0 1 JAN,JUL ?',
];

const INVALID: [string, string][] = [
  ['*/5 * * * *', 'jobs.schedule needs six fields (seconds first); this has five. Did you mean `"0 */5 * * * *"`?'],
  ['0 0 12 * * * 2026', 'Seven fields; years are not supported. Six fields: second minute hour day-of-month month day-of-week.'],
  ['60 * * * * *', 'Second `60` is out of range 0–59.'],
  ['0 0 24 * * *', 'Hour `24` is out of range 0–23.'],
  ['0 0 0 0 * *', 'Day of month `0` is out of range 1–31.'],
  ['0 0 0 * 13 *', 'Month `13` is out of range 1–12 (or JAN–DEC).'],
  ['0 0 0 * * 7', 'Day of week `7` is out of range 0–6; use `0` or `SUN` for Sunday.'],
  ['*/0 * * * * *', 'Step must be at least 1.'],
  ['10-5 * * * * *', 'Range `10-5` is reversed; write `5-10`.'],
  ['0 0 0 * * FUNDAY', 'Unknown day name `FUNDAY`; use SUN, MON, TUE, WED, THU, FRI, SAT.'],
  ['every 5 minutes', 'Not a cron expression.'],
  ['', 'Empty cron expression.'],
];

const schedule = (cron: string): string => `// Cron\nfunction f() {}\njobs.schedule("t", ${JSON.stringify(cron)}, f);\n`;

describe('agent-scripts: jobs.schedule cron (spec §5)', () => {
  for (const cron of VALID) {
    it(`accepts "${cron}"`, () => {
      assert.equal(validateCron(cron).ok, true);
      const rules = lintScript(schedule(cron)).map((f) => f.rule);
      assert.ok(!rules.includes('jobs/cron-invalid'), rules.join());
    });
  }

  for (const [cron, message] of INVALID) {
    it(`rejects "${cron}"`, () => {
      const result = validateCron(cron);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.problem.message, message);
      const findings = lintScript(schedule(cron)).filter((f) => f.rule === 'jobs/cron-invalid');
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [['error', message]]);
    });
  }

  it('computes the values each field selects', () => {
    const r = validateCron('0 5/15 8-10 * JAN,jul mon-FRI');
    assert.ok(r.ok);
    assert.deepEqual([...r.fields[1]!.values], [5, 20, 35, 50]);
    assert.deepEqual([...r.fields[2]!.values], [8, 9, 10]);
    assert.deepEqual([...r.fields[4]!.values], [1, 7]);
    assert.deepEqual([...r.fields[5]!.values], [1, 2, 3, 4, 5]);
  });

  it('points at the field at fault inside the literal', () => {
    const text = schedule('0 0 24 * * *');
    const f = lintScript(text).find((x) => x.rule === 'jobs/cron-invalid')!;
    assert.equal(text.slice(f.start, f.end), '24');
  });

  it('rejects steps beyond the span, `?` outside the day fields, and half ranges', () => {
    const msg = (c: string): string | undefined => { const r = validateCron(c); return r.ok ? undefined : r.problem.message; };
    assert.equal(msg('*/61 * * * * *'), 'Step `61` is larger than the second field\'s span (0–59).');
    assert.equal(msg('? * * * * *'), '`?` is only allowed in day of month and day of week.');
    assert.equal(msg('1- * * * * *'), 'Range `1-` is incomplete.');
    assert.equal(msg('0 0 0 * FOO *'), 'Unknown month name `FOO`; use JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC.');
    assert.equal(msg('1,,2 * * * * *'), 'Empty list item in the second field.');
    assert.equal(msg('* * * *'), 'jobs.schedule needs six fields (seconds first); this has four.');
  });

  it('the five-field quick fix prepends `0 ` and the result is valid', () => {
    const { fixed, after } = fixFirst(schedule('*/5 * * * *'), 'jobs/cron-invalid');
    assert.ok(fixed.includes('"0 */5 * * * *"'));
    assert.deepEqual(after.map((f) => f.rule), []);
  });

  it('checks a cron held in a var initialised with a literal and never reassigned, not one that is reassigned', () => {
    const held = '// Cron\nvar every = "61 * * * * *";\nfunction f() {}\njobs.schedule("t", every, f);\n';
    assert.deepEqual(lintScript(held).map((f) => f.rule), ['jobs/cron-invalid']);
    const reassigned = held.replace('jobs.schedule', 'every = "0 * * * * *";\njobs.schedule');
    assert.deepEqual(lintScript(reassigned).map((f) => f.rule), []);
  });

  it('warns about descriptors and offers the six-field form', () => {
    const { before, fixed, after } = fixFirst(schedule('@every 5s'), 'jobs/cron-descriptor');
    assert.equal(before[0]!.message, 'Cron descriptors are not confirmed to work; use six fields, e.g. `"*/5 * * * * *"`.');
    assert.ok(fixed.includes('"*/5 * * * * *"'));
    assert.deepEqual(after.map((f) => f.rule), []);
    assert.equal(lintScript(schedule('@hourly'))[0]!.message, 'Cron descriptors are not confirmed to work; use six fields, e.g. `"0 0 * * * *"`.');
  });

  it('notes every-second jobs and restricted day-of-month plus day-of-week', () => {
    assert.deepEqual(lintScript(schedule('* * * * * *')).map((f) => [f.rule, f.severity, f.message]), [['jobs/cron-frequent', 'info', 'Runs every second on every node.']]);
    assert.deepEqual(lintScript(schedule('0 0 0 1 * MON')).map((f) => f.rule), ['jobs/cron-dom-dow']);
    assert.deepEqual(lintScript(schedule('0 0 0 1 * ?')).map((f) => f.rule), []);
  });
});
