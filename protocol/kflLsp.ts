/**
 * The custom LSP messages of the KFL language server, declared once for both ends. The extension's
 * client and the server use different vscode-jsonrpc versions, so each message is a plain method
 * string plus its parameter and result types (no RequestType objects):
 *
 *   client.sendNotification(SetSchema.method, params satisfies SetSchema.Params)
 *   connection.onNotification(SetSchema.method, (params: SetSchema.Params) => …)
 */
/* eslint-disable @typescript-eslint/no-namespace -- one namespace per message, the LSP protocol's own convention */

/** A field a Hub adds to the entry environment (the wire form of kfl's FieldSpec). */
export interface SchemaField {
  /** Dotted path: `status_code`, `src.pod.name`. */
  path: string;
  /** CEL type name: `int`, `list(string)`, `map(string, string)`. */
  type: string;
  /** Protocol shown in docs: `HTTP`, `DNS`, `any`, … */
  protocol: string;
  description: string;
  example?: string;
  /** Known values, offered by completion. */
  values?: string[];
}

/**
 * Client → server notification: the live context of a connected Hub. Replaces what an earlier
 * notification set (an empty message restores the built-in schema). The server re-validates every
 * open KFL document (pull clients are asked to refresh).
 */
export namespace SetSchema {
  export const method = 'kfl/setSchema';
  export interface Params {
    /** Fields beyond the built-in table of spec §9. */
    fields: SchemaField[];
    /** Field path → values seen on the Hub (e.g. `dst.service.name` → service names), for completion. */
    values: Record<string, string[]>;
    /** Where this came from, for the status item and hover (e.g. the Hub's URL). */
    source?: string;
  }
}

/** Server → client notification: what the server is doing, for the language status item. */
export namespace Status {
  export const method = 'kfl/status';
  export interface Params {
    /** `validating` while a document is being checked; `idle` once its diagnostics are out. */
    state: 'validating' | 'idle';
    /** The document concerned. */
    uri: string;
    /** How long the check took (parse + type check + mapping), in milliseconds; with `idle`. */
    durationMs?: number;
    /** Problem counts of the document; with `idle`. */
    errors?: number;
    warnings?: number;
    /** The schema in use: number of fields and where extra ones came from. */
    schema: { fields: number; source?: string };
  }
}

/** A diagnostic of `kfl/analyze`, positioned for a single-line or multi-line input box. */
export interface AnalyzedDiagnostic {
  /** `kfl/unknown-field`, … (spec §11). */
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  /** The spec's wording, ready to show. */
  message: string;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** 1-based line and column of `start` and `end`. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Client → server request: check a filter that is not a document (the call list's filter bar, a
 * query about to be sent to a Hub). Uses the same schema as the documents.
 */
export namespace Analyze {
  export const method = 'kfl/analyze';
  export interface Params {
    text: string;
  }
  export interface Result {
    diagnostics: AnalyzedDiagnostic[];
    /** At least one error: a Hub would reject the filter. */
    hasErrors: boolean;
    /** Only whitespace and comments: the filter matches everything. */
    empty: boolean;
  }
}
