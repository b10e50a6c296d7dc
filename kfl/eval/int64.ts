// Exact int64 and uint64 arithmetic.
//
// An int is a JS number while it is a safe integer (|n| < 2^53) and a bigint only beyond that, so
// the values filters meet on every record (ports, sizes, status codes, µs latencies) never leave
// plain doubles. Each operation tries the number path first and checks that the result is still a
// safe integer — a double result inside the safe range is exact, because rounding is monotonic and
// 2^53 itself is representable — and only otherwise redoes the operation with BigInt, where the
// int64 range is checked and overflow becomes an evaluation error. Normalising back to number
// whenever a bigint is safe keeps one representation per value, so `===` is int equality.
import { EvalError, UintValue } from './values';

export type Int = number | bigint;

export const MIN_INT64 = -(2n ** 63n);
export const MAX_INT64 = 2n ** 63n - 1n;
export const MAX_UINT64 = 2n ** 64n - 1n;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const BIG_MAX_SAFE = BigInt(MAX_SAFE);

const overflow = (): EvalError => new EvalError('integer overflow');
const divideByZero = (): EvalError => new EvalError('division by zero');

/** The canonical int for an exact integer, or an overflow error outside int64. */
export function intFromBig(value: bigint): Int | EvalError {
  if (value >= -BIG_MAX_SAFE && value <= BIG_MAX_SAFE) return Number(value);
  return value < MIN_INT64 || value > MAX_INT64 ? overflow() : value;
}

export function addInt(a: Int, b: Int): Int | EvalError {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (sum >= -MAX_SAFE && sum <= MAX_SAFE) return sum;
  }
  return intFromBig(BigInt(a) + BigInt(b));
}

export function subtractInt(a: Int, b: Int): Int | EvalError {
  if (typeof a === 'number' && typeof b === 'number') {
    const difference = a - b;
    if (difference >= -MAX_SAFE && difference <= MAX_SAFE) return difference;
  }
  return intFromBig(BigInt(a) - BigInt(b));
}

export function multiplyInt(a: Int, b: Int): Int | EvalError {
  if (typeof a === 'number' && typeof b === 'number') {
    const product = a * b;
    if (product >= -MAX_SAFE && product <= MAX_SAFE) return product + 0; // + 0 turns -0 into 0
  }
  return intFromBig(BigInt(a) * BigInt(b));
}

/** Truncating division; for safe integers the rounded double quotient truncates to the exact one. */
export function divideInt(a: Int, b: Int): Int | EvalError {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return divideByZero();
    return Math.trunc(a / b) + 0;
  }
  if (BigInt(b) === 0n) return divideByZero();
  return intFromBig(BigInt(a) / BigInt(b)); // MIN_INT64 / -1 overflows here
}

/** Remainder with the sign of the dividend (Go, C and CEL agree; so does JS `%`). */
export function moduloInt(a: Int, b: Int): Int | EvalError {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return new EvalError('modulus by zero');
    return (a % b) + 0;
  }
  if (BigInt(b) === 0n) return new EvalError('modulus by zero');
  return intFromBig(BigInt(a) % BigInt(b));
}

export function negateInt(a: Int): Int | EvalError {
  return typeof a === 'number' ? 0 - a : intFromBig(-a);
}

export function compareInt(a: Int, b: Int): number {
  // Mixed number/bigint relational operators compare mathematically.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function uintFromBig(value: bigint): UintValue | EvalError {
  return value < 0n || value > MAX_UINT64 ? overflow() : new UintValue(value);
}

export function addUint(a: UintValue, b: UintValue): UintValue | EvalError {
  return uintFromBig(a.value + b.value);
}

export function subtractUint(a: UintValue, b: UintValue): UintValue | EvalError {
  return uintFromBig(a.value - b.value);
}

export function multiplyUint(a: UintValue, b: UintValue): UintValue | EvalError {
  return uintFromBig(a.value * b.value);
}

export function divideUint(a: UintValue, b: UintValue): UintValue | EvalError {
  return b.value === 0n ? divideByZero() : new UintValue(a.value / b.value);
}

export function moduloUint(a: UintValue, b: UintValue): UintValue | EvalError {
  return b.value === 0n ? new EvalError('modulus by zero') : new UintValue(a.value % b.value);
}
