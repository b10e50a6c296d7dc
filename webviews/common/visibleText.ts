/**
 * Captured text may carry characters that change how text around them reads: bidi overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) that reverse a path on screen, zero-width characters
 * that hide inside a name, and control characters. Such characters are shown as a visible escape
 * (`\u202E`) in a marked span, so what is on screen is exactly what was on the wire.
 */

// C0/C1 controls except tab; soft hyphen; Arabic letter mark; zero-width and bidi marks; line and
// paragraph separators; bidi embeddings, overrides and isolates; word joiner and invisible
// operators; BOM; interlinear annotations.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

export function escapeOf(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether the text holds a character that escapes would show. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

/** The text with invisible characters replaced by their escapes (for titles, which cannot mark spans). */
export function visibleString(text: string): string {
  return text.replace(INVISIBLE, escapeOf);
}

/**
 * Appends `text` to `parent` as text nodes, with each invisible character as a marked
 * `<span class="escape">` holding its escape.
 */
export function appendVisible(parent: Node, text: string): void {
  INVISIBLE.lastIndex = 0;
  let last = 0;
  for (let match = INVISIBLE.exec(text); match; match = INVISIBLE.exec(text)) {
    if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    const mark = document.createElement('span');
    mark.className = 'escape';
    mark.title = 'An invisible or direction-changing character in the captured text';
    mark.textContent = escapeOf(match[0]);
    parent.appendChild(mark);
    last = match.index + match[0].length;
  }
  if (last < text.length || text.length === 0) parent.appendChild(document.createTextNode(text.slice(last)));
}

/** Replaces the content of `element` with the visible form of `text`. */
export function setVisibleText(element: Element, text: string): void {
  if (!hasInvisible(text)) {
    element.textContent = text;
    return;
  }
  element.replaceChildren();
  appendVisible(element, text);
}
