/** 1-based line, 1-based column in UTF-16 code units (the CLI's and SARIF's convention). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Converts offsets to lines and columns. Line breaks are \n, \r\n and \r — as LSP, editors and
 * SARIF viewers count lines — not JavaScript's U+2028/U+2029, which editors show inside a line.
 */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
      if (c === 0x0a || c === 0x0d) this.starts.push(i + 1);
    }
  }

  /** 1-based line of an offset (clamped into the text). */
  lineOf(offset: number): number {
    const target = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= target) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  position(offset: number): LineColumn {
    const line = this.lineOf(offset);
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    return { line, column: clamped - this.starts[line - 1]! + 1 };
  }
}
