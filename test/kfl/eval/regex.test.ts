import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { compileRegex, describeRegexProblem, validateRegex } from '../../../kfl/eval/regex';

function matches(pattern: string, input: string): boolean {
  const result = compileRegex(pattern);
  assert.ok(result.ok, `pattern ${pattern} should compile`);
  return result.test(input);
}

describe('kfl/eval/regex', () => {
  describe('RE2 syntax that JavaScript lacks', () => {
    it('(?i) flag group', () => {
      assert.equal(matches('(?i)^[a-z0-9]{32,}\\.', 'A'.repeat(32) + '.evil.com'), true);
      assert.equal(matches('^[a-z0-9]{32,}\\.', 'A'.repeat(32) + '.evil.com'), false);
    });
    it('Unicode classes \\pL and \\p{Greek}', () => {
      assert.equal(matches('^\\pL+$', 'héllo'), true);
      assert.equal(matches('^\\pL+$', 'hello1'), false);
      assert.equal(matches('\\p{Greek}', 'abc λ'), true);
    });
    it('POSIX classes [[:alpha:]]', () => {
      assert.equal(matches('^[[:alpha:]]+$', 'abcXYZ'), true);
      assert.equal(matches('^[[:alpha:]]+$', 'abc1'), false);
    });
    it('\\z is the end of text; `$` without (?m) does not match before a final newline', () => {
      assert.equal(matches('a\\z', 'xa'), true);
      assert.equal(matches('a\\z', 'a\n'), false);
      assert.equal(matches('a$', 'a\n'), false);
      assert.equal(matches('(?m)a$', 'a\nb'), true);
    });
    it('named groups (?P<name>…) and \\Q…\\E quoting', () => {
      assert.equal(matches('(?P<version>v\\d+)/', '/api/v2/users'), true);
      assert.equal(matches('\\Q.*\\E', 'a.*b'), true);
      assert.equal(matches('\\Q.*\\E', 'abc'), false);
    });
    it('dot matches a whole astral code point, and newline only under (?s)', () => {
      assert.equal(matches('^.$', '😀'), true);
      assert.equal(matches('a.b', 'a\nb'), false);
      assert.equal(matches('(?s)a.b', 'a\nb'), true);
    });
  });

  describe('unanchored search semantics', () => {
    it('finds a match anywhere unless anchored', () => {
      assert.equal(matches('api', '/v1/api/users'), true);
      assert.equal(matches('^api', '/v1/api/users'), false);
      assert.equal(matches('users$', '/v1/api/users'), true);
      assert.equal(matches('^/v1/api/users$', '/v1/api/users'), true);
      assert.equal(matches('^/v1/api/users$', '/v1/api/users/'), false);
      assert.equal(matches('', 'anything'), true);
      assert.equal(matches('^$', ''), true);
      assert.equal(matches('^$', 'x'), false);
    });
    it('literal shortcuts agree with the automaton for escaped punctuation', () => {
      assert.equal(matches('\\.js$', 'app.js'), true);
      assert.equal(matches('\\.js$', 'appxjs'), false);
      assert.equal(matches('a\\$', 'a$b'), true); // an escaped $ is a literal, not an anchor
      assert.equal(matches('a\\$', 'a'), false);
    });
  });

  describe('rejected constructs', () => {
    const cases: [string, string, string][] = [
      ['(?<=/api)/users', 'look-behind', 'RE2 does not support look-behind `(?<=`.'],
      ['(?<!x)y', 'look-behind', 'RE2 does not support look-behind `(?<!`.'],
      ['foo(?=bar)', 'look-ahead', 'RE2 does not support look-ahead `(?=`.'],
      ['foo(?!bar)', 'look-ahead', 'RE2 does not support look-ahead `(?!`.'],
      ['(a)\\1', 'back-reference', 'RE2 does not support back-references.'],
      ['(?P<n>a)(?P=n)', 'back-reference', 'RE2 does not support back-references.'],
      ['(?<n>a)\\k<n>', 'back-reference', 'RE2 does not support back-references.'],
      ['a++', 'possessive', 'RE2 does not support possessive quantifiers `++`.'],
      ['[a-', 'missing-bracket', 'Invalid regular expression: missing `]`.'],
      ['(abc', 'missing-paren', 'Invalid regular expression: missing `)`.'],
      ['abc)', 'unexpected-paren', 'Invalid regular expression: unexpected `)` without a matching `(`.'],
      ['x{1001}', 'syntax', 'Invalid regular expression: invalid repeat count `{1001}`.'],
      ['\\Z', 'syntax', 'Invalid regular expression: invalid escape sequence `\\Z`.'],
      ['a**', 'syntax', 'Invalid regular expression: invalid nested repetition operator `**`.'],
    ];
    for (const [pattern, kind, message] of cases) {
      it(`${pattern} → ${kind}`, () => {
        const problem = validateRegex(pattern);
        assert.ok(problem, 'expected a problem');
        assert.equal(problem.kind, kind);
        assert.equal(describeRegexProblem(problem), message);
      });
    }
    it('accepts what RE2 accepts', () => {
      for (const pattern of ['^/api/v\\d+/', '(?i)abc', '[[:alpha:]]', '\\pL', 'a{,5}', '(?s:.)', '\\x{1F600}']) {
        assert.equal(validateRegex(pattern), undefined, pattern);
      }
    });
  });

  it('answers literal patterns exactly as the RE2 automaton does (property)', () => {
    // Literal pieces, escaped punctuation and anchors, over a small alphabet so that matches occur.
    const piece = fc.constantFrom('a', 'b', '/', '-', 'é', '😀', '\\.', '\\$', '\\^', '\\\\', '\\?', '.', '$', '^', '*');
    const pattern = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 4 }), fc.boolean())
      .map(([start, body, end]) => `${start ? '^' : ''}${body.join('')}${end ? '$' : ''}`);
    const input = fc.array(fc.constantFrom('a', 'b', '/', '-', '.', '$', '^', '\\', '?', 'é', '😀', '\n'), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(fc.property(pattern, input, (p, s) => {
      const result = compileRegex(p);
      if (!result.ok) return;
      assert.equal(result.test(s), RE2JS.compile(p).test(s), `${JSON.stringify(p)} on ${JSON.stringify(s)}`);
    }), { numRuns: 5_000 });
  });

  it('matches in linear time where a backtracking engine explodes', () => {
    // (x+x+)+y against 30k x's is catastrophic for backtracking; the automaton answers in one pass.
    const result = compileRegex('(x+x+)+y');
    assert.ok(result.ok);
    assert.equal(result.test('x'.repeat(30_000)), false);
  });

  it('caches compiled patterns', () => {
    const first = compileRegex('^cache-me[0-9]+$');
    assert.equal(compileRegex('^cache-me[0-9]+$'), first);
  });
});
