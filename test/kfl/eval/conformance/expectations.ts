// Recorded results of an upstream suite: which tests are excluded (counted per reason), how many
// pass per section, and the names of the tests known to fail. The tests compare a fresh run with
// the record, so a test that passed must keep passing, and a known failure that starts passing is
// reported too (the record must then be updated, keeping it true). Update with
// `KFL_CONFORMANCE_UPDATE=1 npx mocha … <suite>.test.js`.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface Outcome {
  /** `section/subsection`. */
  readonly section: string;
  /** Unique within the suite: `section/subsection/test`. */
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed; empty when it passed. */
  readonly detail: string;
}

export interface SuiteRecord {
  source: string;
  excluded: Record<string, number>;
  sections: Record<string, { tests: number; passed: number }>;
  failures: Record<string, string>;
}

export const UPDATING = process.env.KFL_CONFORMANCE_UPDATE === '1';

export function summarize(source: string, excluded: Map<string, number>, outcomes: readonly Outcome[]): SuiteRecord {
  const sections: SuiteRecord['sections'] = {};
  const failures: SuiteRecord['failures'] = {};
  for (const outcome of outcomes) {
    const counts = (sections[outcome.section] ??= { tests: 0, passed: 0 });
    counts.tests++;
    if (outcome.passed) counts.passed++;
    else failures[outcome.name] = outcome.detail;
  }
  return { source, excluded: Object.fromEntries([...excluded].sort(([a], [b]) => a.localeCompare(b))), sections, failures };
}

export function readRecord(file: string): SuiteRecord | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SuiteRecord) : undefined;
}

export function writeRecord(file: string, record: SuiteRecord): void {
  writeFileSync(file, `${JSON.stringify(record, undefined, 2)}\n`);
}

/** Registers the mocha tests that hold a fresh run to the record (or rewrites the record when updating). */
export function describeAgainstRecord(file: string, fresh: SuiteRecord, outcomes: readonly Outcome[]): void {
  if (UPDATING) {
    it(`records ${file}`, () => writeRecord(file, fresh));
    return;
  }
  const recorded = readRecord(file);
  it('has a recorded expectation file', () => assert.ok(recorded, `missing ${file}; run with KFL_CONFORMANCE_UPDATE=1`));
  if (recorded === undefined) return;
  it('selects the same subset (exclusions per reason)', () => {
    assert.equal(fresh.source, recorded.source);
    assert.deepEqual(fresh.excluded, recorded.excluded);
  });
  const sections = [...new Set([...Object.keys(fresh.sections), ...Object.keys(recorded.sections)])];
  for (const section of sections) {
    const counts = fresh.sections[section] ?? { tests: 0, passed: 0 };
    it(`${section}: ${counts.passed}/${counts.tests} pass`, () => {
      const mine = outcomes.filter((o) => o.section === section);
      const regressions = mine.filter((o) => !o.passed && !(o.name in recorded.failures)).map((o) => `${o.name}: ${o.detail}`);
      const fixed = mine.filter((o) => o.passed && o.name in recorded.failures).map((o) => o.name);
      assert.deepEqual(regressions, [], 'tests that passed before fail now');
      assert.deepEqual(fixed, [], 'known failures pass now: update the record (KFL_CONFORMANCE_UPDATE=1)');
      assert.deepEqual(counts, recorded.sections[section], 'section size or pass count changed');
    });
  }
}
