/**
 * Canonical formatting from the token stream, so comments, parentheses and the person's line
 * breaks survive: single spaces around binary operators, none inside brackets or around `.`,
 * `, ` and `key: value`, unary operators attached, at most one blank line, continuation lines
 * indented by two spaces plus two per open bracket (a line starting with a closer by one less),
 * no trailing whitespace. Token texts are
 * copied verbatim, so the result parses to the same tree; formatting is idempotent. A filter
 * with syntax errors is returned unchanged: the scanner skips characters it cannot read, and a
 * formatter must never drop text.
 */
import { type CheckedAnalysis } from '../checked';
import { type DiagnosticCode } from '../diagnostics';
import { OPERAND_END, type Token, type TokenKind } from '../syntax/tokens';
import { analysisOf } from './session';
import { type ServiceOptions } from './types';

const SYNTAX_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'kfl/invalid-char', 'kfl/unterminated-string', 'kfl/bad-escape', 'kfl/bad-number', 'kfl/unexpected-token', 'kfl/unexpected-end', 'kfl/unbalanced', 'kfl/reserved-word', 'kfl/limits',
]);
const OPENERS: ReadonlySet<TokenKind> = new Set<TokenKind>(['(', '[', '{']);
const CLOSERS: ReadonlySet<TokenKind> = new Set<TokenKind>([')', ']', '}']);

export function format(text: string, options: ServiceOptions = {}): string {
  const analysis = analysisOf(text, options);
  if (analysis.diagnostics.some((d) => SYNTAX_CODES.has(d.code)) || hasV1Words(analysis)) return text;
  return new Printer(text).print(pieces(analysis));
}

/** `and`/`or`/`not` read as operators would be printed as names: leave v1 text alone. */
function hasV1Words(analysis: CheckedAnalysis): boolean {
  return analysis.diagnostics.some((d) => d.code === 'kfl/v1-syntax' && ['and', 'or', 'not', 'infix'].includes(String(d.args.construct)));
}

type Piece = { kind: 'token'; token: Token; start: number; end: number } | { kind: 'comment'; start: number; end: number };

/** Tokens and comments in text order (without the final `eof`). */
function pieces(analysis: CheckedAnalysis): Piece[] {
  const out: Piece[] = [];
  let c = 0;
  for (const token of analysis.tokens) {
    while (c < analysis.comments.length && analysis.comments[c].start < token.start) out.push({ kind: 'comment', ...analysis.comments[c++] });
    if (token.kind !== 'eof') out.push({ kind: 'token', token, start: token.start, end: token.end });
  }
  return out;
}

class Printer {
  private _out = '';
  /** Open brackets, each with the number of `?` still waiting for their `:`. */
  private readonly _brackets: { kind: TokenKind; pendingQuestions: number }[] = [{ kind: 'eof', pendingQuestions: 0 }];
  private _previous: Token | undefined;
  private _unaryMinusAt = -1;
  private _codeSeen = false;

  constructor(private readonly _text: string) {}

  print(pieces: readonly Piece[]): string {
    let lastEnd = 0;
    for (const piece of pieces) {
      const newlines = lineBreaks(this._text.slice(lastEnd, piece.start));
      const startsLine = this._out === '' || newlines > 0;
      if (this._out !== '' && newlines > 0) this._out += '\n'.repeat(Math.min(newlines, 2));
      if (piece.kind === 'comment') {
        if (startsLine) this._out += this._indent();
        else this._out += ' ';
        this._out += this._text.slice(piece.start, piece.end).trimEnd();
      } else {
        this._token(piece.token, startsLine);
      }
      lastEnd = piece.end;
    }
    const trailingNewline = /\n\s*$/.test(this._text.slice(lastEnd)) && this._out !== '';
    return this._out.replace(/[ \t]+$/gm, '') + (trailingNewline ? '\n' : '');
  }

  private _token(token: Token, startsLine: boolean): void {
    const kind = token.kind;
    if (CLOSERS.has(kind) && this._brackets.length > 1) this._brackets.pop();
    const text = this._text.slice(token.start, token.end);
    if (startsLine) this._out += this._indent();
    else this._out += this._spaceBefore(token);
    this._out += text;
    // A `-` with no operand before it is unary and binds to what follows.
    if (kind === '-' && !(this._previous && OPERAND_END.has(this._previous.kind))) this._unaryMinusAt = token.start;
    const top = this._brackets[this._brackets.length - 1];
    if (kind === '?') top.pendingQuestions++;
    if (kind === ':' && top.pendingQuestions > 0) top.pendingQuestions--;
    if (OPENERS.has(kind)) this._brackets.push({ kind, pendingQuestions: 0 });
    this._previous = token;
    this._codeSeen = true;
  }

  /** Lines after the first line of code continue the one expression: one level, plus one per open bracket. */
  private _indent(): string {
    const depth = this._brackets.length - 1;
    return '  '.repeat(depth + (this._codeSeen ? 1 : 0));
  }

  private _spaceBefore(token: Token): string {
    const previous = this._previous;
    if (!previous) return '';
    const kind = token.kind;
    const prev = previous.kind;
    if (OPENERS.has(prev) || prev === '.' || prev === '!' || this._unaryMinusAt === previous.start) return '';
    if (CLOSERS.has(kind) || kind === ',' || kind === '.') return '';
    if (kind === '(' || kind === '[') return OPERAND_END.has(prev) ? '' : ' ';
    if (kind === ':') return this._isTernaryColon() ? ' ' : '';
    return ' ';
  }

  /** A `:` closes a pending `?` at this bracket level; otherwise it separates a map key and value. */
  private _isTernaryColon(): boolean {
    return this._brackets[this._brackets.length - 1].pendingQuestions > 0;
  }
}

function lineBreaks(gap: string): number {
  return (gap.match(/\r\n|\r|\n/g) ?? []).length;
}
