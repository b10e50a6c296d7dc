/** Words that are tokens of their own: the literals and the `in` operator. */
export const LITERAL_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'in']);

/** Words that can never be top-level names (spec §2): the literal words and CEL's reserved words. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...LITERAL_WORDS,
  'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop',
  'package', 'namespace', 'return', 'var', 'void', 'while',
]);

// A bit per (first character, length) of the reserved words: the set is asked only about names of
// such a shape, and the parser asks about every name it reads.
const RESERVED_SHAPES = new Uint16Array(128);
for (const word of RESERVED_WORDS) RESERVED_SHAPES[word.charCodeAt(0)]! |= 1 << word.length;

export function isReservedWord(name: string): boolean {
  const first = name.charCodeAt(0);
  return first < 128 && name.length < 16 && (RESERVED_SHAPES[first]! & (1 << name.length)) !== 0 && RESERVED_WORDS.has(name);
}

const IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/** True when `text` can stand alone as a name: identifier syntax and not reserved. */
export function isName(text: string): boolean {
  return IDENTIFIER.test(text) && !isReservedWord(text);
}

/**
 * True when `text` can follow a `.` (a field or method name). As in cel-go, reserved words are
 * only forbidden as standalone names, so `src.namespace` is a field; the literal words remain tokens.
 */
export function isMemberName(text: string): boolean {
  return IDENTIFIER.test(text) && !LITERAL_WORDS.has(text);
}
