/**
 * Where a caret is, lexically, in a script that may not parse (completion runs while typing):
 * inside a comment or string, and how deep in braces. A small forward scanner that knows comments,
 * strings, template literals with `${…}`, and regex literals by the usual previous-token rule.
 */
export interface LexContext {
  readonly inCommentOrString: boolean;
  /** Open `{` before the caret, outside strings and comments. */
  readonly braceDepth: number;
}

const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);
const REGEX_AFTER_WORDS = /(?:^|[^\w$])(return|typeof|case|do|else|in|of|new|delete|void|throw)$/;

export function lexContextAt(text: string, offset: number): LexContext {
  const end = Math.max(0, Math.min(offset, text.length));
  let depth = 0;
  // Each open template keeps the brace depth at which its `${` substitution began.
  const templates: number[] = [];
  let lastSignificant = '';
  let i = 0;
  const inside = (): LexContext => ({ inCommentOrString: true, braceDepth: depth });
  while (i < end) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const nl = text.slice(i).search(/[\r\n]/);
      if (nl < 0 || i + nl >= end) return inside();
      i += nl;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > end) return inside();
      i = close + 2;
    } else if (c === '"' || c === "'") {
      const close = stringEnd(text, i, c);
      if (close >= end) return inside();
      i = close + 1;
      lastSignificant = c;
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth)) {
      if (c === '}') templates.pop();
      const stop = templateStop(text, i + 1);
      if (stop >= end) return inside();
      if (text[stop] === '`') { i = stop + 1; lastSignificant = '`'; } else { templates.push(depth); i = stop + 2; lastSignificant = '{'; }
    } else if (c === '/' && (REGEX_AFTER.has(lastSignificant) || REGEX_AFTER_WORDS.test(text.slice(Math.max(0, i - 8), i).trimEnd()))) {
      const close = regexEnd(text, i);
      if (close >= end) return inside();
      i = close + 1;
      lastSignificant = 'x';
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth = Math.max(0, depth - 1);
      if (!/\s/.test(c)) lastSignificant = /[\w$]/.test(c) ? 'x' : c;
      i++;
    }
  }
  return { inCommentOrString: false, braceDepth: depth };
}

/** Index of the closing quote (or the line end / text end for an unterminated string). */
function stringEnd(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote || c === '\n' || c === '\r') return i;
  }
  return text.length;
}

/** Index of the closing backtick or of the `$` of `${`, from inside a template. */
function templateStop(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`' || (c === '$' && text[i + 1] === '{')) return i;
  }
  return text.length;
}

function regexEnd(text: string, open: number): number {
  let inClass = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i;
    else if (c === '\n' || c === '\r') return i;
  }
  return text.length;
}
