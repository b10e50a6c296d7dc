import { type ScriptModel } from '../lint/model';
import { es5Messages as m } from '../messages';
import { type RuleContext } from './context';

export interface RegexFeature {
  readonly feature: string;
  /** Offsets into the pattern. */
  readonly start: number;
  readonly end: number;
}

/**
 * Regex features RE2 lacks (spec §2): look-ahead, look-behind, named groups, back-references.
 * Character classes and escapes are skipped so `[(?=]` and `\(` are not mistaken for groups.
 */
export function unsupportedRegexFeatures(pattern: string): RegexFeature[] {
  const found: RegexFeature[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next)) {
        const digits = /^[0-9]+/.exec(pattern.slice(i + 1))![0];
        found.push({ feature: 'Back-references', start: i, end: i + 1 + digits.length });
      } else if (next === 'k' && pattern[i + 2] === '<') {
        const close = pattern.indexOf('>', i);
        found.push({ feature: 'Back-references', start: i, end: close < 0 ? i + 2 : close + 1 });
      }
      i++;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else if (c === '(' && pattern[i + 1] === '?') {
      const kind = groupKind(pattern.slice(i + 2, i + 4));
      if (kind) found.push({ feature: kind.feature, start: i, end: i + 2 + kind.length });
    }
  }
  return found;
}

function groupKind(after: string): { feature: string; length: number } | undefined {
  if (after.startsWith('=') || after.startsWith('!')) return { feature: 'Look-ahead', length: 1 };
  if (after === '<=' || after === '<!') return { feature: 'Look-behind', length: 2 };
  if (after.startsWith('<')) return { feature: 'Named groups', length: 1 };
  return undefined;
}

/** Index of the `]` closing the class opened at `open` (escapes inside honoured). */
function classEnd(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}

/** es5/regex-unsupported on regex literals and on `new RegExp("literal")`. */
export function checkRegex(model: ScriptModel, ctx: RuleContext): void {
  for (const lit of model.nodes('Literal')) {
    if (!lit.regex) continue;
    for (const f of unsupportedRegexFeatures(lit.regex.pattern)) {
      ctx.report('es5/regex-unsupported', lit.start + 1 + f.start, lit.start + 1 + f.end, m.regexUnsupported(f.feature));
    }
  }
  for (const call of [...model.nodes('NewExpression'), ...model.nodes('CallExpression')]) {
    const pattern = call.arguments[0];
    if (!model.isGlobalRef(call.callee, 'RegExp') || pattern?.type !== 'Literal' || typeof pattern.value !== 'string') continue;
    // Escapes make string offsets differ from pattern offsets, so the whole literal is marked.
    const seen = new Set<string>();
    for (const f of unsupportedRegexFeatures(pattern.value)) {
      if (seen.has(f.feature)) continue;
      seen.add(f.feature);
      ctx.report('es5/regex-unsupported', pattern.start, pattern.end, m.regexUnsupported(f.feature));
    }
  }
}
