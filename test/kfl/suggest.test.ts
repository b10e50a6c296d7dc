// Did-you-mean ranking (spec §11.1) and the Damerau–Levenshtein distance behind it.
import assert from 'node:assert/strict';
import { closestNames, damerauLevenshtein } from '../../kfl/check/suggest';

/** Plain Levenshtein, written independently: DL never exceeds it. */
function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

describe('did-you-mean', () => {
  it('computes true Damerau–Levenshtein distances', () => {
    const cases: [string, string, number][] = [
      ['', '', 0], ['', 'abc', 3], ['abc', 'abc', 0], ['ab', 'ba', 1], ['stauts_code', 'status_code', 1],
      ['kitten', 'sitting', 3], ['CA', 'ABC', 2], ['a', 'b', 1], ['abcdef', 'badcfe', 3],
    ];
    for (const [a, b, d] of cases) {
      assert.equal(damerauLevenshtein(a, b), d, `${a} / ${b}`);
      assert.equal(damerauLevenshtein(b, a), d, `${b} / ${a}`);
    }
  });

  it('never exceeds Levenshtein and never goes below half of it (random strings)', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (): string => Array.from({ length: Math.floor(random() * 7) }, () => 'abc'[Math.floor(random() * 3)]).join('');
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [word(), word()];
      const dl = damerauLevenshtein(a, b);
      const l = levenshtein(a, b);
      assert.ok(dl <= l && dl * 2 >= l, `${a} / ${b}: ${dl} vs ${l}`);
    }
  });

  it('stops early past a maximum, never misjudging a distance at or below it', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (): string => Array.from({ length: Math.floor(random() * 9) }, () => 'abcd'[Math.floor(random() * 4)]).join('');
    for (let i = 0; i < 2000; i++) {
      const [a, b, max] = [word(), word(), Math.floor(random() * 4)];
      const full = damerauLevenshtein(a, b);
      assert.equal(damerauLevenshtein(a, b, max), full <= max ? full : max + 1, `${a} / ${b} / ${max}`);
    }
  });

  it('ranks by distance within max(1, ⌊length/3⌋), then longer common prefix, then alphabetically, at most three', () => {
    assert.deepEqual(closestNames('stauts_code', ['status_code', 'stats_code', 'path']), ['stats_code', 'status_code'], 'both one edit away, same prefix: alphabetical');
    assert.deepEqual(closestNames('bbcx', ['abcx', 'bbcd']), ['bbcd', 'abcx'], 'longer common prefix before alphabetical');
    assert.deepEqual(closestNames('ab', ['ax', 'xb', 'ay']), ['ax', 'ay', 'xb']);
    assert.deepEqual(closestNames('abcdef', ['abcxyz', 'abcdxx', 'xbcdef', 'abcdeg', 'abcdex']), ['abcdeg', 'abcdex', 'xbcdef'], 'distance first: abcdxx is two edits away');
    assert.deepEqual(closestNames('pth', ['path', 'pod']), ['path']);
    assert.deepEqual(closestNames('x', ['y', 'xy', 'abc']), ['xy', 'y']);
    assert.deepEqual(closestNames('status', ['status_code']), []);
  });
});
