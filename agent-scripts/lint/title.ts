import { type Comment } from 'acorn';
import { significantChars } from '../text/source';

/** First-line comment that opts a file in as an agent script (see README, "What counts as an agent script"). */
export const AGENT_SCRIPT_MARKER = 'kubeshark-agent-script';

export interface TitleComment {
  readonly title: string;
  readonly start: number;
  readonly end: number;
}

/** Suppression comments and the opt-in marker are never the title (spec §9). */
export function isDirectiveComment(comment: Comment): boolean {
  const value = comment.value.trim();
  return value.startsWith('agent-lint-disable') || value === AGENT_SCRIPT_MARKER;
}

/**
 * The script's title (spec §1.1): its first comment, if no code comes before it. A hashbang line,
 * suppression comments and the opt-in marker are skipped.
 */
export function findTitle(text: string, comments: readonly Comment[]): TitleComment | undefined {
  for (const comment of comments) {
    if (comment.start === 0 && text.startsWith('#!')) continue;
    if (isDirectiveComment(comment)) continue;
    const codeBefore = significantChars(text, hashbangEnd(text), comment.start).length > 0;
    if (codeBefore) return undefined;
    return { title: comment.value.trim(), start: comment.start, end: comment.end };
  }
  return undefined;
}

function hashbangEnd(text: string): number {
  if (!text.startsWith('#!')) return 0;
  const end = text.search(/[\r\n\u2028\u2029]/);
  return end < 0 ? text.length : end;
}

/** `slow-call_tracker.js` → `Slow call tracker`: the title the missing-title fix proposes. */
export function titleFromPath(path: string | undefined): string {
  const base = (path ?? '').split(/[\\/]/).pop() ?? '';
  const words = base.replace(/\.[^.]*$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_.,-]+/).filter(Boolean);
  if (words.length === 0) return 'Agent script';
  const sentence = words.map((w) => w.toLowerCase()).join(' ');
  return sentence[0]!.toUpperCase() + sentence.slice(1);
}
