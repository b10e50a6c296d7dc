/**
 * Problems of cell directives as diagnostics in the cell, beside the language server's KFL
 * diagnostics (the directives are KFL comments, so the server does not look at them).
 */
import * as vscode from 'vscode';
import { parseDirectives } from '../cell/directives';
import { NOTEBOOK_TYPE } from '../commandIds';

export const DIAGNOSTIC_SOURCE = 'kfl-notebook';

function isKflCell(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'vscode-notebook-cell' && document.languageId === 'kfl' &&
    vscode.workspace.notebookDocuments.some((n) => n.notebookType === NOTEBOOK_TYPE && n.getCells().some((c) => c.document === document));
}

export function registerDirectiveDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const check = (document: vscode.TextDocument): void => {
    if (!isKflCell(document)) {
      collection.delete(document.uri);
      return;
    }
    collection.set(document.uri, parseDirectives(document.getText()).problems.map((p) => {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(p.line, p.start, p.line, p.end), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = p.code;
      return diagnostic;
    }));
  };
  for (const notebook of vscode.workspace.notebookDocuments) for (const cell of notebook.getCells()) check(cell.document);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
    // A cell switched to KFL (or away from it) is reopened with its new language.
    vscode.workspace.onDidOpenNotebookDocument((notebook) => notebook.getCells().forEach((c) => check(c.document))),
  );
}
