/**
 * API calls (hub-api.md §4.2/§4.3) reduced to what the analysis needs, as soon as a page arrives:
 * the bodies and most headers are dropped, the user agent is kept, and credentials found in
 * headers or the URL are kept only as *where* and *how long* — never their value.
 */
import { asObject, type JsonObject, num, prop, str } from '../client/json';
import { protoOf, statusClassOf } from '../webviews/calls/callFields';
import { peerAt, type Peer } from './peers';

/** A credential seen in plaintext: its place and a redacted form; the secret itself is not kept. */
export interface Credential {
  readonly where: 'header' | 'query';
  /** Lower-case header or query parameter name. */
  readonly name: string;
  /** `Bearer ••• (43 characters)`: scheme words stay, the secret does not. */
  readonly redacted: string;
}

export interface CallRecord {
  readonly id: string;
  readonly ts: number;
  readonly proto: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Null without a response. */
  readonly latencyMs: number | null;
  readonly error: boolean;
  readonly src: Peer;
  readonly dst: Peer;
  /** Request plus response bytes on the wire; 0 when the Hub did not say (compact format). */
  readonly bytes: number;
  readonly userAgent?: string;
  readonly credentials: readonly Credential[];
}

/** Header names whose values are credentials. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'x-auth-token', 'x-access-token', 'api-key', 'apikey', 'x-amz-security-token']);
/** Query parameters whose values are credentials (matched case-insensitively). */
export const CREDENTIAL_PARAMS: ReadonlySet<string> = new Set(['access_token', 'api_key', 'apikey', 'token', 'auth', 'password', 'passwd', 'pwd', 'secret', 'client_secret', 'key', 'sig', 'signature']);
/** Auth schemes that stay readable in the redacted form. */
const SCHEMES = /^(bearer|basic|digest|token|negotiate|ntlm|aws4-hmac-sha256|apikey)\s+/i;
/** User agents longer than this are cut (they are shown and compared, never parsed further). */
const MAX_USER_AGENT = 256;
/** Query strings longer than this are not scanned for credentials. */
const MAX_QUERY_SCAN = 8192;

export function redact(value: string): string {
  const scheme = SCHEMES.exec(value);
  const secret = scheme ? value.slice(scheme[0].length) : value;
  return `${scheme ? `${scheme[1]} ` : ''}••• (${[...secret].length} characters)`;
}

function headersOf(call: JsonObject): JsonObject | undefined {
  return asObject(prop(call, 'req_headers')) ?? asObject(prop(asObject(prop(call, 'request')), 'headers'));
}

function queryCredentials(url: string): Credential[] {
  const q = url.indexOf('?');
  if (q < 0 || url.length > MAX_QUERY_SCAN) return [];
  const out: Credential[] = [];
  for (const part of url.slice(q + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).toLowerCase();
    const value = part.slice(eq + 1);
    if (CREDENTIAL_PARAMS.has(name) && value !== '') out.push({ where: 'query', name, redacted: redact(value) });
  }
  return out;
}

export function credentialsOf(call: JsonObject): Credential[] {
  const out: Credential[] = [];
  const headers = headersOf(call);
  if (headers) {
    for (const key of Object.keys(headers)) {
      const name = key.toLowerCase();
      const value = str(headers, key);
      if (value && CREDENTIAL_HEADERS.has(name)) out.push({ where: 'header', name, redacted: redact(value) });
    }
  }
  return [...out, ...queryCredentials(str(call, 'url') ?? '')];
}

export function callRecordOf(call: JsonObject): CallRecord {
  const statusClass = statusClassOf(call);
  const latency = num(call, 'latency_ms');
  const userAgent = str(headersOf(call), 'user-agent');
  return {
    id: str(call, 'id') ?? '',
    ts: num(call, 'ts') ?? 0,
    proto: protoOf(call),
    method: str(call, 'method') ?? '',
    path: str(call, 'path') ?? '',
    status: num(call, 'status') ?? 0,
    latencyMs: statusClass === 'no-response' || latency === undefined || latency < 0 ? null : latency,
    error: statusClass === 'error',
    src: peerAt(call, 'src'),
    dst: peerAt(call, 'dst'),
    bytes: Math.max(0, num(call, 'req_size') ?? 0) + Math.max(0, num(call, 'resp_size') ?? 0),
    userAgent: userAgent === undefined ? undefined : userAgent.slice(0, MAX_USER_AGENT),
    credentials: credentialsOf(call),
  };
}

/** Calls that are API calls: the Hub's L4 connection/flow records and failed-stream entries are not. */
export function isApiCall(call: CallRecord): boolean {
  return call.proto !== '' && call.proto !== 'conn' && call.proto !== 'flow' && call.proto !== 'tcp' && call.proto !== 'udp';
}

/** The DNS name asked (the first question, §4.4), for DNS calls. */
export function dnsNameOf(call: CallRecord): string | undefined {
  return call.proto === 'dns' && call.path ? call.path.toLowerCase().replace(/\.$/, '') : undefined;
}
