// KFL editing in a real VS Code, through the same provider commands the editor uses: completion at
// a caret, hover, signature help, semantic tokens, formatting, and quick fixes that VS Code applies.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsOf } from './support/diagnostics';
import { extensionApi } from './support/extension';

/** Opens an untitled KFL editor once the language server is running (analyze waits for its start). */
async function kflEditor(content: string): Promise<vscode.TextEditor> {
  const { kfl } = await extensionApi();
  await kfl.analyze('');
  const document = await vscode.workspace.openTextDocument({ language: 'kfl', content });
  return vscode.window.showTextDocument(document);
}

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('KFL editing in VS Code', () => {
  it('completes field names at the caret', async () => {
    const editor = await kflEditor('http && sta');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 11));
    const item = list.items.find((i) => label(i) === 'status_code');
    assert.ok(item, `status_code among ${list.items.length} items`);
    assert.equal(item.kind, vscode.CompletionItemKind.Field);
    assert.equal(item.detail, 'int');
  });

  it('completes members after a dot and methods by receiver type', async () => {
    const editor = await kflEditor('src.pod.');
    const members = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 8), '.');
    assert.deepEqual(members.items.map(label).sort(), ['name', 'namespace']);
    const onString = await kflEditor('path.');
    const stringMethods = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', onString.document.uri, new vscode.Position(0, 5), '.');
    const startsWith = stringMethods.items.find((i) => label(i) === 'startsWith');
    assert.ok(startsWith?.insertText instanceof vscode.SnippetString, 'methods insert as snippets');
  });

  it('hovers a field with its documentation', async () => {
    const editor = await kflEditor('dns && dns_questions.exists(q, q.endsWith(".local"))');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 12));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /dns_questions\*\* · `list\(string\)`/);
    assert.deepEqual([hovers[0]?.range?.start.character, hovers[0]?.range?.end.character], [7, 20]);
  });

  it('shows the signature of the call being written', async () => {
    const editor = await kflEditor('path.startsWith(');
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', editor.document.uri, new vscode.Position(0, 16), '(');
    assert.equal(help.signatures[0]?.label, 'string.startsWith(prefix: string) → bool');
  });

  it('colours what only the checker knows with semantic tokens', async () => {
    const editor = await kflEditor('dns_questions.exists(q, q == "a")');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', editor.document.uri);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', editor.document.uri);
    // The macro variable's binding: a parameter with the declaration modifier at column 21.
    const types: string[] = [];
    for (let i = 0, character = 0; i < tokens.data.length; i += 5) {
      character += tokens.data[i + 1] ?? 0;
      types.push(`${character}:${legend.tokenTypes[tokens.data[i + 3] ?? -1]}`);
    }
    assert.deepEqual(types.slice(0, 4), ['0:property', '14:macro', '21:parameter', '24:parameter']);
  });

  it('formats the document', async () => {
    const editor = await kflEditor('http&&(status_code>=500||dns)');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', editor.document.uri, { tabSize: 2, insertSpaces: true });
    const edit = new vscode.WorkspaceEdit();
    edit.set(editor.document.uri, edits);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(editor.document.getText(), 'http && (status_code >= 500 || dns)');
  });

  it('applies a quick fix, after which the problem is gone', async () => {
    const editor = await kflEditor('http and status_code == 500');
    const uri = editor.document.uri;
    assert.deepEqual((await diagnosticsOf(uri)).map(codeOf), ['kfl/v1-syntax']);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 5, 0, 8), vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Replace with `&&`');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.isPreferred, true);
    const cleared = diagnosticsOf(uri, (d) => d.length === 0);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(editor.document.getText(), 'http && status_code == 500');
    await cleared;
  });

  it('converts a KFL v1 filter to KFL2 in one action', async () => {
    const editor = await kflEditor('http and response.status == 500 and request.path contains "/api"');
    const uri = editor.document.uri;
    await diagnosticsOf(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0));
    const convert = actions.find((a) => a.title === 'Convert to KFL2');
    assert.ok(convert?.edit);
    assert.equal(await vscode.workspace.applyEdit(convert.edit), true);
    assert.equal(editor.document.getText(), 'http && status_code == 500 && path.contains("/api")');
  });
});
