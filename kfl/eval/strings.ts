// CEL strings are sequences of Unicode code points; JS strings are UTF-16. These helpers give the
// code-point answers where the two differ (ordering, size) and stay on the plain string fast path
// when no surrogate is involved.

/** Sign of a − b in code-point order (JS `<` orders by UTF-16 units, which puts U+E000–U+FFFF after astral characters). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
  }
  return a.length - b.length;
}

/** Surrogates (0xD800–0xDFFF) start code points above U+FFFF, so they rank above 0xE000–0xFFFF. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Number of code points (a lone surrogate counts as one). */
export function codePointLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** UTF-8 bytes as a string, or undefined when they are not valid UTF-8 (CEL's string(bytes) then errors). */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
