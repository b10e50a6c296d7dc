// Agent scripts in a real VS Code: a faulty script in a `scripts/` folder (one that defines a
// hook) shows the linter's diagnostics, and a quick fix offered by the language server applies
// through VS Code's own provider command and workspace edit, after which the problem is gone.
// Needs the language client to send JavaScript documents to the server (extension/language).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsOf, positioned } from './support/diagnostics';
import { extensionApi } from './support/extension';
import { fileInWorkspace } from './support/workspace';

/** A faulty script; each test uses its own title and job tag (they must be unique across scripts). */
const faulty = (title: string, tag: string): string => [
  `// ${title}`,
  'const threshold = 5000000;',
  'var slow = [];',
  '',
  'function onItemCaptured(data) {',
  '  if (data.elapsedTime > threshold) {',
  '    slow.push(data);',
  '  }',
  '}',
  '',
  'function flushSlow() {',
  '  console.log(slow.length, slow[0]?.id);',
  '  slow = [];',
  '}',
  '',
  `jobs.schedule("${tag}", "*/5 * * * *", flushSlow);`,
  '',
].join('\n');

async function openScript(relativePath: string, text: string): Promise<vscode.TextEditor> {
  // The language server starts with the extension's language client.
  await (await extensionApi()).kfl.analyze('');
  const uri = fileInWorkspace(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.languageId, 'javascript');
  return vscode.window.showTextDocument(document);
}

describe('Agent scripts in VS Code', () => {
  it('shows the linter\'s diagnostics for a script in a scripts/ folder', async () => {
    const editor = await openScript('scripts/slow-calls.js', faulty('Slow call tracker', 'flush-slow'));
    const diagnostics = await diagnosticsOf(editor.document.uri, (d) => d.some((x) => x.source === 'agent-lint'));
    assert.deepEqual(positioned(diagnostics.filter((d) => d.source === 'agent-lint')), [
      ['es5/no-let-const', 1, 0, 1, 5],
      ['es5/no-optional-chaining', 11, 27, 11, 38],
      ['jobs/cron-invalid', 15, 28, 15, 41],
    ]);
    assert.equal(diagnostics.find((d) => codeOf(d) === 'jobs/cron-invalid')?.message,
      'jobs.schedule needs six fields (seconds first); this has five. Did you mean `"0 */5 * * * *"`?');
  });

  it('applies a quick fix, after which the problem is gone', async () => {
    const editor = await openScript('scripts/fix-cron.js', faulty('Cron to fix', 'fix-cron'));
    const uri = editor.document.uri;
    const before = await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'jobs/cron-invalid'));
    const cron = before.find((d) => codeOf(d) === 'jobs/cron-invalid')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, cron.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Use "0 */5 * * * *"');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.isPreferred, true);
    const gone = diagnosticsOf(uri, (d) => d.some((x) => x.source === 'agent-lint') && !d.some((x) => codeOf(x) === 'jobs/cron-invalid'));
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(editor.document.getText(), /jobs\.schedule\("fix-cron", "0 \*\/5 \* \* \* \*", flushSlow\);/);
    assert.deepEqual((await gone).filter((d) => d.source === 'agent-lint').map(codeOf), ['es5/no-let-const', 'es5/no-optional-chaining']);
  });
});
