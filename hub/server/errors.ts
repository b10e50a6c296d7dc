import { type HubErrorBody, type HubErrorCode, type HubErrorDetails } from '../../protocol/hubApi';

const STATUS: Readonly<Record<HubErrorCode, number>> = {
  INVALID_ARGUMENT: 400, KFL_SYNTAX: 400, KFL_TYPE: 400, BPF_SYNTAX: 400, INVALID_CURSOR: 400, OUT_OF_BOUNDS: 400,
  UNAUTHENTICATED: 401,
  UNKNOWN_TOOL: 404, NOT_FOUND: 404,
  SNAPSHOT_NOT_READY: 409, DISSECTION_ACTIVE: 409, ALREADY_EXISTS: 409, CLOUD_DISABLED: 409,
  INTERNAL: 500,
};

/** A failure the Hub answers with a JSON error body (hub-api.md §2.3); tools throw it. */
export class HubError extends Error {
  constructor(readonly code: HubErrorCode, message: string, readonly details?: HubErrorDetails) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }

  body(): HubErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function invalidArgument(argument: string, message: string): HubError {
  return new HubError('INVALID_ARGUMENT', message, { argument });
}

export function notFound(what: string): HubError {
  return new HubError('NOT_FOUND', what);
}
