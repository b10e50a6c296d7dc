/**
 * `kfl/analyze`: checks a filter that is not a document (the call list's filter bar, a query about
 * to be sent to a Hub) under the same live schema, so there is one checker and one set of messages.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, messageOf } from '../../kfl';
import { type Analyze, type AnalyzedDiagnostic } from '../../protocol/kflLsp';
import { type LiveSchema } from './liveSchema';

export function analyzeFilter(live: LiveSchema, params: Analyze.Params | undefined): Analyze.Result {
  const text = typeof params?.text === 'string' ? params.text : '';
  const analysis = analyze(text, { schema: live.schema });
  // A TextDocument indexes the line starts once, whatever the number of diagnostics.
  const lines = TextDocument.create('kfl:filter', 'kfl', 0, text);
  const diagnostics = analysis.diagnostics.map((d): AnalyzedDiagnostic => {
    const start = lines.positionAt(d.start);
    const end = lines.positionAt(d.end);
    return {
      code: d.code, severity: d.severity, message: messageOf(d), start: d.start, end: d.end,
      line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
    };
  });
  return { diagnostics, hasErrors: diagnostics.some((d) => d.severity === 'error'), empty: analysis.empty };
}
