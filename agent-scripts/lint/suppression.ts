import { type Comment } from 'acorn';
import { type Finding } from '../types';
import { type LineMap } from '../text/lineMap';

const ALL = '*';

/**
 * Suppression comments (spec §9): `// agent-lint-disable-next-line <rule>[, <rule>…]` for the next
 * line, `/* agent-lint-disable <rule>, … *\/` for the whole file. Without rule ids, every rule.
 */
export function applySuppressions(findings: readonly Finding[], comments: readonly Comment[], lines: LineMap): Finding[] {
  const fileWide = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  for (const comment of comments) {
    const match = /^\s*agent-lint-disable(-next-line)?(?:\s+([\s\S]*?))?\s*$/.exec(comment.value);
    if (!match) continue;
    const rules = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
    const ids = rules.length > 0 ? rules : [ALL];
    if (match[1]) {
      const line = lines.lineOf(comment.end) + 1;
      const set = byLine.get(line) ?? new Set<string>();
      for (const id of ids) set.add(id);
      byLine.set(line, set);
    } else {
      for (const id of ids) fileWide.add(id);
    }
  }
  if (fileWide.size === 0 && byLine.size === 0) return [...findings];
  return findings.filter((f) => {
    if (fileWide.has(ALL) || fileWide.has(f.rule)) return false;
    const onLine = byLine.get(lines.lineOf(f.start));
    return !(onLine && (onLine.has(ALL) || onLine.has(f.rule)));
  });
}
