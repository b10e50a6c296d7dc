// RE2-compatible regular expressions for `matches`.
//
// Compatibility is guaranteed by construction, not by translation: every pattern is parsed and
// compiled by re2js, a port of RE2/J that mirrors Go's regexp/syntax (the engine cel-go uses), with
// the same Perl flag set (no look-behind flag). JavaScript's RegExp is never used, so there is no
// syntax that JS accepts and RE2 rejects (look-around, back-references, possessive quantifiers) or
// the other way round (`\pL`, `[[:alpha:]]`, `\z`, `(?P<n>…)`), and matching runs in linear time
// on hostile input. The only shortcut is for patterns that are a plain literal, optionally
// anchored, which are answered with startsWith/endsWith/includes — exactly RE2's semantics for
// them (without `(?m)`, `^`/`$` anchor at the text's start/end).
import { RE2JS, RE2JSException } from 're2js';

/** Why RE2 rejects a pattern. `construct` is the offending text, when RE2 names one. */
export interface RegexProblem {
  kind: RegexProblemKind;
  construct: string;
  /** RE2's own description, e.g. `invalid repeat count`. */
  detail: string;
}

export type RegexProblemKind =
  | 'look-behind' | 'look-ahead' | 'back-reference' | 'possessive'
  | 'missing-bracket' | 'missing-paren' | 'unexpected-paren' | 'syntax';

/** A compiled pattern: unanchored search, like RE2's PartialMatch and Go's MatchString. */
export type RegexTest = (input: string) => boolean;

export type RegexResult = { ok: true; test: RegexTest } | { ok: false; problem: RegexProblem };

/** Checks a pattern for the language server (`kfl/invalid-regex`); undefined when RE2 accepts it. */
export function validateRegex(pattern: string): RegexProblem | undefined {
  const result = compileRegex(pattern);
  return result.ok ? undefined : result.problem;
}

/** The spec's wording for a problem (spec §11.7). */
export function describeRegexProblem(problem: RegexProblem): string {
  switch (problem.kind) {
    case 'look-behind': return `RE2 does not support look-behind \`${problem.construct}\`.`;
    case 'look-ahead': return `RE2 does not support look-ahead \`${problem.construct}\`.`;
    case 'back-reference': return 'RE2 does not support back-references.';
    case 'possessive': return `RE2 does not support possessive quantifiers \`${problem.construct}\`.`;
    case 'missing-bracket': return 'Invalid regular expression: missing `]`.';
    case 'missing-paren': return 'Invalid regular expression: missing `)`.';
    case 'unexpected-paren': return 'Invalid regular expression: unexpected `)` without a matching `(`.';
    case 'syntax':
      return problem.construct === ''
        ? `Invalid regular expression: ${problem.detail}.`
        : `Invalid regular expression: ${problem.detail} \`${problem.construct}\`.`;
  }
}

// Patterns often come from literals (compiled once per query) but may come from record data, so
// the cache is bounded: least recently used entries go first.
const CACHE_LIMIT = 256;
const cache = new Map<string, RegexResult>();

/** Compiles (or fetches from the cache) a pattern. Never throws. */
export function compileRegex(pattern: string): RegexResult {
  const cached = cache.get(pattern);
  if (cached !== undefined) {
    cache.delete(pattern);
    cache.set(pattern, cached);
    return cached;
  }
  const result = compileUncached(pattern);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, result);
  return result;
}

function compileUncached(pattern: string): RegexResult {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error: unknown) {
    return { ok: false, problem: classify(error, pattern) };
  }
  return { ok: true, test: literalTest(pattern) ?? ((input) => compiled.test(input)) };
}

const PERL_GROUP = /^\(\?(<=|<!|=|!)/;

function classify(error: unknown, pattern: string): RegexProblem {
  const described = describeError(error);
  const { detail, construct } = described;
  const group = PERL_GROUP.exec(construct);
  if (group !== null && (detail === 'invalid named capture' || detail === 'invalid or unsupported Perl syntax')) {
    const opener = `(?${group[1]}`;
    return { kind: opener.startsWith('(?<') ? 'look-behind' : 'look-ahead', construct: opener, detail };
  }
  if (detail === 'invalid escape sequence' && /^\\([1-9]|k)/.test(construct)) return { kind: 'back-reference', construct, detail };
  // Python's named back-reference `(?P=name)`: RE2 names only the `(?P` it stopped at.
  if (detail === 'invalid or unsupported Perl syntax' && construct === '(?P' && pattern.includes('(?P=')) return { kind: 'back-reference', construct: '(?P=', detail };
  if (detail === 'invalid nested repetition operator' && construct.endsWith('+')) return { kind: 'possessive', construct, detail };
  if (detail === 'missing closing ]') return { kind: 'missing-bracket', construct, detail };
  if (detail === 'missing closing )') return { kind: 'missing-paren', construct, detail };
  if (detail === 'unexpected )') return { kind: 'unexpected-paren', construct, detail };
  return { kind: 'syntax', construct, detail };
}

/** re2js reports `error parsing regexp: <detail>: \`<construct>\``; other failures keep their text. */
function describeError(error: unknown): { detail: string; construct: string } {
  if (!(error instanceof RE2JSException)) return { detail: String(error), construct: '' };
  const match = /^error parsing regexp: (.*?)(?:: `([^]*)`)?$/.exec(error.message);
  if (match === null) return { detail: error.message, construct: '' };
  return { detail: match[1] ?? error.message, construct: match[2] ?? '' };
}

// Outside a class, RE2 treats these as operators; a backslash before any ASCII punctuation makes
// it literal.
const META = new Set('\\.+*?()|[]{}^$');
const PUNCTUATION = /[!-/:-@[-`{-~]/;

/** A string-method test for `^?literal$?` patterns, or undefined when the pattern is not one. */
function literalTest(pattern: string): RegexTest | undefined {
  const anchoredStart = pattern.startsWith('^');
  let end = pattern.length;
  let anchoredEnd = false;
  if (end > (anchoredStart ? 1 : 0) && pattern[end - 1] === '$' && !endsWithEscape(pattern, end - 1)) {
    anchoredEnd = true;
    end -= 1;
  }
  let literal = '';
  for (let i = anchoredStart ? 1 : 0; i < end; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || i + 1 >= end || !PUNCTUATION.test(next)) return undefined;
      literal += next;
      i++;
    } else if (META.has(ch)) {
      return undefined;
    } else {
      literal += ch;
    }
  }
  if (anchoredStart && anchoredEnd) return (input) => input === literal;
  if (anchoredStart) return (input) => input.startsWith(literal);
  if (anchoredEnd) return (input) => input.endsWith(literal);
  return (input) => input.includes(literal);
}

/** Whether the character at `index` is escaped by an odd run of backslashes before it. */
function endsWithEscape(pattern: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && pattern[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}
