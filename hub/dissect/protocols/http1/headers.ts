/** Parsing of an HTTP/1.x start line and header section (RFC 9112 §2–§5), tolerant like tshark. */

export interface Http1Head {
  isResponse: boolean;
  method: string;
  target: string;
  version: string;
  status: number;
  /** Lower-case names, values trimmed, in order (repeats kept). */
  headers: [string, string][];
}

const METHOD = /^[A-Z][A-Z0-9_-]{0,31}$/;

/** Parses the text of a head (start line + header lines, without the empty line); null when malformed. */
export function parseHead(text: string): Http1Head | null {
  const lines = text.split(/\r?\n/);
  const start = lines[0] ?? '';
  const head: Http1Head = { isResponse: false, method: '', target: '', version: '', status: 0, headers: [] };
  if (start.startsWith('HTTP/')) {
    const m = /^(HTTP\/\d\.\d) (\d{3})(?: .*)?$/.exec(start);
    if (!m) return null;
    head.isResponse = true;
    head.version = m[1]!;
    head.status = Number(m[2]);
  } else {
    const first = start.indexOf(' ');
    const last = start.lastIndexOf(' ');
    if (first <= 0 || last <= first) return null;
    head.method = start.slice(0, first);
    head.target = start.slice(first + 1, last);
    head.version = start.slice(last + 1);
    if (!METHOD.test(head.method) || !/^HTTP\/\d\.\d$/.test(head.version) || head.target === '') return null;
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const colon = line.indexOf(':');
    // Obsolete line folding continues the previous value.
    if ((line[0] === ' ' || line[0] === '\t') && head.headers.length > 0) {
      const prev = head.headers[head.headers.length - 1]!;
      prev[1] = `${prev[1]} ${line.trim()}`;
      continue;
    }
    if (colon <= 0) return null;
    head.headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return head;
}

/** The value of a header (repeats joined with `, `), or undefined. */
export function headerValue(headers: readonly [string, string][], name: string): string | undefined {
  let value: string | undefined;
  for (const [n, v] of headers) if (n === name) value = value === undefined ? v : `${value}, ${v}`;
  return value;
}

/** Whether a comma-separated header (Transfer-Encoding, Connection, Upgrade) lists `token`. */
export function hasToken(value: string | undefined, token: string): boolean {
  if (value === undefined) return false;
  return value.toLowerCase().split(',').some((t) => t.trim() === token);
}
