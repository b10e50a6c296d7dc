/**
 * Header sections kept raw by the dissectors (`Name: value` lines) turned into what queries and
 * views show: a map with lower-case names (repeats joined with `, `, obsolete line folding
 * joined with a space), cookies and query parameters. Keys come from captured traffic: the maps
 * are plain objects (V8 keeps them fast, unlike null-prototype ones) read with own-property checks
 * only, and a `__proto__` key is defined as an own property, never assigned.
 */

export type StringMap = Record<string, string>;

/**
 * The fields of a raw header section, in order. One decode per section, then substring work:
 * this runs for every row a header query looks at.
 */
export function parseFields(raw: Uint8Array): [string, string][] {
  const out: [string, string][] = [];
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8');
  const n = text.length;
  for (let at = 0; at < n;) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = n;
    const end = nl > at && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (end > at) {
      const first = text.charCodeAt(at);
      if ((first === 32 || first === 9) && out.length > 0) {
        const prev = out[out.length - 1]!;
        prev[1] = `${prev[1]} ${text.slice(at, end).trim()}`;
      } else {
        const colon = text.indexOf(':', at);
        if (colon > at && colon < end) out.push([text.slice(at, colon).trim().toLowerCase(), text.slice(colon + 1, end).trim()]);
      }
    }
    at = nl + 1;
  }
  return out;
}

/** Header fields as raw lines (the form calls store); HTTP/2 headers are stored this way too. */
export function fieldsBytes(headers: readonly [string, string][]): Uint8Array {
  let s = '';
  for (const [n, v] of headers) s += `${n}: ${v}\r\n`;
  return Buffer.from(s, 'utf8');
}

/** Sets an own property, whatever the key (`__proto__` included). */
export function put(map: StringMap, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

export function headerMap(headers: readonly [string, string][]): StringMap {
  const map: StringMap = {};
  for (const [name, value] of headers) put(map, name, Object.hasOwn(map, name) ? `${map[name]}, ${value}` : value);
  return map;
}

/** `cookie: a=1; b=2` (request) or each `set-cookie: a=1; Path=/` (response: name and value only). */
export function cookieMap(headers: readonly [string, string][], response: boolean): StringMap {
  const map: StringMap = {};
  for (const [name, value] of headers) {
    if (name !== (response ? 'set-cookie' : 'cookie')) continue;
    const pairs = response ? [value.split(';')[0] ?? ''] : value.split(';');
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      put(map, pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  return map;
}

/** Query parameters of a URL (percent-decoded; a bad escape keeps the raw text; first value wins). */
export function queryMap(url: string): StringMap {
  const map: StringMap = {};
  const q = url.indexOf('?');
  if (q < 0) return map;
  const end = url.indexOf('#', q);
  for (const part of url.slice(q + 1, end < 0 ? undefined : end).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    if (!Object.hasOwn(map, key)) put(map, key, eq < 0 ? '' : decode(part.slice(eq + 1)));
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
