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

const ONE_CHAR_OPERATORS: ReadonlySet<string> = new Set<OperatorKind>(['(', ')', '[', ']', '{', '}', '.', ',', ':', '?', '<', '>', '!', '+', '-', '*', '/', '%']);

/** The operator at `at`, the longest first (`<=` before `<`). */
function operatorAt(text: string, at: number): OperatorKind | undefined {
  const c = text[at];
  const next = text[at + 1];
  if ((next === '=' && (c === '=' || c === '!' || c === '<' || c === '>')) || (next === c && (c === '&' || c === '|'))) return (c + next) as OperatorKind;
  return ONE_CHAR_OPERATORS.has(c) ? (c as OperatorKind) : undefined;
}

/** Lone characters that are near misses of an operator: reported, then read as the operator. */
const NEAR_MISS: ReadonlyMap<string, OperatorKind> = new Map<string, OperatorKind>([['=', '=='], ['&', '&&'], ['|', '||']]);

/** Digit strings longer than this are out of range for any integer type; not worth a BigInt. */
const MAX_INT_DIGITS = 40;
const OUT_OF_RANGE = 2n ** 64n;

// Character classes by code unit: the scanner looks at every character, so no regexes here.
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHexDigit = (c: string | undefined): boolean => isDigit(c) || (c !== undefined && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
const isIdentStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isIdentPart = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f';

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
      const c = text[this._pos];
      if (isSpace(c)) this._pos++;
      else if (c === '/' && text[this._pos + 1] === '/') this._comment();
      else if (isDigit(c) || (c === '.' && isDigit(text[this._pos + 1]))) this._number();
      else if (isIdentStart(c)) this._identOrString();
      else if (c === '"' || c === "'") this._string(this._pos, '');
      else if (c === '`') this._quotedIdent();
      else this._operatorOrInvalid();
    }
    this._tokens.push({ kind: 'eof', start: text.length, end: text.length, value: undefined, raw: false });
    return { tokens: this._tokens, comments: this._comments };
  }

  private _comment(): void {
    const start = this._pos;
    while (this._pos < this._text.length && this._text[this._pos] !== '\n' && this._text[this._pos] !== '\r') this._pos++;
    this._comments.push({ start, end: this._pos });
  }

  /** Every token has the same shape (value and raw present), which keeps the parser's reads fast. */
  private _push(kind: TokenKind, start: number, value?: LiteralValue, raw = false): void {
    this._tokens.push({ kind, start, end: this._pos, value, raw });
  }

  private _identOrString(): void {
    const start = this._pos;
    const text = this._text;
    // A string prefix is r, b, rb or br in any case, directly followed by a quote.
    const prefix = 'rRbB'.includes(text[start]) ? /^(?:[rR][bB]?|[bB][rR]?)(?=["'])/.exec(text.slice(start, start + 3))?.[0] : undefined;
    if (prefix !== undefined) {
      this._string(start, prefix);
      return;
    }
    while (isIdentPart(text[this._pos])) this._pos++;
    const word = text.slice(start, this._pos);
    this._push(KEYWORDS.get(word) ?? 'ident', start);
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
    return !(isSpace(c) || isIdentStart(c) || isDigit(c) || '"\'`'.includes(c) || NEAR_MISS.has(c) || operatorAt(this._text, at) !== undefined);
  }

  private _number(): void {
    const start = this._pos;
    const text = this._text;
    if (text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X')) {
      this._pos += 2;
      const digitsStart = this._pos;
      while (isHexDigit(text[this._pos])) this._pos++;
      const digits = text.slice(digitsStart, this._pos);
      if (digits === '') {
        this._sink.report('kfl/bad-number', { start, end: this._pos }, { text: text.slice(start, this._pos), reason: 'hex-digits' });
        this._push('int', start, { type: 'int', value: 0n });
        return;
      }
      this._integer(start, digits.length > MAX_INT_DIGITS ? OUT_OF_RANGE : BigInt(`0x${digits}`));
      return;
    }
    while (isDigit(text[this._pos])) this._pos++;
    let isDouble = false;
    if (text[this._pos] === '.' && isDigit(text[this._pos + 1])) {
      isDouble = true;
      this._pos++;
      while (isDigit(text[this._pos])) this._pos++;
    }
    if (text[this._pos] === 'e' || text[this._pos] === 'E') {
      isDouble = true;
      this._pos++;
      if (text[this._pos] === '+' || text[this._pos] === '-') this._pos++;
      if (!isDigit(text[this._pos])) {
        this._sink.report('kfl/bad-number', { start, end: this._pos }, { text: text.slice(start, this._pos), reason: 'exponent-digits' });
        this._push('double', start, { type: 'double', value: 0 });
        return;
      }
      while (isDigit(text[this._pos])) this._pos++;
    }
    if (isDouble) {
      const value = Number(text.slice(start, this._pos));
      if (!Number.isFinite(value)) this._sink.report('kfl/bad-number', { start, end: this._pos }, { text: text.slice(start, this._pos), reason: 'double-range' });
      this._push('double', start, { type: 'double', value: Number.isFinite(value) ? value : 0 });
      return;
    }
    const digits = text.slice(start, this._pos);
    this._integer(start, digits.length > MAX_INT_DIGITS ? OUT_OF_RANGE : BigInt(digits));
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
    const raw = prefix.includes('r') || prefix.includes('R');
    const bytes = prefix.includes('b') || prefix.includes('B');
    const quoteAt = start + prefix.length;
    const q = text[quoteAt];
    const delimiter = text.startsWith(q.repeat(3), quoteAt) ? q.repeat(3) : q;
    const bodyStart = quoteAt + delimiter.length;
    let i = bodyStart;
    let closed = false;
    while (i < text.length) {
      const c = text[i];
      if (delimiter.length === 1 && (c === '\n' || c === '\r')) break;
      if (c === '\\' && !raw) {
        // An escape never swallows a line break: a single-line string then ends unterminated.
        i += delimiter.length === 1 && (text[i + 1] === '\n' || text[i + 1] === '\r') ? 1 : 2;
        continue;
      }
      if (text.startsWith(delimiter, i)) {
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
    } else if (raw) {
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
