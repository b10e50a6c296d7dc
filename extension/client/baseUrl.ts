/**
 * Hub base URLs (hub-api.md §1.1). A base URL is what the person typed, normalised so that one Hub
 * has one key: the token is stored under it and sent only to its origin.
 */

export type BaseUrlResult = { ok: true; baseUrl: string } | { ok: false; message: string };

/**
 * Trims, drops a trailing `/` and a pasted trailing `/api` (`http://127.0.0.1:8899/api` and
 * `http://127.0.0.1:8899` are the same Hub). A front base path (`https://host/kubeshark`) stays.
 */
export function normaliseBaseUrl(input: string): BaseUrlResult {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter the Hub URL, e.g. http://127.0.0.1:8899' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `'${text}' is not a URL (expected e.g. http://127.0.0.1:8899)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `The Hub URL must start with http:// or https:// (got ${url.protocol}//)` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'Put no credentials in the Hub URL; use "Kubeshark: Set Token…" instead' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, message: 'The Hub URL takes no query or fragment' };
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/api')) path = path.slice(0, -'/api'.length);
  return { ok: true, baseUrl: `${url.origin}${path.replace(/\/+$/, '')}` };
}

/** `<base>/api<hubPath>`: every Hub path lives under `/api` (the front strips it, §1.1). */
export function hubUrl(baseUrl: string, hubPath: string): string {
  return `${baseUrl}/api${hubPath}`;
}

/**
 * Checks a relative download path a tool handed out (§2.6): a single leading `/`, no `..` segment
 * (also percent-encoded), no scheme or host; the resolved URL must stay on the base URL's origin.
 */
export function resolveDownloadPath(baseUrl: string, path: string): { ok: true; url: string } | { ok: false; message: string } {
  const refuse = (why: string): { ok: false; message: string } => ({ ok: false, message: `Refused download path '${path.slice(0, 200)}': ${why}` });
  if (!path.startsWith('/') || path.startsWith('//')) return refuse('it must start with a single /');
  if (/[\\\s]/.test(path.split('?')[0] ?? '')) return refuse('it contains a backslash or white space');
  const pathPart = path.split(/[?#]/, 1)[0] ?? '';
  for (const segment of pathPart.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return refuse('it is not validly percent-encoded');
    }
    if (decoded === '..' || decoded === '.' || decoded.includes('/') || decoded.includes('\\')) return refuse('it contains a dot segment');
  }
  let resolved: URL;
  try {
    resolved = new URL(hubUrl(baseUrl, path));
  } catch {
    return refuse('it does not form a URL');
  }
  if (resolved.origin !== new URL(baseUrl).origin) return refuse('it leaves the Hub origin');
  return { ok: true, url: resolved.toString() };
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
