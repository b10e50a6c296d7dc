import { type Comment, type Options, type Program, parse as acornParse } from 'acorn';

export interface SyntaxErrorInfo {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface ParseResult {
  /** Undefined when the text is not JavaScript at any ECMAScript version. */
  readonly program: Program | undefined;
  /** Every comment, in source order (also when parsing failed: the title rules still need them). */
  readonly comments: readonly Comment[];
  readonly syntaxError: SyntaxErrorInfo | undefined;
}

/**
 * Parses at the latest ECMAScript version in script mode, so every post-ES5 construct shows up in
 * the tree and gets its own precise finding, instead of stopping at the first one as an ES5 parser
 * would. Modules and top-level `await` are let through so that they, too, are reported as ES5
 * findings rather than as a bare syntax error.
 */
export function parseScript(text: string): ParseResult {
  const base: Options = { ecmaVersion: 'latest', sourceType: 'script', allowImportExportEverywhere: true, allowHashBang: true };
  const first = attempt(text, base);
  if (first.program) return first;
  // `await` is an identifier in ES5 scripts, so it is only treated as a keyword when the plain
  // parse fails (a top-level `await g()` then parses and is reported as es5/no-async).
  const retry = attempt(text, { ...base, allowAwaitOutsideFunction: true });
  return retry.program ? retry : first;
}

function attempt(text: string, options: Options): ParseResult {
  const comments: Comment[] = [];
  try {
    const program = acornParse(text, { ...options, onComment: comments });
    return { program, comments, syntaxError: undefined };
  } catch (err) {
    // The comments seen before the error are enough for the title and suppressions above it.
    return { program: undefined, comments, syntaxError: describeError(text, err) };
  }
}

function describeError(text: string, err: unknown): SyntaxErrorInfo {
  if (err instanceof RangeError) {
    // Acorn is recursive; absurd nesting exhausts the stack instead of failing on a token.
    return { message: 'The code is nested too deeply to analyse.', start: 0, end: Math.min(text.length, 1) };
  }
  const raw = err instanceof Error ? err.message : String(err);
  const message = raw.replace(/\s*\(\d+:\d+\)$/, '');
  const pos = readPos(err);
  const start = Math.max(0, Math.min(pos ?? 0, text.length));
  return { message: `${message}.`, start, end: tokenEnd(text, start) };
}

function readPos(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('pos' in err)) return undefined;
  const pos = (err as { pos: unknown }).pos;
  return typeof pos === 'number' && Number.isFinite(pos) ? pos : undefined;
}

/** End of the word or single character at `start`, so the error underlines the offending token. */
function tokenEnd(text: string, start: number): number {
  const word = /[\w$]+/y;
  word.lastIndex = start;
  if (word.test(text)) return word.lastIndex;
  return Math.min(text.length, start + 1);
}
