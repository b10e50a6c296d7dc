// Equality, ordering, membership and arithmetic with CEL's exact int64/uint64 rules.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, expectAll, schemaWith } from './support';

describe('kfl/eval operators', () => {
  it('compares lists and maps element-wise, in any key order', () => {
    expectAll([
      ['[1, 2, 3] == [1, 2, 3]', true],
      ['[1, 2, 3] == [1, 2]', false],
      ['[[1], [2]] == [[1], [2]]', true],
      ['{"a": 1, "b": 2} == {"b": 2, "a": 1}', true],
      ['{"a": 1} == {"a": 2}', false],
      ['{"a": [1]} != {"a": [1, 2]}', true],
      ['request.headers == {"accept": "*/*"}', true],
      ['request.headers == {}', false],
      ['response.headers == {}', true],
      ['dns_questions == ["a.local", "b.local"]', true],
    ], { request: { headers: { accept: '*/*' } }, dns_questions: ['a.local', 'b.local'] });
  });

  it('orders strings by code point, not by UTF-16 unit', () => {
    // U+FF5E (a BMP character) sorts before U+1F600 (astral); UTF-16 units would say the reverse.
    expectAll([
      ['"\\uFF5E" < "\\U0001F600"', true],
      ['"a" < "b"', true],
      ['"abc" < "abd"', true],
      ['"ab" < "abc"', true],
      ['"" < "a"', true],
      ['"b" <= "a"', false],
      ['"é" > "z"', true],
    ]);
  });

  it('orders bytes, bools, ints, uints and doubles within their type', () => {
    expectAll([
      ['b"\\x00" < b"\\xff"', true],
      ['b"ab" < b"abc"', true],
      ['false < true', true],
      ['-1 < 0', true],
      ['1u < 2u', true],
      ['1.5 < 2.5', true],
      ['0.0 / 0.0 < 1.0', false],
      ['0.0 / 0.0 == 0.0 / 0.0', false],
    ]);
  });

  it('tests membership of lists and keys of maps', () => {
    expectAll([
      ['method in ["PUT", "PATCH", "DELETE"]', true],
      ['method in ["GET"]', false],
      ['status_code in [500, 502, 503]', true],
      ['"TXT" in dns_question_types', true],
      ['"MX" in dns_question_types', false],
      ['"authorization" in request.headers', true],
      ['"Authorization" in request.headers', false],
      ['[1, 2] in [[1, 2], [3]]', true],
      ['2 in {1: "a", 2: "b"}', true],
      ['"x" in []', false],
    ], { method: 'PATCH', status_code: 503, dns_question_types: ['A', 'TXT'], request: { headers: { authorization: 'Bearer x' } } });
  });

  it('int64 arithmetic is exact and overflow is an evaluation error', () => {
    expectAll([
      ['9223372036854775807 + 0 == 9223372036854775807', true],
      ['9223372036854775807 + 1 > 0', 'error'],
      ['-9223372036854775808 - 1 < 0', 'error'],
      ['-9223372036854775808 / -1 < 0', 'error'],
      ['-9223372036854775808 % -1 == 0', true],
      ['4611686018427387904 * 2 > 0', 'error'],
      ['9007199254740993 - 9007199254740992 == 1', true], // beyond 2^53 a double would say 0
      ['7 / 2 == 3 && -7 / 2 == -3 && -7 % 3 == -1', true],
      ['1 / 0 == 0', 'error'],
      ['1 % 0 == 0', 'error'],
      ['-(-9223372036854775807) == 9223372036854775807', true],
    ]);
  });

  it('uint arithmetic stays in [0, 2^64) and never mixes with int', () => {
    expectAll([
      ['18446744073709551615u + 0u == 18446744073709551615u', true],
      ['18446744073709551615u + 1u > 0u', 'error'],
      ['0u - 1u > 0u', 'error'],
      ['10u / 3u == 3u && 10u % 3u == 1u', true],
      ['1u / 0u == 0u', 'error'],
    ]);
  });

  it('double arithmetic follows IEEE 754', () => {
    expectAll([
      ['1.0 / 0.0 > 1e308', true],
      ['0.1 + 0.2 != 0.3', true],
      ['-(1.5) == -1.5', true],
      ['2.5 * 2.0 == 5.0', true],
    ]);
  });

  it('concatenates strings, bytes and lists', () => {
    expectAll([
      ['"ab" + "cd" == "abcd"', true],
      ['b"ab" + b"cd" == b"abcd"', true],
      ['[1] + [2, 3] == [1, 2, 3]', true],
      ['[] + dns_questions == dns_questions', true],
      ['path + "?" + "q=1" == "/a?q=1"', true],
    ], { path: '/a', dns_questions: ['x'] });
  });

  it('int fields compare exactly beyond 2^53 (records may carry bigint)', () => {
    const schema = schemaWith({ big: 'int' });
    const record = { big: 9007199254740993n };
    assert.equal(evaluate('big > 9007199254740992', record, schema), true);
    assert.equal(evaluate('big == 9007199254740993', record, schema), true);
    assert.equal(evaluate('big + 1 == 9007199254740994', record, schema), true);
  });

  it('agrees with BigInt on random int64 arithmetic and comparisons through record fields', () => {
    const schema = schemaWith({ a: 'int', b: 'int', c: 'int' });
    const MIN = -(2n ** 63n);
    const MAX = 2n ** 63n - 1n;
    const inRange = (v: bigint): boolean => v >= MIN && v <= MAX;
    const asField = (v: bigint): number | bigint => (v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n ? Number(v) : v);
    const int64 = fc.oneof(fc.bigInt({ min: MIN, max: MAX }), fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }));
    fc.assert(fc.property(int64, int64, (a, b) => {
      for (const [op, exact] of [['+', a + b], ['-', a - b], ['*', a * b]] as const) {
        const record = { a: asField(a), b: asField(b), c: inRange(exact) ? asField(exact) : 0 };
        assert.equal(evaluate(`a ${op} b == c`, record, schema), inRange(exact) ? true : 'error', `${a} ${op} ${b}`);
      }
      assert.equal(evaluate('a < b', { a: asField(a), b: asField(b) }, schema), a < b);
    }), { numRuns: 300 });
  });
});
