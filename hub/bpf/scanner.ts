import { type BpfError } from './ast';

export const enum TokenKind {
  Word = 'word',
  LParen = '(',
  RParen = ')',
  Not = '!',
  And = '&&',
  Or = '||',
  Slash = '/',
  Rel = 'rel',
  End = 'end',
}

export interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
}

const WORD_CHAR = /[A-Za-z0-9_.:-]/;
const RELOPS = ['<=', '>=', '==', '!=', '<', '>', '='];

/** Splits an expression into tokens; a character outside the language is an error with its offset. */
export function scan(input: string): Token[] | BpfError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (WORD_CHAR.test(c)) {
      const start = i;
      while (i < input.length && WORD_CHAR.test(input[i]!)) i++;
      tokens.push({ kind: TokenKind.Word, text: input.slice(start, i), offset: start });
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ kind: two === '&&' ? TokenKind.And : TokenKind.Or, text: two, offset: i });
      i += 2;
      continue;
    }
    const rel = RELOPS.find((op) => input.startsWith(op, i));
    if (rel) {
      tokens.push({ kind: TokenKind.Rel, text: rel, offset: i });
      i += rel.length;
      continue;
    }
    if (c === '(' || c === ')' || c === '!' || c === '/') {
      tokens.push({ kind: c as TokenKind, text: c, offset: i });
      i++;
      continue;
    }
    return { message: `unexpected character '${c}'`, offset: i, length: 1 };
  }
  tokens.push({ kind: TokenKind.End, text: '', offset: input.length });
  return tokens;
}
