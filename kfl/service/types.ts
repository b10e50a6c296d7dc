/** Shapes of the editor services (pure functions over text + offset; kfl/README.md). */
import { type KflDiagnostic, type KflTextEdit } from '../diagnostics';
import { type Schema } from '../schema';

/** Known values pushed by the client (e.g. from a Hub), keyed by field path: `method`, `dst.service.name`, `request.headers` (its keys). */
export type ValueSets = { readonly [path: string]: readonly string[] };

export interface ServiceOptions {
  schema?: Schema;
  values?: ValueSets;
  /** IANA zone for showing timestamps; default the process's zone. */
  timeZone?: string;
}

export type KflCompletionKind = 'field' | 'flag' | 'object' | 'method' | 'function' | 'macro' | 'variable' | 'operator' | 'keyword' | 'value' | 'key';

export interface KflCompletionItem {
  label: string;
  kind: KflCompletionKind;
  /** One line: the type, or the signature. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; `label` when absent. */
  insertText?: string;
  /** `insertText` uses snippet syntax (`${1:x}`). */
  snippet?: boolean;
  /** The range the item replaces (the word being typed); an insertion at the caret when absent. */
  replace?: { start: number; end: number };
  /** Orders items; items without it sort by label after those with it. */
  sortText?: string;
}

export interface KflHover {
  start: number;
  end: number;
  markdown: string;
}

export interface KflParameterInformation {
  /** Offsets of the parameter within the signature label. */
  label: [number, number];
  documentation?: string;
}

export interface KflSignatureInformation {
  label: string;
  documentation?: string;
  parameters: KflParameterInformation[];
}

export interface KflSignatureHelp {
  signatures: KflSignatureInformation[];
  activeSignature: number;
  activeParameter: number;
}

export type KflTokenType = 'comment' | 'string' | 'regexp' | 'number' | 'keyword' | 'operator' | 'property' | 'variable' | 'parameter' | 'function' | 'method' | 'macro' | 'namespace';

export interface KflSemanticToken {
  start: number;
  length: number;
  type: KflTokenType;
  /** `defaultLibrary` (built-in functions), `declaration` (a macro variable's binding), `readonly` (schema fields). */
  modifiers: string[];
}

/** A quick fix for a diagnostic, or the source action "Convert to KFL2". */
export interface KflCodeAction {
  title: string;
  kind: 'quickfix' | 'source';
  edits: KflTextEdit[];
  preferred?: boolean;
  diagnostic?: KflDiagnostic;
}
