import { type LiteralValue, type Span } from '../ast';

/** Punctuation and operators; each is its own token kind, named by its text. */
export type OperatorKind =
  | '(' | ')' | '[' | ']' | '{' | '}' | '.' | ',' | ':' | '?'
  | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '!' | '+' | '-' | '*' | '/' | '%';

export type TokenKind =
  | OperatorKind
  /** `[_a-zA-Z][_a-zA-Z0-9]*`, reserved words included (the parser decides where they may stand). */
  | 'ident'
  /** `` `name` ``: a backtick-quoted field name, which KFL2 does not support. */
  | 'quoted-ident'
  | 'in' | 'true' | 'false' | 'null'
  | 'int' | 'uint' | 'double' | 'string' | 'bytes'
  | 'eof';

export interface Token extends Span {
  readonly kind: TokenKind;
  /** Decoded value of a literal token (best effort when the literal has an error). */
  readonly value: LiteralValue | undefined;
  /** A raw string or bytes literal (`r"…"`). */
  readonly raw: boolean;
}

/** Tokens that can begin an operand; used for recovery decisions and KFL v1 detection. */
export const OPERAND_START: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'ident', 'quoted-ident', 'true', 'false', 'null', 'int', 'uint', 'double', 'string', 'bytes', '(', '[', '{', '!', '-', '.',
]);

/** Tokens after which a complete operand has just ended (so a following `-` is binary). */
export const OPERAND_END: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'ident', 'quoted-ident', 'true', 'false', 'null', 'int', 'uint', 'double', 'string', 'bytes', ')', ']', '}',
]);

/** Closers and their openers. */
export const OPENER_OF: Readonly<Partial<Record<TokenKind, OperatorKind>>> = { ')': '(', ']': '[', '}': '{' };
export const CLOSER_OF: Readonly<Partial<Record<TokenKind, OperatorKind>>> = { '(': ')', '[': ']', '{': '}' };
