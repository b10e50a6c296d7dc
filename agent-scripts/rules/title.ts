import { type Comment } from 'acorn';
import { AGENT_SCRIPT_MARKER, findTitle, titleFromPath } from '../lint/title';
import { metaMessages as m } from '../messages';
import { lineBreak } from '../text/source';
import { type Fix } from '../types';
import { type RuleContext } from './context';

/**
 * meta/* rules (spec §1.1, §9.2). They read only comments, so they also run on files that do not
 * parse.
 */
export function checkTitle(text: string, comments: readonly Comment[], ctx: RuleContext): void {
  const title = findTitle(text, comments);
  if (!title || title.title === '') {
    ctx.report('meta/missing-title', 0, firstLineEnd(text), m.missingTitle(), { fixes: titleFix(text, comments, ctx.options.path) });
    return;
  }
  if (title.title.includes(',')) ctx.report('meta/title-comma', title.start, title.end, m.titleComma());
  if (title.title === 'New Script') ctx.report('meta/reserved-title', title.start, title.end, m.reservedTitle());
  const clash = ctx.others.filter((o) => o.title === title.title).map((o) => o.path).sort()[0];
  if (clash !== undefined) ctx.report('meta/duplicate-title', title.start, title.end, m.duplicateTitle(title.title, clash));
}

function firstLineEnd(text: string): number {
  const end = text.search(/[\r\n\u2028\u2029]/);
  return end < 0 ? text.length : end;
}

/** Inserts `// <Title>` as the first line (after a hashbang or opt-in marker line, which must stay first). */
function titleFix(text: string, comments: readonly Comment[], path: string | undefined): Fix[] {
  const first = comments[0];
  const keepFirstLine = text.startsWith('#!') || (first?.start === 0 && first.type === 'Line' && first.value.trim() === AGENT_SCRIPT_MARKER);
  const nl = lineBreak(text);
  const line = `// ${titleFromPath(path)}`;
  const at = keepFirstLine ? firstLineEnd(text) : 0;
  const newText = keepFirstLine ? `${nl}${line}` : `${line}${nl}`;
  return [{ title: `Add the title "${titleFromPath(path)}"`, preferred: true, edits: [{ start: at, end: at, newText }] }];
}
