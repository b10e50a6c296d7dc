import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addInt, divideInt, type Int, MAX_INT64, MIN_INT64, moduloInt, multiplyInt, negateInt, subtractInt,
} from '../../../kfl/eval/int64';
import { EvalError } from '../../../kfl/eval/values';

// The oracle is plain BigInt arithmetic with int64 wrapping detection; the engine must agree on
// every input while keeping safe integers as numbers.
function oracle(exact: bigint): bigint | 'overflow' {
  return exact < MIN_INT64 || exact > MAX_INT64 ? 'overflow' : exact;
}

function observed(result: Int | EvalError): bigint | 'overflow' | 'error' {
  if (result instanceof EvalError) return result.message === 'integer overflow' ? 'overflow' : 'error';
  if (typeof result === 'number') {
    assert.ok(Number.isSafeInteger(result), `${result} is a number outside the safe range`);
    assert.ok(!Object.is(result, -0), 'negative zero leaked');
  } else {
    assert.ok(result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER), `${result} should be a number`);
  }
  return BigInt(result);
}

const int64 = fc.oneof(
  fc.bigInt({ min: MIN_INT64, max: MAX_INT64 }),
  fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }),
  fc.constantFrom(0n, 1n, -1n, MIN_INT64, MAX_INT64, 2n ** 53n - 1n, -(2n ** 53n) + 1n, 2n ** 53n, 3037000499n, -3037000500n),
);
const asInt = (b: bigint): Int => (b >= -BigInt(Number.MAX_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b);

describe('kfl/eval/int64', () => {
  it('add, subtract and multiply are exact and report int64 overflow', () => {
    fc.assert(fc.property(int64, int64, (a, b) => {
      assert.equal(observed(addInt(asInt(a), asInt(b))), oracle(a + b));
      assert.equal(observed(subtractInt(asInt(a), asInt(b))), oracle(a - b));
      assert.equal(observed(multiplyInt(asInt(a), asInt(b))), oracle(a * b));
    }), { numRuns: 20_000 });
  });

  it('divide and modulo truncate toward zero; zero divisors and MIN/-1 are errors', () => {
    fc.assert(fc.property(int64, int64, (a, b) => {
      if (b === 0n) {
        assert.equal(observed(divideInt(asInt(a), asInt(b))), 'error');
        assert.equal(observed(moduloInt(asInt(a), asInt(b))), 'error');
        return;
      }
      assert.equal(observed(divideInt(asInt(a), asInt(b))), oracle(a / b));
      assert.equal(observed(moduloInt(asInt(a), asInt(b))), oracle(a % b));
    }), { numRuns: 20_000 });
  });

  it('negation overflows only at the minimum', () => {
    assert.equal(observed(negateInt(asInt(MIN_INT64))), 'overflow');
    assert.equal(observed(negateInt(0)), 0n);
    assert.equal(observed(negateInt(asInt(MAX_INT64))), -MAX_INT64);
  });

  it('stays on numbers for safe results', () => {
    assert.equal(addInt(2 ** 52, 2 ** 52 - 1), 2 ** 53 - 1);
    assert.equal(typeof addInt(2 ** 52, 2 ** 52), 'bigint');
    assert.equal(subtractInt(2n ** 53n, 1), 2 ** 53 - 1);
  });
});
