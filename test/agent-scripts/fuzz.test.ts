import assert from 'node:assert/strict';
import fc from 'fast-check';
import { completeAgentScript, type Finding, hoverAgentScript, lintScript, summarizeScript } from '../../agent-scripts/index';
import { SPEC_ENV } from './helpers';
import { mutate, mutation, SEEDS } from './mutations';

/**
 * Mutated scripts (byte deletions, insertions and swaps of the corpus) never crash the linter and
 * every range it returns lies inside the file. Deterministic: a fixed seed per chunk.
 */
const CHUNKS = 20;
const RUNS_PER_CHUNK = 1_000;

function assertInside(text: string, findings: readonly Finding[]): void {
  let previous = -1;
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.rule} [${f.start}, ${f.end}) outside 0..${text.length}`);
    assert.ok(f.start >= previous, 'findings are sorted by position');
    previous = f.start;
    assert.ok(f.message.length > 0);
    for (const fix of f.fixes) {
      for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${f.rule} fix edit outside the file`);
    }
  }
}

describe('agent-scripts: fuzzing (20,000 mutated scripts, 2,000 completions and hovers)', () => {
  it('completion and hover at any offset of a mutated script: no crash, ranges inside the file', () => {
    fc.assert(
      fc.property(fc.nat(SEEDS.length - 1), fc.array(mutation, { maxLength: 4 }), fc.nat(), (index, ops, at) => {
        const text = mutate(SEEDS[index]!, ops);
        const offset = text.length === 0 ? 0 : at % (text.length + 1);
        for (const item of completeAgentScript(text, offset, { envNames: SPEC_ENV })) {
          assert.ok(item.start >= 0 && item.start <= item.end && item.end <= text.length);
        }
        const hover = hoverAgentScript(text, offset, { envNames: SPEC_ENV, timeZone: 'Asia/Kolkata', now: 0 });
        if (hover) assert.ok(hover.start >= 0 && hover.start <= hover.end && hover.end <= text.length && hover.markdown.length > 0);
      }),
      { seed: 0xc0de, numRuns: 2_000 },
    );
  });

  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    it(`chunk ${chunk + 1}/${CHUNKS}: no crash, every range inside the file`, () => {
      fc.assert(
        fc.property(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (index, ops) => {
          const text = mutate(SEEDS[index]!, ops);
          const summary = summarizeScript('fuzz.js', text);
          assertInside(text, lintScript(text, { path: 'a.js', envNames: SPEC_ENV, workspace: [summary, { ...summary, path: 'b.js' }] }));
        }),
        { seed: 0x5eed + chunk, numRuns: RUNS_PER_CHUNK },
      );
    });
  }
});
