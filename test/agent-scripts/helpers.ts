import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Finding, type Fix, LineMap, type LintOptions, lintScript } from '../../agent-scripts/index';
import { FIXTURES_DIR } from '../support/paths';

export const AGENT_FIXTURES = path.join(FIXTURES_DIR, 'agent-scripts');

/** The env names the spec's examples assume (§10, §11). */
export const SPEC_ENV = new Set(['SLACK_WEBHOOK_URL', 'SLACK_TOKEN', 'SLACK_CHANNEL_ID', 'WEBHOOK_URL']);

export function readFixture(...parts: string[]): string {
  return readFileSync(path.join(AGENT_FIXTURES, ...parts), 'utf8');
}

/** `line rule severity` per finding, the form the spec's tables use. */
export function rows(text: string, findings: readonly Finding[]): string[] {
  const lines = new LineMap(text);
  return findings.map((f) => `${lines.lineOf(f.start)} ${f.rule} ${f.severity}`);
}

/** Applies non-overlapping edits (as LSP workspace edits are applied). */
export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Lints, applies the first fix of the first finding of `rule`, and lints the result. */
export function fixFirst(text: string, rule: string, options: LintOptions = {}): { before: Finding[]; fixed: string; after: Finding[] } {
  const before = lintScript(text, options);
  const finding = before.find((f) => f.rule === rule);
  if (!finding) throw new Error(`no ${rule} finding in:\n${text}`);
  const fix = finding.fixes[0];
  if (!fix) throw new Error(`the ${rule} finding has no fix`);
  const fixed = applyFix(text, fix);
  return { before, fixed, after: lintScript(fixed, options) };
}

/** Counts findings per rule (optionally only one severity). */
export function countByRule(findings: readonly Finding[], severity?: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (!severity || f.severity === severity) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
}
