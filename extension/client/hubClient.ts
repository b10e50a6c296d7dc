/**
 * The one Hub client (hub-api.md §1–§2): the descriptor with its 5-minute cache, tool calls with
 * schema-driven arguments, retries of read-only tools, cancellation through AbortSignal, and file
 * downloads. The same code talks to a real Hub and to the embedded local Hub.
 */
import { type HubDescriptor, type ToolCallRequest, type ToolDescriptor } from '../../protocol/hubApi';
import { type AdaptedArguments, adaptArguments, type LogicalArguments } from './adapt';
import { hubUrl } from './baseUrl';
import { findTool, isReadOnlyTool, parseDescriptor } from './descriptor';
import { type DownloadOptions, type DownloadResult, downloadToFile } from './download';
import { capabilityOf, errorFromStatus, HubError, isHubError } from './errors';
import { arr, asObject, parseJson, strings } from './json';
import { type HubLogger } from './log';
import { type Delay, realDelay, retryDelays } from './retry';
import { toolResult } from './results';
import { type Credentials, HubTransport } from './transport';

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DESCRIPTOR_TTL_MS = 5 * 60_000;

export interface HubClientOptions {
  /** A normalised base URL (baseUrl.ts). */
  baseUrl: string;
  /** Read on every request; bound to this base URL by whoever builds the client. */
  credentials: () => Credentials;
  log: HubLogger;
  requestTimeoutMs?: number;
  /** Appended to "No Hub at <base>." when nothing answers. */
  unreachableHint?: string;
  /**
   * Asks for required properties a feature could not fill (§2.4 rule 4): resolves with their
   * values, or undefined when the person declined. Without it such calls fail.
   */
  fillRequired?: (tool: ToolDescriptor, missing: readonly string[]) => Promise<Record<string, unknown> | undefined>;
  /** Retry waits (tests inject a recorder). */
  delay?: Delay;
  now?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Told before each automatic retry, e.g. to show "Hub busy, retrying…". */
  onRetry?: (error: HubError, delayMs: number) => void;
}

export interface AdaptedCall {
  readonly result: unknown;
  readonly adapted: AdaptedArguments;
}

export class HubClient {
  private readonly _transport: HubTransport;
  private readonly _delay: Delay;
  private readonly _now: () => number;
  private _descriptor?: { value: HubDescriptor; fetchedAt: number };
  private _loading?: Promise<HubDescriptor>;
  /** From `whoami`, once read; undefined = unknown, everything allowed. */
  private _capabilities?: readonly string[];

  constructor(private readonly _options: HubClientOptions) {
    this._transport = new HubTransport({
      baseUrl: _options.baseUrl,
      credentials: _options.credentials,
      requestTimeoutMs: _options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      log: _options.log,
      unreachableHint: _options.unreachableHint ?? 'Is `kubeshark proxy` running?',
    });
    this._delay = _options.delay ?? realDelay;
    this._now = _options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this._options.baseUrl;
  }

  /** The descriptor last read, if any (no request). */
  get cachedDescriptor(): HubDescriptor | undefined {
    return this._descriptor?.value;
  }

  /** `GET /api/echo` (§1.2): resolves when the Hub is up. */
  async echo(signal?: AbortSignal): Promise<void> {
    const response = await this._transport.text({ method: 'GET', url: hubUrl(this.baseUrl, '/echo'), label: 'GET /echo', signal });
    if (response.status === 200) return;
    if (response.status === 401 || response.status === 404) throw errorFromStatus(response.status, response.text, { baseUrl: this.baseUrl, descriptorRequest: true });
    throw new HubError({ kind: 'unreachable', status: response.status, body: response.text.slice(0, 4096), message: `No Hub at ${this.baseUrl} (the health check answered ${response.status})` });
  }

  /** The descriptor, from the cache when younger than 5 minutes unless `refresh` (§2.1). */
  async descriptor(options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<HubDescriptor> {
    const cached = this._descriptor;
    if (!options.refresh && cached && this._now() - cached.fetchedAt < DESCRIPTOR_TTL_MS) return cached.value;
    // Concurrent callers share one request.
    this._loading ??= this._fetchDescriptor(options.signal).finally(() => { this._loading = undefined; });
    return this._loading;
  }

  /** The tool as the live descriptor declares it; `tool_unavailable` when the Hub does not offer it. */
  async tool(name: string, signal?: AbortSignal): Promise<ToolDescriptor> {
    const tool = findTool(await this.descriptor({ signal }), name);
    if (!tool) throw new HubError({ kind: 'tool_unavailable', tool: name, message: `This Hub does not offer \`${name}\`` });
    return tool;
  }

  /** Calls a tool with logical arguments mapped onto its schema (§2.4). */
  async call(name: string, logical: LogicalArguments, extra: Readonly<Record<string, unknown>> = {}, options: CallOptions = {}): Promise<AdaptedCall> {
    const tool = await this.tool(name, options.signal);
    const adapted = adaptArguments(tool, logical, extra);
    if (adapted.problems.length > 0) {
      throw new HubError({ kind: 'invalid_arguments', tool: name, message: `Cannot call ${name}: ${adapted.problems.join('; ')}` });
    }
    let args = adapted.arguments;
    if (adapted.missingRequired.length > 0) {
      const filled = await this._options.fillRequired?.(tool, adapted.missingRequired);
      if (!filled) {
        throw new HubError({ kind: this._options.fillRequired ? 'cancelled' : 'invalid_arguments', tool: name, message: `This Hub's \`${name}\` requires ${adapted.missingRequired.map((r) => `\`${r}\``).join(', ')}, which this feature cannot fill; use "Kubeshark: Run Hub Tool…"` });
      }
      args = { ...args, ...filled };
    }
    for (const note of adapted.dropped) this._options.log.info(`${name}: ${note.note}`);
    return { result: await this.callTool(name, args, options), adapted };
  }

  /**
   * Calls a tool with exactly these arguments (the generic runner uses this). Read-only tools are
   * retried on busy/5xx/timeout; a 404 refreshes the descriptor once.
   */
  async callTool(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions = {}): Promise<unknown> {
    await this.tool(name, options.signal);
    const capability = capabilityOf(name);
    if (capability && this._capabilities && !this._capabilities.includes(capability)) {
      throw new HubError({ kind: 'forbidden', tool: name, message: `Your role lacks \`${capability}\`` });
    }
    const body: ToolCallRequest = { name, arguments: { ...args } };
    const delays = isReadOnlyTool(name) ? undefined : [];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this._callOnce(name, JSON.stringify(body), options.signal);
      } catch (e) {
        if (!isHubError(e)) throw e;
        if (e.kind === 'tool_unavailable') throw await this._afterToolNotFound(name, e, options.signal);
        const delay = (delays ?? retryDelays(e.kind))[attempt];
        if (delay === undefined || options.signal?.aborted) throw e;
        this._options.log.warn(`${name}: ${e.message}; retry ${attempt + 1} in ${delay} ms`);
        options.onRetry?.(e, delay);
        await this._delay(delay, options.signal).catch(() => { throw new HubError({ kind: 'cancelled', tool: name, message: 'Cancelled' }); });
      }
    }
  }

  /**
   * `GET /api/whoami` (§1.4): the caller's capabilities, or undefined when the Hub does not say
   * (404, not JSON, no array) — then everything is assumed allowed and 403s speak for themselves.
   * Once known, tools needing a capability the caller lacks are refused without a request.
   */
  async capabilities(signal?: AbortSignal): Promise<string[] | undefined> {
    try {
      const response = await this._transport.text({ method: 'GET', url: hubUrl(this.baseUrl, '/whoami'), label: 'GET /whoami', signal });
      if (response.status !== 200) return undefined;
      const parsed = parseJson(response.text);
      const list = parsed.ok ? arr(asObject(parsed.value), 'capabilities') : undefined;
      this._capabilities = list === undefined ? undefined : strings(list);
      return this._capabilities ? [...this._capabilities] : undefined;
    } catch (e) {
      if (isHubError(e, 'cancelled')) throw e;
      return undefined;
    }
  }

  /** Streams a relative Hub path a tool handed out into `destination` (§2.6). */
  download(path: string, destination: string, options: DownloadOptions = {}): Promise<DownloadResult> {
    return downloadToFile(this._transport, path, destination, options);
  }

  dispose(): Promise<void> {
    return this._transport.dispose();
  }

  private async _fetchDescriptor(signal?: AbortSignal): Promise<HubDescriptor> {
    const response = await this._transport.text({ method: 'GET', url: hubUrl(this.baseUrl, '/mcp'), label: 'GET /mcp', descriptorRequest: true, signal });
    if (response.status < 200 || response.status > 299) throw errorFromStatus(response.status, response.text, { baseUrl: this.baseUrl, descriptorRequest: true });
    const value = parseDescriptor(response.text);
    this._descriptor = { value, fetchedAt: this._now() };
    this._options.log.info(`descriptor: ${value.name || '(unnamed)'} ${value.version ?? ''} with ${value.tools.length} tools`);
    return value;
  }

  private async _callOnce(name: string, body: string, signal?: AbortSignal): Promise<unknown> {
    const response = await this._transport.text({ method: 'POST', url: hubUrl(this.baseUrl, '/mcp/tools/call'), body, label: `tools/call ${name}`, tool: name, signal });
    if (response.status < 200 || response.status > 299) throw errorFromStatus(response.status, response.text, { baseUrl: this.baseUrl, tool: name });
    return toolResult(name, response.text);
  }

  /** After a 404 for the tool itself: read the descriptor again, once, and say whether the tool is gone. */
  private async _afterToolNotFound(name: string, error: HubError, signal?: AbortSignal): Promise<HubError> {
    const fresh = await this.descriptor({ refresh: true, signal }).catch(() => undefined);
    if (fresh && findTool(fresh, name)) {
      return new HubError({ kind: 'not_found', status: error.status, body: error.body, tool: name, message: `${name} answered 404: ${error.body?.slice(0, 200) || 'not found'}` });
    }
    return error;
  }
}
