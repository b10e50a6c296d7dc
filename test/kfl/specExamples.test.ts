// The binding examples of spec/kfl.md: §12 must be accepted without errors or warnings, §13 must be
// rejected with the listed code (and nothing unrelated). A drift check keeps these lists equal to
// the spec's own.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, messageOf } from '../../kfl/index';
import { SHARED_DIR } from '../support/paths';
import { ACCEPTED, REJECTED } from './support/examples';

describe('spec §12: examples that must be accepted', () => {
  for (const [number, filter, allowedInfos = []] of ACCEPTED) {
    it(`#${number} ${JSON.stringify(filter)}`, () => {
      const analysis = analyze(filter);
      const unexpected = analysis.diagnostics.filter((d) => !(d.severity === 'info' && allowedInfos.includes(d.code)));
      assert.deepEqual(unexpected.map((d) => `${d.code}: ${messageOf(d)}`), []);
      assert.equal(analysis.resultType.kind, 'bool');
      for (const code of allowedInfos) assert.ok(analysis.diagnostics.some((d) => d.code === code), `the noted info ${code} is given`);
    });
  }

  it('#23 the empty filter: no text, whitespace, comments', () => {
    for (const text of ['', '   \n\t', '// nothing here\n  // nor here']) {
      const analysis = analyze(text);
      assert.equal(analysis.empty, true);
      assert.equal(analysis.ast, undefined);
      assert.deepEqual(analysis.diagnostics, []);
    }
  });
});

describe('spec §13: examples that must be rejected', () => {
  for (const [number, filter, code, alsoAllowed = []] of REJECTED) {
    it(`#${number} ${JSON.stringify(filter)} → ${code}`, () => {
      const errors = analyze(filter).diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.some((d) => d.code === code), `expected ${code}, got ${errors.map((d) => d.code).join(', ') || 'no error'}`);
      const unrelated = errors.filter((d) => d.code !== code && !alsoAllowed.includes(d.code));
      assert.deepEqual(unrelated.map((d) => `${d.code}: ${messageOf(d)}`), [], 'no cascade of unrelated errors');
    });
  }
});

describe('spec drift: these lists are the spec\'s', () => {
  const specPath = path.join(SHARED_DIR, 'spec', 'kfl.md');
  const spec = existsSync(specPath) ? readFileSync(specPath, 'utf8') : undefined;

  it('§12 lists the same 85 filters', function () {
    if (!spec) this.skip();
    const section = spec!.slice(spec!.indexOf('## 12.'), spec!.indexOf('## 13.'));
    const listed = [...section.matchAll(/^(\d+)\. (.*)$/gm)].map(([, n, rest]) => {
      const quoted = [...rest.matchAll(/`([^`]*)`/g)].map((m) => m[1]).filter((q) => !q.startsWith('kfl/'));
      return [Number(n), Number(n) === 44 ? quoted.join('\n') : (quoted[0] ?? '')];
    });
    assert.deepEqual(listed, ACCEPTED.map(([n, filter]) => [n, filter]));
  });

  it('§13 lists the same 42 filters and codes', function () {
    if (!spec) this.skip();
    const section = spec!.slice(spec!.indexOf('## 13.'));
    const listed = [...section.matchAll(/^\| (\d+) \| `(.*)` \| `(kfl\/[a-z0-9-]+)`/gm)].map(([, n, filter, code]) => [Number(n), filter.replace(/\\\|/g, '|'), code]);
    assert.deepEqual(listed, REJECTED.map(([n, filter, code]) => [n, filter, code]));
  });
});
