/**
 * Escape processing of string and bytes literal bodies (spec §2). Invalid escapes are reported
 * and kept verbatim, so the literal still has a value and checking can go on.
 */

export type EscapeProblemReason =
  /** Not an escape at all, e.g. `\d`. */
  | 'unknown'
  /** `\u`/`\U` in a bytes literal. */
  | 'unicode-in-bytes'
  /** `\400`–`\777`. */
  | 'octal-range'
  /** Too few digits: `\x4`, `\u12`, `\1`. */
  | 'short'
  /** A surrogate or a value above U+10FFFF. */
  | 'code-point';

export interface EscapeProblem {
  /** Offsets within the body. */
  readonly start: number;
  readonly end: number;
  readonly reason: EscapeProblemReason;
}

export interface DecodedString {
  readonly value: string;
  readonly problems: readonly EscapeProblem[];
}

export interface DecodedBytes {
  readonly value: Uint8Array;
  readonly problems: readonly EscapeProblem[];
}

const SIMPLE: ReadonlyMap<string, number> = new Map([
  ['\\', 0x5c], ['?', 0x3f], ['"', 0x22], ["'", 0x27], ['`', 0x60],
  ['a', 0x07], ['b', 0x08], ['f', 0x0c], ['n', 0x0a], ['r', 0x0d], ['t', 0x09], ['v', 0x0b],
]);

const HEX = /^[0-9a-fA-F]+$/;
const OCTAL = /^[0-7]{3}$/;

/** One unit of a literal body: a literal code point or an escape's value. */
type Piece = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'code'; readonly code: number; readonly octet: boolean };

/**
 * Splits `body` into pieces. `octet` marks `\x`/octal escapes, which mean an octet in bytes and
 * a code point in strings.
 */
function* pieces(body: string, bytes: boolean, problems: EscapeProblem[]): Generator<Piece> {
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf('\\', i);
    if (slash < 0) {
      yield { kind: 'text', text: body.slice(i) };
      return;
    }
    if (slash > i) yield { kind: 'text', text: body.slice(i, slash) };
    const { piece, length } = escapeAt(body, slash, bytes, problems);
    yield piece;
    i = slash + length;
  }
}

function escapeAt(body: string, at: number, bytes: boolean, problems: EscapeProblem[]): { piece: Piece; length: number } {
  const c = body[at + 1];
  const bad = (length: number, reason: EscapeProblemReason): { piece: Piece; length: number } => {
    problems.push({ start: at, end: at + length, reason });
    return { piece: { kind: 'text', text: body.slice(at, at + length) }, length };
  };
  if (c === undefined) return bad(1, 'unknown');
  const simple = SIMPLE.get(c);
  if (simple !== undefined) return { piece: { kind: 'code', code: simple, octet: false }, length: 2 };
  const digits = (count: number): string => body.slice(at + 2, at + 2 + count);
  if (c === 'x' || c === 'X') {
    const hex = digits(2);
    if (hex.length < 2 || !HEX.test(hex)) return bad(2 + leadingMatch(hex, /[0-9a-fA-F]/), 'short');
    return { piece: { kind: 'code', code: parseInt(hex, 16), octet: true }, length: 4 };
  }
  if (c === 'u' || c === 'U') {
    const count = c === 'u' ? 4 : 8;
    const hex = digits(count);
    const valid = hex.length === count && HEX.test(hex);
    if (bytes) return bad(valid ? 2 + count : 2, 'unicode-in-bytes');
    if (!valid) return bad(2 + leadingMatch(hex, /[0-9a-fA-F]/), 'short');
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return bad(2 + count, 'code-point');
    return { piece: { kind: 'code', code, octet: false }, length: 2 + count };
  }
  if (c >= '0' && c <= '7') {
    const octal = body.slice(at + 1, at + 4);
    if (!OCTAL.test(octal)) return bad(1 + leadingMatch(octal, /[0-7]/), 'short');
    const code = parseInt(octal, 8);
    if (code > 0o377) return bad(4, 'octal-range');
    return { piece: { kind: 'code', code, octet: true }, length: 4 };
  }
  // An unknown escape covers the backslash and the one code point after it.
  return bad(1 + (c.codePointAt(0)! > 0xffff ? 2 : 1), 'unknown');
}

function leadingMatch(text: string, char: RegExp): number {
  let n = 0;
  while (n < text.length && char.test(text[n])) n++;
  return n;
}

const NO_PROBLEMS: readonly EscapeProblem[] = Object.freeze([]);

/** Decodes a non-raw string body. */
export function decodeString(body: string): DecodedString {
  if (!body.includes('\\')) return { value: body, problems: NO_PROBLEMS };
  const problems: EscapeProblem[] = [];
  let value = '';
  for (const piece of pieces(body, false, problems)) value += piece.kind === 'text' ? piece.text : String.fromCodePoint(piece.code);
  return { value, problems };
}

const encoder = new TextEncoder();

/** Decodes a bytes body: text as UTF-8, `\x`/octal escapes as single octets. `raw` skips escapes. */
export function decodeBytes(body: string, raw: boolean): DecodedBytes {
  if (raw) return { value: encoder.encode(body), problems: [] };
  const problems: EscapeProblem[] = [];
  const out: number[] = [];
  const append = (octets: Uint8Array): void => {
    for (const octet of octets) out.push(octet);
  };
  for (const piece of pieces(body, true, problems)) {
    if (piece.kind === 'text') append(encoder.encode(piece.text));
    else if (piece.octet) out.push(piece.code);
    else append(encoder.encode(String.fromCodePoint(piece.code)));
  }
  return { value: Uint8Array.from(out), problems };
}
