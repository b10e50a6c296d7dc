/**
 * Diagnostics as data: a code (spec §11), a severity, the smallest range at fault, the message's
 * parameters and the quick fixes. The text is made at the edge by `messageOf` (messages.ts), so
 * everything that reasons about a problem keys on the code and the arguments.
 */
import { type Span } from './ast';

export type DiagnosticCode =
  | 'kfl/invalid-char'
  | 'kfl/unterminated-string'
  | 'kfl/bad-escape'
  | 'kfl/bad-number'
  | 'kfl/unexpected-token'
  | 'kfl/unexpected-end'
  | 'kfl/unbalanced'
  | 'kfl/reserved-word'
  | 'kfl/unknown-field'
  | 'kfl/unknown-function'
  | 'kfl/receiver'
  | 'kfl/arity'
  | 'kfl/type-mismatch'
  | 'kfl/macro-variable'
  | 'kfl/not-bool'
  | 'kfl/invalid-regex'
  | 'kfl/invalid-timestamp'
  | 'kfl/invalid-duration'
  | 'kfl/v1-syntax'
  | 'kfl/limits'
  | 'kfl/unsafe-index'
  | 'kfl/header-case'
  | 'kfl/unconfirmed'
  | 'kfl/shadow'
  | 'kfl/identity-hint'
  | 'kfl/perf';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Default severity per code (spec §11). `kfl/unconfirmed` is a warning or an info, chosen per case. */
export const SEVERITY: Readonly<Record<DiagnosticCode, Severity>> = {
  'kfl/invalid-char': 'error',
  'kfl/unterminated-string': 'error',
  'kfl/bad-escape': 'error',
  'kfl/bad-number': 'error',
  'kfl/unexpected-token': 'error',
  'kfl/unexpected-end': 'error',
  'kfl/unbalanced': 'error',
  'kfl/reserved-word': 'error',
  'kfl/unknown-field': 'error',
  'kfl/unknown-function': 'error',
  'kfl/receiver': 'error',
  'kfl/arity': 'error',
  'kfl/type-mismatch': 'error',
  'kfl/macro-variable': 'error',
  'kfl/not-bool': 'error',
  'kfl/invalid-regex': 'error',
  'kfl/invalid-timestamp': 'error',
  'kfl/invalid-duration': 'error',
  'kfl/v1-syntax': 'error',
  'kfl/limits': 'error',
  'kfl/unsafe-index': 'warning',
  'kfl/header-case': 'warning',
  'kfl/unconfirmed': 'warning',
  'kfl/shadow': 'warning',
  'kfl/identity-hint': 'info',
  'kfl/perf': 'hint',
};

/** One text replacement; offsets as in the AST (UTF-16, end exclusive). Insertion: start = end. */
export interface KflTextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface KflFix {
  title: string;
  edits: KflTextEdit[];
  /** The fix to apply when the editor offers "auto fix". */
  preferred?: boolean;
}

/** Message parameters. Keys per code are documented in messages.ts. */
export type DiagnosticArgs = Record<string, string | number>;

export interface KflDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** The smallest token or node at fault. */
  start: number;
  end: number;
  args: DiagnosticArgs;
  fixes: KflFix[];
}

/** Collects diagnostics for one analysis. Severity defaults to the code's. */
export class DiagnosticSink {
  readonly diagnostics: KflDiagnostic[] = [];

  report(code: DiagnosticCode, span: Span, args: DiagnosticArgs = {}, fixes: KflFix[] = [], severity: Severity = SEVERITY[code]): KflDiagnostic {
    const diagnostic: KflDiagnostic = { code, severity, start: span.start, end: span.end, args, fixes };
    this.diagnostics.push(diagnostic);
    return diagnostic;
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}

/** A fix that replaces one span. */
export function replaceFix(title: string, span: Span, newText: string, preferred?: boolean): KflFix {
  const fix: KflFix = { title, edits: [{ start: span.start, end: span.end, newText }] };
  if (preferred) fix.preferred = true;
  return fix;
}
