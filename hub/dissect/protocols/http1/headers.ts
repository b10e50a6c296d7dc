/**
 * HTTP/1.x heads (RFC 9112 §2–§5) read straight from the captured bytes. Only the start line and
 * the few fields that frame the message are decoded here; the header section is kept as raw bytes
 * (calls/headerFields.ts parses it when a query or a view needs the headers), so dissecting a
 * call costs one copy of its head, not a string per header.
 */

export interface Http1Head {
  isResponse: boolean;
  method: string;
  target: string;
  version: string;
  status: number;
  /** The header lines after the start line, raw (`Name: value` lines, CRLF or LF). */
  fields: Uint8Array;
  contentLength: string | undefined;
  transferEncoding: string | undefined;
  contentEncoding: string | undefined;
  upgrade: string | undefined;
}

const METHOD = /^[A-Z][A-Z0-9_-]{0,31}$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: .*)?$/;
const VERSION = /^HTTP\/\d\.\d$/;

/** Lower-case ASCII of a byte (letters only). */
function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** Whether b[from, from + name.length) is `name` (given in lower case), ignoring ASCII case. */
function nameIs(b: Uint8Array, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (lower(b[from + i]!) !== name.charCodeAt(i)) return false;
  return true;
}

/** Parses the head in b[0, end) (without the empty line); null when malformed. */
export function parseHead(b: Buffer, end: number): Http1Head | null {
  // Plain loops over the bytes: a head is a few hundred bytes, and a native indexOf per line costs
  // more in call overhead than the scan itself.
  let lineEnd = 0;
  while (lineEnd < end && b[lineEnd] !== 0x0a) lineEnd++;
  const startLine = b.toString('utf8', 0, lineEnd > 0 && b[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd);
  const head: Http1Head = {
    isResponse: false, method: '', target: '', version: '', status: 0, fields: new Uint8Array(0),
    contentLength: undefined, transferEncoding: undefined, contentEncoding: undefined, upgrade: undefined,
  };
  if (startLine.startsWith('HTTP/')) {
    const m = STATUS_LINE.exec(startLine);
    if (!m) return null;
    head.isResponse = true;
    head.version = m[1]!;
    head.status = Number(m[2]);
  } else {
    const first = startLine.indexOf(' ');
    const last = startLine.lastIndexOf(' ');
    if (first <= 0 || last <= first) return null;
    head.method = startLine.slice(0, first);
    head.target = startLine.slice(first + 1, last);
    head.version = startLine.slice(last + 1);
    if (!METHOD.test(head.method) || !VERSION.test(head.version) || head.target === '') return null;
  }
  const fieldsStart = Math.min(lineEnd + 1, end);
  for (let at = fieldsStart; at < end;) {
    let nl = at;
    let colon = -1;
    for (; nl < end; nl++) {
      const c = b[nl]!;
      if (c === 0x0a) break;
      if (c === 0x3a && colon < 0) colon = nl;
    }
    const stop = nl > at && b[nl - 1] === 0x0d ? nl - 1 : nl;
    if (stop > at && b[at] !== 0x20 && b[at] !== 0x09) {
      if (colon <= at || colon >= stop) return null;
      let nameEnd = colon;
      while (nameEnd > at && (b[nameEnd - 1] === 0x20 || b[nameEnd - 1] === 0x09)) nameEnd--;
      const first = lower(b[at]!);
      // Only the fields that frame the message are decoded now.
      if (first === 0x63 || first === 0x74 || first === 0x75) {
        const value = (): string => b.toString('latin1', colon + 1, stop).trim();
        if (nameIs(b, at, nameEnd, 'content-length')) head.contentLength = join(head.contentLength, value());
        else if (nameIs(b, at, nameEnd, 'transfer-encoding')) head.transferEncoding = join(head.transferEncoding, value());
        else if (nameIs(b, at, nameEnd, 'content-encoding')) head.contentEncoding = join(head.contentEncoding, value());
        else if (nameIs(b, at, nameEnd, 'upgrade')) head.upgrade = join(head.upgrade, value());
      }
    }
    at = nl + 1;
  }
  head.fields = b.slice(fieldsStart, end);
  return head;
}

function join(prev: string | undefined, value: string): string {
  return prev === undefined ? value : `${prev}, ${value}`;
}

/** Whether a comma-separated header (Transfer-Encoding, Connection, Upgrade) lists `token`. */
export function hasToken(value: string | undefined, token: string): boolean {
  if (value === undefined) return false;
  return value.toLowerCase().split(',').some((t) => t.trim() === token);
}
