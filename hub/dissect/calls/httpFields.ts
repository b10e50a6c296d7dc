/** HTTP-derived KFL maps: headers (lower-case, repeats joined), cookies and query parameters. */

export type StringMap = Record<string, string>;

export function headerMap(headers: readonly [string, string][]): StringMap {
  const map = Object.create(null) as StringMap;
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    map[key] = Object.prototype.hasOwnProperty.call(map, key) ? `${map[key]}, ${value}` : value;
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
