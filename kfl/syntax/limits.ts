/** Hard limits on a filter (spec §3); exceeding one is `kfl/limits` and ends the analysis. */
export const LIMITS = Object.freeze({
  /** Filter text in UTF-8 bytes. */
  maxBytes: 64 * 1024,
  /** Nesting of the syntax tree (and of the parser's recursion). */
  maxDepth: 100,
  /** Syntax nodes. */
  maxNodes: 10_000,
});

export type LimitKind = 'size' | 'depth' | 'nodes';

/** UTF-8 length of `text`, stopping early once it is past `cap`. */
export function utf8LengthUpTo(text: string, cap: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= cap; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Offset of the first UTF-16 unit that lies past `maxBytes` UTF-8 bytes. */
export function offsetPastBytes(text: string, maxBytes: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const width = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
    if (bytes + width > maxBytes) return i;
    bytes += width;
    if (width === 4) i++;
  }
  return text.length;
}
