/**
 * Diagnostics of a KFL document: kfl's `analyze` under the live schema, mapped to LSP (messages in
 * the spec's wording via `messageOf`), with `kfl/status` around each check so the client can show
 * that the server is working and how long a check takes.
 */
import { performance } from 'node:perf_hooks';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type KflDiagnostic, messageOf, type Severity } from '../../kfl';
import { Status } from '../../protocol/kflLsp';
import { type ServerContext } from '../feature';
import { type LiveSchema } from './liveSchema';
import { rangeOf } from './positions';
import { DEFAULT_SETTINGS, type KflSettings, SECTION } from './settings';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The source shown next to each message in the Problems view. */
export const SOURCE = 'kfl';

export function toLspDiagnostic(document: TextDocument, diagnostic: KflDiagnostic): Diagnostic {
  return {
    range: rangeOf(document, diagnostic.start, diagnostic.end),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: SOURCE,
    message: messageOf(diagnostic),
  };
}

export async function diagnoseKfl(context: ServerContext, live: LiveSchema, document: TextDocument): Promise<Diagnostic[]> {
  const uri = document.uri;
  const schema = { fields: live.fieldCount, ...(live.source ? { source: live.source } : {}) };
  void context.connection.sendNotification(Status.method, { state: 'validating', uri, schema } satisfies Status.Params);
  const settings: KflSettings = await context.settings.get(uri, SECTION, DEFAULT_SETTINGS);
  const started = performance.now();
  const found = settings.validate ? analyze(document.getText(), { schema: live.schema, timeZone: await context.settings.displayZone(uri) }).diagnostics : [];
  const shown = settings.performanceHints ? found : found.filter((d) => d.code !== 'kfl/perf');
  const diagnostics = shown.map((d) => toLspDiagnostic(document, d));
  const durationMs = performance.now() - started;
  const count = (severity: Severity) => shown.filter((d) => d.severity === severity).length;
  void context.connection.sendNotification(Status.method, {
    state: 'idle', uri, durationMs, errors: count('error'), warnings: count('warning'), schema,
  } satisfies Status.Params);
  return diagnostics;
}
