/**
 * Error kinds of the Hub client (hub-api.md §2.3) and the one place that turns an HTTP answer or a
 * transport failure into one. Messages are the spec's texts; actions are chosen by the UI from
 * the kind (Retry, Set Token…, Open Settings).
 */
import { type HubErrorCode } from '../../protocol/hubApi';
import { asObject, parseJson, prop, str } from './json';

export type HubErrorKind =
  | 'unreachable'
  | 'auth_required'
  | 'forbidden'
  | 'not_a_hub'
  /** The descriptor has no `tools` array (§2.1): only the health check is offered. */
  | 'unsupported_hub'
  /** The tool is not (or no longer) in the descriptor. */
  | 'tool_unavailable'
  /** 404 on `tools/call` for an object the tool looked up (snapshot, dissection, call, job). */
  | 'not_found'
  | 'invalid_arguments'
  | 'conflict'
  | 'busy'
  | 'hub_error'
  | 'bad_response'
  | 'tool_error'
  | 'timeout'
  | 'cancelled'
  /** The client itself refused: a download path or redirect that leaves the Hub's origin. */
  | 'refused';

export interface HubErrorInit {
  kind: HubErrorKind;
  message: string;
  status?: number;
  /** The answer's body (text, at most a few KiB) for "Hub API error (<status>): <body>". */
  body?: string;
  /** Local Hub error code and details (§2.3), when the body had them. */
  code?: HubErrorCode | string;
  details?: Readonly<Record<string, unknown>>;
  tool?: string;
}

export class HubError extends Error {
  readonly kind: HubErrorKind;
  readonly status?: number;
  readonly body?: string;
  readonly code?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly tool?: string;

  constructor(init: HubErrorInit) {
    super(init.message);
    this.name = 'HubError';
    this.kind = init.kind;
    this.status = init.status;
    this.body = init.body;
    this.code = init.code;
    this.details = init.details;
    this.tool = init.tool;
  }

  /** The generic tool runner's rendering, the same text the kubeshark CLI uses (§2.5). */
  get cliText(): string {
    return this.status === undefined ? this.message : `Hub API error (${this.status}): ${this.body ?? this.message}`;
  }

  /** Offset into the argument the Hub complained about (BPF_SYNTAX, KFL_SYNTAX/KFL_TYPE). */
  get offset(): number | undefined {
    const offset = this.details?.offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  }
}

/**
 * Whether `e` is a HubError (of `kind`). By shape, not only by class: code bundled separately (the
 * extension bundle, another feature's bundle, tests) has its own copy of the class.
 */
export function isHubError(e: unknown, kind?: HubErrorKind): e is HubError {
  const shaped = e instanceof HubError || (e instanceof Error && e.name === 'HubError' && typeof (e as { kind?: unknown }).kind === 'string');
  return shaped && (kind === undefined || (e as HubError).kind === kind);
}

/** Capabilities of §1.4 that gate tools, for "Your role lacks `<capability>`" on a 403. */
export function capabilityOf(tool: string): string | undefined {
  if (/^(start|stop)_snapshot_dissection$/.test(tool)) return 'snapshot:dissection';
  if (/^(enable|disable)_dissection$/.test(tool)) return 'dissection:control';
  if (/^(create|delete)_snapshot$/.test(tool) || /_snapshot_(to|from)_cloud$/.test(tool)) return 'snapshot:write';
  if (/snapshot/.test(tool)) return 'snapshot:read';
  return undefined;
}

const BODY_KEEP = 4096;

/** What a JSON error body of the Local Hub says (§2.3); `undefined` for any other body. */
function parseErrorBody(text: string): { code: string; message: string; details?: Record<string, unknown> } | undefined {
  const parsed = parseJson(text);
  const error = parsed.ok ? asObject(prop(asObject(parsed.value), 'error')) : undefined;
  const message = str(error, 'message');
  if (message === undefined) return undefined;
  return { code: str(error, 'code') ?? '', message, details: asObject(prop(error, 'details')) };
}

/** Maps a non-2xx answer of `tools/call` or `/api/mcp` to its kind (§2.3). */
export function errorFromStatus(status: number, bodyText: string, context: { baseUrl: string; tool?: string; descriptorRequest?: boolean }): HubError {
  const body = bodyText.slice(0, BODY_KEEP);
  const parsed = parseErrorBody(body);
  const detail = parsed?.message ?? body.trim();
  const base = { status, body, code: parsed?.code, details: parsed?.details, tool: context.tool };
  const tool = context.tool ?? 'the tool';
  if (status === 401 || status === 302 || status === 303) return new HubError({ ...base, kind: 'auth_required', message: 'The Hub needs authentication' });
  if (status === 403) {
    const capability = context.tool ? capabilityOf(context.tool) : undefined;
    return new HubError({ ...base, kind: 'forbidden', message: capability ? `Your role lacks \`${capability}\`${detail ? ` (${detail})` : ''}` : detail || 'Forbidden' });
  }
  if (status === 404) {
    if (context.descriptorRequest) return new HubError({ ...base, kind: 'not_a_hub', message: `${context.baseUrl} does not serve the Hub API` });
    // The Local Hub names a missing object NOT_FOUND; a bare 404 from a real Hub means the tool is gone.
    if (parsed && parsed.code !== 'UNKNOWN_TOOL') return new HubError({ ...base, kind: 'not_found', message: parsed.message });
    return new HubError({ ...base, kind: 'tool_unavailable', message: `The Hub no longer offers \`${tool}\`` });
  }
  if (status === 400 || status === 422) return new HubError({ ...base, kind: 'invalid_arguments', message: detail || `The Hub rejected the arguments of ${tool}` });
  if (status === 409) return new HubError({ ...base, kind: 'conflict', message: detail || `Conflict (${status})` });
  if (status === 429 || status === 502 || status === 503 || status === 504) return new HubError({ ...base, kind: 'busy', message: `Hub busy (${status})${detail ? `: ${detail}` : ''}` });
  if (status >= 500) return new HubError({ ...base, kind: 'hub_error', message: `Hub error (${status})${detail ? `: ${detail}` : ''}` });
  return new HubError({ ...base, kind: 'hub_error', message: `Unexpected answer (${status})${detail ? `: ${detail}` : ''}` });
}
