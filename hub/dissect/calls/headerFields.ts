/**
 * Header sections kept raw by the dissectors (`Name: value` lines) turned into what queries and
 * views show: a map with lower-case names (repeats joined with `, `, obsolete line folding
 * joined with a space), cookies and query parameters. Keys come from captured traffic, so every
 * map has a null prototype.
 */

export type StringMap = Record<string, string>;

/** The fields of a raw header section, in order. */
export function parseFields(raw: Uint8Array): [string, string][] {
  const out: [string, string][] = [];
  const textOf = Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8');
  for (const line of textOf.split('\n')) {
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (l === '') continue;
    if ((l[0] === ' ' || l[0] === '\t') && out.length > 0) {
      const prev = out[out.length - 1]!;
      prev[1] = `${prev[1]} ${l.trim()}`;
      continue;
    }
    const colon = l.indexOf(':');
    if (colon <= 0) continue;
    out.push([l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()]);
  }
  return out;
}

/** Header fields as raw lines (the form calls store); HTTP/2 headers are stored this way too. */
export function fieldsBytes(headers: readonly [string, string][]): Uint8Array {
  let s = '';
  for (const [n, v] of headers) s += `${n}: ${v}\r\n`;
  return Buffer.from(s, 'utf8');
}

export function headerMap(headers: readonly [string, string][]): StringMap {
  const map = Object.create(null) as StringMap;
  for (const [name, value] of headers) {
    map[name] = Object.prototype.hasOwnProperty.call(map, name) ? `${map[name]}, ${value}` : value;
  }
  return map;
}

/** `cookie: a=1; b=2` (request) or each `set-cookie: a=1; Path=/` (response: name and value only). */
export function cookieMap(headers: readonly [string, string][], response: boolean): StringMap {
  const map = Object.create(null) as StringMap;
  for (const [name, value] of headers) {
    if (name !== (response ? 'set-cookie' : 'cookie')) continue;
    const pairs = response ? [value.split(';')[0] ?? ''] : value.split(';');
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      map[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return map;
}

/** Query parameters of a URL (percent-decoded; a bad escape keeps the raw text; first value wins). */
export function queryMap(url: string): StringMap {
  const map = Object.create(null) as StringMap;
  const q = url.indexOf('?');
  if (q < 0) return map;
  const end = url.indexOf('#', q);
  for (const part of url.slice(q + 1, end < 0 ? undefined : end).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    if (!Object.prototype.hasOwnProperty.call(map, key)) map[key] = eq < 0 ? '' : decode(part.slice(eq + 1));
  }
  return map;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
