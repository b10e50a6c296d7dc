/**
 * HTTP for the Hub client on undici: the headers every request carries (§1.3), the redirect rule
 * (302/303 mean "sign in", 301/307/308 are followed on the same origin only, so a credential
 * never reaches another origin), timeouts, and transport failures mapped to error kinds (§2.3).
 */
import { type Readable } from 'node:stream';
import { Agent, type Dispatcher, request } from 'undici';
import { HEADER_AUTHORIZATION, HEADER_CAPTURE, HEADER_LICENSE_KEY } from '../../protocol/hubApi';
import { sameOrigin } from './baseUrl';
import { errorFromStatus, HubError } from './errors';
import { type HubLogger } from './log';

/** What the client may send to its base URL's origin. Read on every request (a token may change). */
export interface Credentials {
  token?: string;
  licenseKey?: string;
}

export interface TransportOptions {
  baseUrl: string;
  credentials: () => Credentials;
  /** Total time for a JSON request (§2.3: 60 s by default). */
  requestTimeoutMs: number;
  log: HubLogger;
  /** Appended to "No Hub at <base>." (a remote Hub: is `kubeshark proxy` running?). */
  unreachableHint: string;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  /** How the log line names the request (`GET /mcp`, `tools/call list_snapshots`). */
  label: string;
  tool?: string;
  descriptorRequest?: boolean;
  signal?: AbortSignal;
}

export interface TextResponse {
  status: number;
  text: string;
  contentType: string;
}

export interface StreamResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Readable & { dump(): Promise<void> };
}

/** JSON answers larger than this are refused rather than held in memory. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const FOLLOWED_REDIRECTS = new Set([301, 307, 308]);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);

export class HubTransport {
  private readonly _agent: Dispatcher = new Agent({ keepAliveTimeout: 10_000 });

  constructor(private readonly _options: TransportOptions) {}

  get baseUrl(): string {
    return this._options.baseUrl;
  }

  /** Sends a request and reads the whole answer as text, within the request timeout. */
  async text(req: JsonRequest): Promise<TextResponse> {
    const started = Date.now();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this._options.requestTimeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    try {
      const response = await this._send(req.method, req.url, req.body, signal, {});
      const text = await readBounded(response.body, MAX_JSON_BYTES);
      this._options.log.info(`${req.label} ${response.statusCode} ${Date.now() - started} ms`);
      return { status: response.statusCode, text, contentType: headerText(response.headers['content-type']) };
    } catch (e) {
      const error = this._transportError(e, req, timeout.signal.aborted, this._options.requestTimeoutMs);
      this._options.log.warn(`${req.label} ${error.status ?? error.kind} ${Date.now() - started} ms: ${error.message}`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Sends a GET whose answer is streamed (downloads): no total timeout, but `idleMs` without a
   * byte ends it. Non-2xx answers become errors here; the caller consumes the 2xx body.
   */
  async stream(url: string, label: string, idleMs: number, signal?: AbortSignal): Promise<StreamResponse> {
    const started = Date.now();
    const req: JsonRequest = { method: 'GET', url, label, signal };
    let response: Dispatcher.ResponseData;
    try {
      response = await this._send('GET', url, undefined, signal, { headersTimeout: idleMs, bodyTimeout: idleMs });
    } catch (e) {
      const error = this._transportError(e, req, false, idleMs);
      this._options.log.warn(`${label} ${error.status ?? error.kind} ${Date.now() - started} ms: ${error.message}`);
      throw error;
    }
    if (response.statusCode < 200 || response.statusCode > 299) {
      const text = await readBounded(response.body, 64 * 1024).catch(() => '');
      const error = errorFromStatus(response.statusCode, text, { baseUrl: this.baseUrl });
      this._options.log.warn(`${label} ${response.statusCode} ${Date.now() - started} ms: ${error.message}`);
      throw error;
    }
    this._options.log.info(`${label} ${response.statusCode} (headers) ${Date.now() - started} ms`);
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }

  /** Maps a failure of a request or of reading its body to an error kind. */
  transportError(e: unknown, label: string, idleMs: number, signal?: AbortSignal): HubError {
    return this._transportError(e, { method: 'GET', url: '', label, signal }, false, idleMs);
  }

  async dispose(): Promise<void> {
    await this._agent.close().catch(() => undefined);
  }

  private async _send(
    method: 'GET' | 'POST', url: string, body: string | undefined, signal: AbortSignal | undefined,
    timeouts: { headersTimeout?: number; bodyTimeout?: number },
  ): Promise<Dispatcher.ResponseData> {
    let target = url;
    for (let hop = 0; ; hop++) {
      const response = await request(target, {
        dispatcher: this._agent, method, body, signal, headers: this._headers(method), ...timeouts,
      });
      const status = response.statusCode;
      if (status === 302 || status === 303) {
        // An SSO login page: stop here, never follow it with a credential.
        await response.body.dump();
        throw errorFromStatus(status, '', { baseUrl: this.baseUrl });
      }
      if (!FOLLOWED_REDIRECTS.has(status)) return response;
      await response.body.dump();
      const location = headerText(response.headers.location);
      const next = location ? safeUrl(location, target) : undefined;
      if (!next || !sameOrigin(next, this.baseUrl)) {
        throw new HubError({ kind: 'refused', status, message: `The Hub redirected to another origin (${location.slice(0, 200)}); not followed` });
      }
      if (hop + 1 >= MAX_REDIRECTS) throw new HubError({ kind: 'refused', status, message: 'The Hub redirected too many times' });
      target = next;
    }
  }

  private _headers(method: 'GET' | 'POST'): Record<string, string> {
    const headers: Record<string, string> = { [HEADER_CAPTURE]: 'ignore', accept: 'application/json, */*' };
    if (method === 'POST') headers['content-type'] = 'application/json';
    const { token, licenseKey } = this._options.credentials();
    if (token) headers[HEADER_AUTHORIZATION] = token;
    else if (licenseKey) headers[HEADER_LICENSE_KEY] = licenseKey;
    return headers;
  }

  private _transportError(e: unknown, req: JsonRequest, timedOut: boolean, timeoutMs: number): HubError {
    if (e instanceof HubError) return e;
    const code = errorCode(e);
    if (req.signal?.aborted) return new HubError({ kind: 'cancelled', message: 'Cancelled', tool: req.tool });
    if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new HubError({ kind: 'timeout', tool: req.tool, message: `The Hub did not answer in ${formatSeconds(timeoutMs)}` });
    }
    const reason = e instanceof Error ? e.message : String(e);
    if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'UND_ERR_CLOSED') {
      return new HubError({ kind: 'unreachable', tool: req.tool, message: `The connection to the Hub at ${this.baseUrl} was lost (${reason})` });
    }
    if (code !== undefined && (UNREACHABLE_CODES.has(code) || /^(ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO)/.test(code))) {
      return new HubError({ kind: 'unreachable', tool: req.tool, message: `No Hub at ${this.baseUrl}. ${this._options.unreachableHint} (${code})` });
    }
    return new HubError({ kind: 'unreachable', tool: req.tool, message: `No Hub at ${this.baseUrl}: ${reason}` });
  }
}

/** Reads a body as UTF-8 text, refusing (and discarding) answers beyond `max` bytes. */
async function readBounded(body: AsyncIterable<Uint8Array> & { destroy(error?: Error): void }, max: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) {
      body.destroy();
      throw new HubError({ kind: 'bad_response', message: `The Hub's answer is larger than ${max / (1024 * 1024)} MiB` });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function errorCode(e: unknown): string | undefined {
  for (let cause: unknown = e, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function safeUrl(location: string, base: string): string | undefined {
  try {
    return new URL(location, base).toString();
  } catch {
    return undefined;
  }
}

export function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
