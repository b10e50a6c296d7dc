/** Cookies and query parameters of an HTTP call, from its headers and URL (for the details view and HAR). */

export interface NameValue {
  name: string;
  value: string;
}

export function cookiePairs(header: string | undefined, response: boolean): NameValue[] {
  if (!header) return [];
  // Set-Cookie values were joined with ", " (§4.3); a request Cookie header separates with "; ".
  const items = response ? header.split(/,\s*(?=[^;,=\s]+=)/) : header.split(/;\s*/);
  return items.map((item) => {
    const first = response ? item.split(';', 1)[0]! : item;
    const eq = first.indexOf('=');
    return eq < 0 ? { name: first.trim(), value: '' } : { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim() };
  }).filter((c) => c.name !== '');
}

export function queryPairs(url: string): NameValue[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const out: NameValue[] = [];
  for (const part of url.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    out.push(eq < 0 ? { name: decode(part), value: '' } : { name: decode(part.slice(0, eq)), value: decode(part.slice(eq + 1)) });
  }
  return out;
}
