/** agent-scripts/ speaks UTF-16 offsets; LSP speaks line/character (UTF-16 too). TextDocument converts. */
import { type Diagnostic, DiagnosticSeverity, type Range, type TextEdit } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type Finding, type Severity, type TextEdit as OffsetEdit } from '../../agent-scripts/index';

/** The source shown next to each message in the Problems view. */
export const SOURCE = 'agent-lint';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function textEditsOf(document: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: rangeOf(document, e.start, e.end), newText: e.newText }));
}

export function toLspDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  return { range: rangeOf(document, finding.start, finding.end), severity: SEVERITY[finding.severity], code: finding.rule, source: SOURCE, message: finding.message };
}
