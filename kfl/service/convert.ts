/** "Convert to KFL2" and code actions (the quick fixes of the diagnostics in a range). */
import { analyze } from '../analyze';
import { type KflTextEdit } from '../diagnostics';
import { analysisOf } from './session';
import { type KflCodeAction, type ServiceOptions } from './types';

/** Rounds of rewriting; each removes at least one v1 construct, and nested ones need a round per level. */
const MAX_ROUNDS = 16;

/**
 * Applies every KFL v1 fix at once: `http and response.status == 500 and request.path contains
 * "/api"` → `http && status_code == 500 && path.contains("/api")`. Fixes that overlap (an infix
 * `contains` around a v1 path) are applied innermost first, over several rounds.
 */
export function convertToKfl2(text: string, options: Pick<ServiceOptions, 'timeZone'> = {}): { text: string; changed: boolean } {
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const edits = analyze(current, { timeZone: options.timeZone })
      .diagnostics.filter((d) => d.code === 'kfl/v1-syntax' && d.fixes.length > 0)
      .flatMap((d) => (d.fixes.find((f) => f.preferred) ?? d.fixes[0]).edits);
    const chosen = nonOverlapping(edits);
    if (chosen.length === 0) break;
    current = applyEdits(current, chosen);
  }
  return { text: current, changed: current !== text };
}

/** Smallest edits first; an edit that overlaps one already chosen waits for the next round. */
function nonOverlapping(edits: readonly KflTextEdit[]): KflTextEdit[] {
  const chosen: KflTextEdit[] = [];
  const bySize = [...edits].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  for (const edit of bySize) {
    const overlaps = chosen.some((c) => edit.start < c.end && c.start < edit.end || (edit.start === c.start && edit.end === c.end) || (edit.start === edit.end && c.start <= edit.start && edit.start <= c.end));
    if (!overlaps) chosen.push(edit);
  }
  return chosen;
}

/** Applies non-overlapping edits. */
export function applyEdits(text: string, edits: readonly KflTextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** Quick fixes of the diagnostics that touch [start, end], plus "Convert to KFL2" when the filter has v1 syntax. */
export function codeActions(text: string, start: number, end: number, options: ServiceOptions = {}): KflCodeAction[] {
  const analysis = analysisOf(text, options);
  const actions: KflCodeAction[] = [];
  for (const diagnostic of analysis.diagnostics) {
    if (diagnostic.end < start || diagnostic.start > end) continue;
    for (const fix of diagnostic.fixes) actions.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, preferred: fix.preferred, diagnostic });
  }
  if (analysis.diagnostics.some((d) => d.code === 'kfl/v1-syntax')) {
    const converted = convertToKfl2(text, options);
    if (converted.changed) actions.push({ title: 'Convert to KFL2', kind: 'source', edits: [{ start: 0, end: text.length, newText: converted.text }] });
  }
  return actions;
}
