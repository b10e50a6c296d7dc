import { RULES, type RuleId, type Severity } from '../rules';
import { type Finding, type Fix } from '../types';

export interface ReportOptions {
  readonly fixes?: readonly Fix[];
  /** For rules whose severity depends on the case (spec §9: console.* helpers, cross-file tags, …). */
  readonly severity?: Severity;
}

/** Collects findings; ranges are clamped into the text so a finding can never point outside the file. */
export class Reporter {
  readonly findings: Finding[] = [];

  constructor(private readonly length: number) {}

  report(rule: RuleId, start: number, end: number, message: string, options: ReportOptions = {}): void {
    const s = Math.max(0, Math.min(start, this.length));
    const e = Math.max(s, Math.min(end, this.length));
    this.findings.push({ rule, severity: options.severity ?? RULES[rule].severity, start: s, end: e, message, fixes: options.fixes ?? [] });
  }
}
