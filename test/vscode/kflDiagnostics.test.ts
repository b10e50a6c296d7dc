// KFL diagnostics in a real VS Code: the extension starts the language server for a .kfl file, an
// untitled KFL editor and a notebook cell with language kfl, and VS Code shows what it reports.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsOf, positioned } from './support/diagnostics';
import { extensionApi } from './support/extension';
import { fileInWorkspace } from './support/workspace';

describe('KFL diagnostics in VS Code', () => {
  it('gives a .kfl file the language kfl and the server\'s diagnostics', async () => {
    const uri = fileInWorkspace('errors.kfl');
    const shown = diagnosticsOf(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'kfl');
    const diagnostics = await shown;
    assert.deepEqual(positioned(diagnostics), [
      ['kfl/v1-syntax', 0, 5, 0, 8],
      ['kfl/type-mismatch', 0, 24, 0, 29],
    ]);
    assert.deepEqual(diagnostics.map((d) => d.severity), [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Error]);
    assert.equal(diagnostics[0]?.message, '`and` is KFL v1 syntax; KFL2 uses `&&`.');
  });

  it('re-checks as the document is edited', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'kfl', content: 'http && status_code == 500' });
    const editor = await vscode.window.showTextDocument(document);
    const broken = diagnosticsOf(document.uri);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'dns or '));
    assert.deepEqual(positioned(await broken), [['kfl/v1-syntax', 0, 4, 0, 6]]);
    const fixed = diagnosticsOf(document.uri, (d) => d.length === 0);
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 4, 0, 6), '||'));
    assert.deepEqual(await fixed, []);
  });

  it('checks notebook cells whose language is kfl', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Incident', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'http and status_code >= 500', 'kfl'),
    ]);
    // The built-in Jupyter serializer stands in for our own notebook type here.
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    // The client pulls diagnostics for what is shown, as for a person.
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(1).document;
    assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
    const diagnostics = await diagnosticsOf(cell.uri);
    assert.deepEqual(diagnostics.map(codeOf), ['kfl/v1-syntax']);
  });

  it('re-checks open documents when a Hub\'s schema is pushed through the extension API', async () => {
    const { kfl } = await extensionApi();
    const document = await vscode.workspace.openTextDocument({ language: 'kfl', content: 'hub_team == "payments"' });
    await vscode.window.showTextDocument(document);
    assert.deepEqual((await diagnosticsOf(document.uri)).map(codeOf), ['kfl/unknown-field']);
    const cleared = diagnosticsOf(document.uri, (d) => d.length === 0);
    await kfl.setSchema({ fields: [{ path: 'hub_team', type: 'string', protocol: 'any', description: 'Team label.' }], values: {} });
    await cleared;
    const back = diagnosticsOf(document.uri);
    await kfl.setSchema({ fields: [], values: {} });
    assert.deepEqual((await back).map(codeOf), ['kfl/unknown-field']);
  });

  it('checks a filter that is not a document through the extension API (kfl/analyze)', async () => {
    const { kfl } = await extensionApi();
    const result = await kfl.analyze('status_code == "500"');
    assert.equal(result.hasErrors, true);
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.line, d.column]), [['kfl/type-mismatch', 1, 16]]);
  });
});
