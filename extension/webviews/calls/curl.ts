/**
 * "Copy as cURL" for an HTTP call: method, URL from the Host header (else the server's address),
 * the request headers and body. Every value is shell-quoted; values holding anything beyond
 * printable ASCII use ANSI-C quoting with escapes, so a pasted command cannot hide bidi or control
 * characters from the person about to run it.
 */
import { asObject, type JsonObject, prop, str } from '../../client/json';
import { endpointOf } from './callFields';

/** Headers curl derives itself, or that belong to HTTP/2 framing. */
const DERIVED = new Set(['content-length', 'host', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'te', 'proxy-connection']);

export function shellQuote(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  let out = "$'";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === "'" || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

export interface CurlResult {
  readonly command: string;
  /** Why the command may not replay the call exactly (a cut or binary body). */
  readonly warnings: readonly string[];
}

/** The curl command line of a full HTTP call (§4.3); `body` overrides the call's preview when the whole one was fetched. */
export function curlCommand(call: JsonObject, body?: { text: string; encoding: string; truncated: boolean }): CurlResult {
  const headers = asObject(prop(call, 'req_headers')) ?? {};
  const header = (name: string): string | undefined => str(headers, name);
  const dst = endpointOf(call, 'dst');
  const authority = header('host') ?? header(':authority') ?? (dst.ip.includes(':') ? `[${dst.ip}]:${dst.port}` : `${dst.ip}:${dst.port}`);
  const scheme = dst.port === 443 ? 'https' : 'http';
  const target = str(call, 'url') || str(call, 'path') || '/';
  const method = str(call, 'method') || 'GET';
  const warnings: string[] = [];
  const parts = ['curl'];
  if (method !== 'GET') parts.push('-X', shellQuote(method));
  parts.push(shellQuote(`${scheme}://${authority}${target.startsWith('/') ? target : `/${target}`}`));
  for (const name of Object.keys(headers).sort()) {
    if (DERIVED.has(name) || name.startsWith(':')) continue;
    parts.push('-H', shellQuote(`${name}: ${str(headers, name) ?? ''}`));
  }
  const text = body?.text ?? str(call, 'req_body') ?? '';
  const encoding = body?.encoding ?? str(call, 'req_body_encoding') ?? 'utf8';
  const truncated = body?.truncated ?? prop(call, 'req_body_truncated') === true;
  if (text !== '') {
    if (encoding === 'base64') {
      parts.push('--data-binary', `@<(printf %s ${shellQuote(text)} | base64 -d)`);
      warnings.push('The request body is binary: the command decodes it from base64 (bash).');
    } else {
      parts.push('--data-raw', shellQuote(text));
    }
    if (truncated) warnings.push('The Hub holds only the start of the request body: the command sends that part.');
  }
  if (str(call, 'http_version') === 'HTTP/2') parts.push('--http2');
  return { command: parts.join(' '), warnings };
}
