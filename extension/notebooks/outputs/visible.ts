/**
 * Captured text may hold characters that change how the text around them reads (bidi overrides
 * that reverse a path on screen, zero-width characters inside a name, controls). The markdown
 * fallback and the report show each as a visible escape (`\u202E`), as the webviews do.
 */

// C0/C1 controls except tab; soft hyphen; Arabic letter mark; zero-width and bidi marks; line and
// paragraph separators; bidi embeddings, overrides and isolates; invisible operators; BOM.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

function escapeOf(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Splits text into plain runs and invisible characters (as their escapes), in order. */
export function visibleParts(text: string): { text: string; escape: boolean }[] {
  const parts: { text: string; escape: boolean }[] = [];
  let last = 0;
  INVISIBLE.lastIndex = 0;
  for (let match = INVISIBLE.exec(text); match; match = INVISIBLE.exec(text)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), escape: false });
    parts.push({ text: escapeOf(match[0]), escape: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), escape: false });
  return parts;
}

/** The text with every invisible character replaced by its escape. */
export function visibleString(text: string): string {
  return text.replace(INVISIBLE, escapeOf);
}
