import assert from 'node:assert/strict';
import { parse } from 'acorn';
import fc from 'fast-check';
import { type Finding, lintScript } from '../../agent-scripts/index';
import { mutate, mutation, SEEDS } from './mutations';

/**
 * The ES5 rules against an ES5 parser: acorn at `ecmaVersion: 5` accepts a script exactly when the
 * linter reports no syntax finding for it — so every construct an ES5 engine would refuse is
 * reported (no miss), and nothing an ES5 engine takes is (no false alarm). Checked on the corpus,
 * the spec's examples and 10,000 mutations of them. Look-behind and named groups are ES2018 regex
 * syntax that spec §2 files under es5/regex-unsupported, so those findings count as syntax too.
 */
// Suppression comments hide findings on purpose; those scripts would disagree by design.
const UNSUPPRESSED = SEEDS.filter((text) => !text.includes('agent-lint-disable'));

function isSyntaxFinding(f: Finding): boolean {
  if (f.rule === 'syntax/parse-error' || f.rule === 'es5/other-syntax') return true;
  if (f.rule === 'es5/regex-unsupported') return /Look-behind|Named groups/.test(f.message);
  return f.rule.startsWith('es5/') && f.rule !== 'es5/no-es2015-builtin';
}

function acceptedByEs5(text: string): boolean {
  try {
    parse(text, { ecmaVersion: 5, sourceType: 'script' });
    return true;
  } catch {
    return false;
  }
}

function assertAgrees(text: string): void {
  const syntax = lintScript(text).filter(isSyntaxFinding);
  const es5 = acceptedByEs5(text);
  assert.equal(syntax.length === 0, es5, es5
    ? `ES5 accepts, yet: ${syntax.map((f) => `${f.rule} at ${f.start}: ${f.message}`).join('; ')}`
    : 'ES5 refuses it, yet no syntax finding');
}

describe('agent-scripts: ES5 findings against an ES5 parser (acorn, ecmaVersion 5)', () => {
  it('agrees on every corpus script and spec example', () => {
    for (const text of UNSUPPRESSED) assertAgrees(text);
  });

  for (let chunk = 0; chunk < 5; chunk++) {
    it(`agrees on mutated scripts, chunk ${chunk + 1}/5 (2,000 each)`, () => {
      fc.assert(
        fc.property(fc.nat(UNSUPPRESSED.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, ops) => assertAgrees(mutate(UNSUPPRESSED[index]!, ops))),
        { seed: 0xe55 + chunk, numRuns: 2_000 },
      );
    });
  }
});
