// The KFL rules by which the checker deliberately rejects expressions that CEL accepts. A
// conformance test in KFL's subset that does not pass must be rejected by one of them; a failure
// for any other reason is a gap in KFL, and the conformance test says so.
import { type KflDiagnostic } from '../../../../kfl/diagnostics';

interface DeliberateRule {
  readonly code: string;
  /** The diagnostic's `reason` argument, when the code covers several rules. */
  readonly reason?: string;
  readonly why: string;
}

const EDIT_TIME = 'a literal the engine cannot represent is an edit-time error (spec §11.7), where CEL reports an evaluation error';

const RULES: readonly DeliberateRule[] = [
  { code: 'kfl/type-mismatch', reason: 'list-elements', why: 'list literals are homogeneous; `null` is of its own type null_type (spec §6 rule 7)' },
  { code: 'kfl/type-mismatch', reason: 'map-keys', why: 'map literal keys have one type (spec §6 rule 7)' },
  { code: 'kfl/type-mismatch', reason: 'map-values', why: 'map literal values have one type; `null` is of its own type null_type (spec §6 rule 7)' },
  { code: 'kfl/type-mismatch', reason: 'duplicate-key', why: 'a duplicate literal map key is an edit-time error (spec §3), where CEL reports an evaluation error' },
  { code: 'kfl/invalid-timestamp', why: EDIT_TIME },
  { code: 'kfl/invalid-duration', why: EDIT_TIME },
];

/** The deliberate rules behind a rejection, each once; empty when none applies. */
export function deliberateRules(diagnostics: readonly KflDiagnostic[]): string[] {
  const whys = diagnostics.flatMap((d) => RULES.filter((r) => r.code === d.code && (r.reason === undefined || r.reason === d.args.reason)).map((r) => r.why));
  return [...new Set(whys)];
}
