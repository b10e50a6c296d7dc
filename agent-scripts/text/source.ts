/** Small lexical helpers over the script text for places the AST does not record (commas, `?.`). */

/**
 * Offsets of the significant characters in [from, to): whitespace and comments skipped. Used on the
 * short gaps between nodes (e.g. after the last argument of a call), never on whole files.
 */
export function significantChars(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let i = Math.max(0, from);
  const end = Math.min(to, text.length);
  while (i < end) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      while (i < end && text[i] !== '\n' && text[i] !== '\r' && text[i] !== '\u2028' && text[i] !== '\u2029') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      out.push(i);
      i++;
    }
  }
  return out;
}

/** Leading whitespace of the line containing `offset`. */
export function indentationAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** One indentation step as the file uses it (a tab if the file indents with tabs, else two spaces). */
export function indentUnit(text: string): string {
  return /^\t/m.test(text) && !/^ {2}\S/m.test(text) ? '\t' : '  ';
}

/** The line break the file uses. */
export function lineBreak(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * A double-quoted ES5 string literal for any value: escapes what ES5 forbids raw (line
 * terminators incl. U+2028/U+2029) and lone surrogates, keeping everything else readable.
 */
export function es5StringLiteral(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ch = value[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && value.charCodeAt(i + 1) >= 0xdc00 && value.charCodeAt(i + 1) <= 0xdfff) {
      out += ch + value[i + 1]!;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += `\\u${c.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}
