/**
 * The KFL2 scanner (spec §2). One pass over the text, never throws: characters that start no
 * token, unterminated strings, bad escapes and malformed numbers are reported and scanning goes
 * on. `=`, `&` and `|` alone are reported and then read as `==`, `&&` and `||`, so the parser sees
 * what was almost certainly meant and checks the rest of the filter.
 */
import { type LiteralValue, type Span } from '../ast';
import { type DiagnosticSink, replaceFix } from '../diagnostics';
import { lineColumnOf } from '../lines';
import { type EscapeProblem, decodeBytes, decodeString } from './escapes';
import { type OperatorKind, type Token, type TokenKind } from './tokens';

export interface ScanResult {
  /** Ends with one `eof` token. */
  readonly tokens: readonly Token[];
  /** `//` comments, each up to (not including) its line break. */
  readonly comments: readonly Span[];
}

const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([['in', 'in'], ['true', 'true'], ['false', 'false'], ['null', 'null']]);

// Operators by the code of their first character: the one-character operator, and the
// two-character one that character starts with its second character. Token kinds are these
// constant strings, so later comparisons of kinds are pointer comparisons.
const ONE_CHAR_OPERATORS: (OperatorKind | undefined)[] = [];
for (const op of ['(', ')', '[', ']', '{', '}', '.', ',', ':', '?', '<', '>', '!', '+', '-', '*', '/', '%'] as const) ONE_CHAR_OPERATORS[op.charCodeAt(0)] = op;
const TWO_CHAR_OPERATORS: (readonly [second: number, op: OperatorKind] | undefined)[] = [];
for (const op of ['==', '!=', '<=', '>=', '&&', '||'] as const) TWO_CHAR_OPERATORS[op.charCodeAt(0)] = [op.charCodeAt(1), op];

/** The operator at `at`, the longest first (`<=` before `<`). */
function operatorAt(text: string, at: number): OperatorKind | undefined {
  const c = text.charCodeAt(at);
  const two = TWO_CHAR_OPERATORS[c];
  if (two !== undefined && text.charCodeAt(at + 1) === two[0]) return two[1];
  return ONE_CHAR_OPERATORS[c];
}

/** Lone characters that are near misses of an operator: reported, then read as the operator. */
const NEAR_MISS: ReadonlyMap<string, OperatorKind> = new Map<string, OperatorKind>([['=', '=='], ['&', '&&'], ['|', '||']]);

/** Digit strings longer than this are out of range for any integer type; not worth a BigInt. */
const MAX_INT_DIGITS = 40;
const OUT_OF_RANGE = 2n ** 64n;

// Character classes by UTF-16 code unit, from a table: the scanner looks at every character, so
// it compares numbers rather than one-character strings. Past the end charCodeAt gives NaN,
// which is in no class.
const SPACE = 1;
const DIGIT = 2;
const IDENT_START = 4;
const HEX = 8;
const CLASSES = new Uint8Array(128);
for (const c of ' \t\r\n\f') CLASSES[c.charCodeAt(0)] |= SPACE;
for (let c = 0x30; c <= 0x39; c++) CLASSES[c] |= DIGIT | HEX;
for (let c = 0x41; c <= 0x5a; c++) CLASSES[c] |= IDENT_START | (c <= 0x46 ? HEX : 0);
for (let c = 0x61; c <= 0x7a; c++) CLASSES[c] |= IDENT_START | (c <= 0x66 ? HEX : 0);
CLASSES[0x5f] |= IDENT_START;
const classOf = (code: number): number => (code < 128 ? CLASSES[code] : 0);
const isDigit = (code: number): boolean => (classOf(code) & DIGIT) !== 0;
const isIdentPart = (code: number): boolean => (classOf(code) & (IDENT_START | DIGIT)) !== 0;
const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;

const isQuote = (code: number): boolean => code === 0x22 || code === 0x27;
const prefixLetter = (code: number): string | undefined => (code === 0x72 || code === 0x52 ? 'r' : code === 0x62 || code === 0x42 ? 'b' : undefined);

/** r, b, rb or br in any case, directly followed by a quote: the prefix of a string at `at`. */
function stringPrefixAt(text: string, at: number): string | undefined {
  const first = prefixLetter(text.charCodeAt(at));
  if (first === undefined) return undefined;
  if (isQuote(text.charCodeAt(at + 1))) return text.slice(at, at + 1);
  const second = prefixLetter(text.charCodeAt(at + 1));
  return second !== undefined && second !== first && isQuote(text.charCodeAt(at + 2)) ? text.slice(at, at + 2) : undefined;
}

export function scan(text: string, sink: DiagnosticSink): ScanResult {
  return new Scanner(text, sink).run();
}

class Scanner {
  private _pos = 0;
  private readonly _tokens: Token[] = [];
  private readonly _comments: Span[] = [];

  constructor(private readonly _text: string, private readonly _sink: DiagnosticSink) {}

  run(): ScanResult {
    const text = this._text;
    while (this._pos < text.length) {
      const code = text.charCodeAt(this._pos);
      const kind = classOf(code);
      if (kind & SPACE) this._pos++;
      else if (code === 0x2f && text.charCodeAt(this._pos + 1) === 0x2f) this._comment();
      else if (kind & DIGIT || (code === 0x2e && isDigit(text.charCodeAt(this._pos + 1)))) this._number();
      else if (kind & IDENT_START) this._identOrString();
      else if (code === 0x22 || code === 0x27) this._string(this._pos, '');
      else if (code === 0x60) this._quotedIdent();
      else this._operatorOrInvalid();
    }
    this._tokens.push({ kind: 'eof', start: text.length, end: text.length, value: undefined, raw: false });
    return { tokens: this._tokens, comments: this._comments };
  }

  private _comment(): void {
    const start = this._pos;
    const text = this._text;
    let pos = start;
    while (pos < text.length && text.charCodeAt(pos) !== LF && text.charCodeAt(pos) !== CR) pos++;
    this._pos = pos;
    this._comments.push({ start, end: pos });
  }

  /** Every token has the same shape (value and raw present), which keeps the parser's reads fast. */
  private _push(kind: TokenKind, start: number, value?: LiteralValue, raw = false): void {
    this._tokens.push({ kind, start, end: this._pos, value, raw });
  }

  private _identOrString(): void {
    const start = this._pos;
    const text = this._text;
    const prefix = stringPrefixAt(text, start);
    if (prefix !== undefined) {
      this._string(start, prefix);
      return;
    }
    let pos = start + 1;
    while (isIdentPart(text.charCodeAt(pos))) pos++;
    this._pos = pos;
    // in, true, false, null: only words of 2, 4 or 5 letters starting with i, t, f or n are looked up.
    const length = pos - start;
    const first = text.charCodeAt(start);
    const maybeKeyword = (length === 2 || length === 4 || length === 5) && (first === 0x69 || first === 0x74 || first === 0x66 || first === 0x6e);
    const kind = maybeKeyword ? KEYWORDS.get(text.slice(start, pos)) : undefined;
    this._push(kind ?? 'ident', start);
  }

  private _quotedIdent(): void {
    const start = this._pos++;
    while (this._pos < this._text.length && !'`\n\r'.includes(this._text[this._pos])) this._pos++;
    if (this._text[this._pos] === '`') this._pos++;
    this._push('quoted-ident', start);
  }

  private _operatorOrInvalid(): void {
    const start = this._pos;
    const text = this._text;
    const op = operatorAt(text, start);
    if (op) {
      this._pos += op.length;
      this._push(op, start);
      return;
    }
    const meant = NEAR_MISS.get(text[start]);
    if (meant) {
      this._pos++;
      this._sink.report('kfl/invalid-char', { start, end: this._pos }, { char: text[start], suggestion: meant }, [replaceFix(`Change to \`${meant}\``, { start, end: this._pos }, meant, true)]);
      this._push(meant, start);
      return;
    }
    // Skip the whole run of characters that start no token: one problem, one diagnostic.
    while (this._pos < text.length && this._startsNoToken(this._pos)) this._pos += text.codePointAt(this._pos)! > 0xffff ? 2 : 1;
    this._sink.report('kfl/invalid-char', { start, end: this._pos }, { char: text.slice(start, this._pos) });
  }

  private _startsNoToken(at: number): boolean {
    const c = this._text[at];
    return !(classOf(c.charCodeAt(0)) !== 0 || '"\'`'.includes(c) || NEAR_MISS.has(c) || operatorAt(this._text, at) !== undefined);
  }

  private _number(): void {
    const start = this._pos;
    const text = this._text;
    if (text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X')) {
      this._pos += 2;
      const digitsStart = this._pos;
      while (classOf(text.charCodeAt(this._pos)) & HEX) this._pos++;
      const digits = text.slice(digitsStart, this._pos);
      if (digits === '') {
        this._sink.report('kfl/bad-number', { start, end: this._pos }, { text: text.slice(start, this._pos), reason: 'hex-digits' });
        this._push('int', start, { type: 'int', value: 0n });
        return;
      }
      this._integer(start, digits.length > MAX_INT_DIGITS ? OUT_OF_RANGE : BigInt(`0x${digits}`));
      return;
    }
    while (isDigit(text.charCodeAt(this._pos))) this._pos++;
    let isDouble = false;
    if (text[this._pos] === '.' && isDigit(text.charCodeAt(this._pos + 1))) {
      isDouble = true;
      this._pos++;
      while (isDigit(text.charCodeAt(this._pos))) this._pos++;
    }
    if (text[this._pos] === 'e' || text[this._pos] === 'E') {
      isDouble = true;
      this._pos++;
      if (text[this._pos] === '+' || text[this._pos] === '-') this._pos++;
      if (!isDigit(text.charCodeAt(this._pos))) {
        this._sink.report('kfl/bad-number', { start, end: this._pos }, { text: text.slice(start, this._pos), reason: 'exponent-digits' });
        this._push('double', start, { type: 'double', value: 0 });
        return;
      }
      while (isDigit(text.charCodeAt(this._pos))) this._pos++;
    }
    if (isDouble) {
      const value = Number(text.slice(start, this._pos));
      if (!Number.isFinite(value)) this._sink.report('kfl/bad-number', { start, end: this._pos }, { text: text.slice(start, this._pos), reason: 'double-range' });
      this._push('double', start, { type: 'double', value: Number.isFinite(value) ? value : 0 });
      return;
    }
    const digits = text.slice(start, this._pos);
    // Up to 15 digits a double holds the value exactly, and BigInt of a number is much cheaper than parsing text.
    this._integer(start, digits.length <= 15 ? BigInt(Number(digits)) : digits.length > MAX_INT_DIGITS ? OUT_OF_RANGE : BigInt(digits));
  }

  /**
   * An int or (with a `u` suffix) uint literal. uint range is checked here; int range in the
   * parser, which knows whether the literal is negated (`-9223372036854775808`).
   */
  private _integer(start: number, value: bigint): void {
    const suffix = this._text[this._pos];
    if (suffix !== 'u' && suffix !== 'U') {
      this._push('int', start, { type: 'int', value });
      return;
    }
    this._pos++;
    if (value >= OUT_OF_RANGE) {
      this._sink.report('kfl/bad-number', { start, end: this._pos }, { text: this._text.slice(start, this._pos), reason: 'uint-range' });
      value = 0n;
    }
    this._push('uint', start, { type: 'uint', value });
  }

  /** A string or bytes literal starting at `start`; `prefix` (r, b, rb, br) is already matched. */
  private _string(start: number, prefix: string): void {
    const text = this._text;
    const raw = prefix !== '' && (prefix.includes('r') || prefix.includes('R'));
    const bytes = prefix !== '' && (prefix.includes('b') || prefix.includes('B'));
    const quoteAt = start + prefix.length;
    const q = text[quoteAt];
    const quote = q.charCodeAt(0);
    const triple = text.charCodeAt(quoteAt + 1) === quote && text.charCodeAt(quoteAt + 2) === quote;
    const delimiter = triple ? q.repeat(3) : q;
    const bodyStart = quoteAt + delimiter.length;
    let i = bodyStart;
    let closed = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (!triple && (c === LF || c === CR)) break;
      if (c === BACKSLASH && !raw) {
        // An escape never swallows a line break: a single-line string then ends unterminated.
        const next = text.charCodeAt(i + 1);
        i += !triple && (next === LF || next === CR) ? 1 : 2;
        continue;
      }
      if (c === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
        closed = true;
        break;
      }
      i++;
    }
    const bodyEnd = Math.min(i, text.length);
    this._pos = closed ? bodyEnd + delimiter.length : bodyEnd;
    const body = text.slice(bodyStart, bodyEnd);
    if (!closed) this._reportUnterminated(start, quoteAt, q, delimiter, body, bodyStart, bodyEnd);

    let value: LiteralValue;
    let problems: readonly EscapeProblem[] = [];
    if (bytes) {
      const decoded = decodeBytes(body, raw);
      value = { type: 'bytes', value: decoded.value };
      problems = decoded.problems;
    } else if (raw || !body.includes('\\')) {
      value = { type: 'string', value: body };
    } else {
      const decoded = decodeString(body);
      value = { type: 'string', value: decoded.value };
      problems = decoded.problems;
    }
    this._reportEscapes(problems, body, bodyStart, quoteAt, bytes);
    this._push(bytes ? 'bytes' : 'string', start, value, raw);
  }

  private _reportUnterminated(start: number, quoteAt: number, q: string, delimiter: string, body: string, bodyStart: number, bodyEnd: number): void {
    const other = q === '"' ? "'" : '"';
    const mismatched = delimiter.length === 1 && body.includes(other);
    const { line, column } = lineColumnOf(this._text, start);
    // With a mismatched quote the person typed a closer, just the wrong one: fix that one.
    const fix = mismatched
      ? replaceFix(`Close with \`${q}\``, { start: bodyStart + body.lastIndexOf(other), end: bodyStart + body.lastIndexOf(other) + 1 }, q, true)
      : replaceFix(`Add \`${delimiter}\` at the end of the ${delimiter.length === 1 ? 'line' : 'filter'}`, { start: bodyEnd, end: bodyEnd }, delimiter, true);
    this._sink.report('kfl/unterminated-string', { start, end: bodyEnd }, { line, column, mismatched: mismatched ? 1 : 0, quote: delimiter, opened: quoteAt }, [fix]);
  }

  private _reportEscapes(problems: readonly EscapeProblem[], body: string, bodyStart: number, quoteAt: number, bytes: boolean): void {
    if (problems.length === 0) return;
    // Raw form keeps every backslash literally: right only when no escape in the body was meant as one.
    const onlyUnknown = problems.every((p) => p.reason === 'unknown') && countEscapes(body) === problems.length;
    for (const p of problems) {
      const span = { start: bodyStart + p.start, end: bodyStart + p.end };
      const escape = body.slice(p.start, p.end);
      const fixes = [];
      if (onlyUnknown) fixes.push(replaceFix('Make it a raw string `r"…"`', { start: quoteAt, end: quoteAt }, 'r', true));
      if (p.reason === 'unknown') fixes.push(replaceFix(`Escape the backslash: \`\\${escape}\``, { start: span.start, end: span.start }, '\\'));
      this._sink.report('kfl/bad-escape', span, { escape, reason: p.reason, literal: bytes ? 'bytes' : 'string' }, fixes);
    }
  }
}

/** Number of backslash escapes in a body (each `\\` counts once). */
function countEscapes(body: string): number {
  let count = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      count++;
      i++;
    }
  }
  return count;
}
