// KFL notebooks in a real VS Code against the embedded local Hub on the sample capture: open a
// .kflnb, run cells through VS Code's own execute command, check the output items (MIME types,
// counts from the capture's manifest), execution order and status bar; KFL diagnostics in cells
// that were there, added or switched to kfl; the renderer's messages (load more, pin, fixes);
// Open in Notebook from a snapshot with the dissection offer; kept outputs; the report.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../extension/main';
import { type CellResult } from '../../extension/notebooks/run/runContext';
import { NotebookOutput } from '../../protocol/notebookMessages';
import { CAPTURES_DIR } from '../support/paths';
import { SMALL_PCAP } from '../support/captures';
import { capturesFolder, connectLocal, extensionApi, resetHubSettings, snapshotsTreeUntil } from './hubSupport';
import { codeOf, diagnosticsOf } from './support/diagnostics';
import { fileInWorkspace } from './support/workspace';

const MANIFEST = JSON.parse(readFileSync(path.join(CAPTURES_DIR, 'small.manifest.json'), 'utf8')) as { calls: number; counts: Record<string, number> };
const count = (pattern: RegExp): number => Object.entries(MANIFEST.counts).filter(([k]) => pattern.test(k)).reduce((sum, [, n]) => sum + n, 0);
const decoder = new TextDecoder();

function notebookFile(cells: { kind?: 'markdown'; language?: string; value: string }[], metadata: Record<string, unknown> = { kubeshark: { source: { kind: 'live' } } }): string {
  return `${JSON.stringify({ kflnb: 1, metadata, cells: cells.map((c) => ({ kind: c.kind ?? 'code', language: c.language ?? (c.kind === 'markdown' ? 'markdown' : 'kfl'), value: c.value })) }, null, 1)}\n`;
}

/** The payload of a cell's output, with the MIME types of the output's items. */
function outputOf(cell: vscode.NotebookCell): { mimes: string[]; payload: NotebookOutput.Payload; markdown: string } {
  const output = cell.outputs[0];
  assert.ok(output, `cell ${cell.index} has an output`);
  const ours = output.items.find((i) => (NotebookOutput.ALL_MIMES as readonly string[]).includes(i.mime))!;
  const markdown = output.items.find((i) => i.mime === 'text/markdown');
  return { mimes: output.items.map((i) => i.mime), payload: JSON.parse(decoder.decode(ours.data)) as NotebookOutput.Payload, markdown: markdown ? decoder.decode(markdown.data) : '' };
}

function payload<K extends NotebookOutput.Payload['kind']>(cell: vscode.NotebookCell, kind: K): Extract<NotebookOutput.Payload, { kind: K }> {
  const { payload: p } = outputOf(cell);
  assert.equal(p.kind, kind, JSON.stringify(p).slice(0, 300));
  return p as Extract<NotebookOutput.Payload, { kind: K }>;
}

describe('KFL notebooks', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let folder: string;
  let out: string;

  /** Resolves when the controller has finished a run (or a page) of `cell`. */
  const ranOnce = (cell: vscode.NotebookCell): Promise<CellResult> => new Promise((resolve) => {
    const subscription = api.notebooks.controller.onDidRun((e) => {
      if (e.cell.document.uri.toString() !== cell.document.uri.toString()) return;
      subscription.dispose();
      resolve(e.result);
    });
  });
  /** Runs cell `index` through VS Code's own command, as the ▶ button does. */
  async function run(notebook: vscode.NotebookDocument, index: number): Promise<vscode.NotebookCell> {
    const done = ranOnce(notebook.cellAt(index));
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: index, end: index + 1 }], document: notebook.uri });
    await done;
    return notebook.cellAt(index);
  }
  async function open(name: string, content: string): Promise<vscode.NotebookEditor> {
    const uri = fileInWorkspace(name);
    writeFileSync(uri.fsPath, content);
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    return vscode.window.showNotebookDocument(notebook);
  }

  before(async () => {
    api = await extensionApi();
    folder = capturesFolder([SMALL_PCAP]);
    await connectLocal(api, folder);
    out = mkdtempSync(path.join(os.tmpdir(), 'vscode-notebook-'));
  });
  after(async () => {
    // Untitled notebooks (Open in Notebook) are dirty: revert them so closing asks nothing.
    for (const notebook of vscode.workspace.notebookDocuments.filter((n) => n.isDirty)) {
      await vscode.window.showNotebookDocument(notebook);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetHubSettings();
    rmSync(path.dirname(folder), { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('opens a .kflnb, runs a cell and shows the calls with a markdown fallback, without making the file dirty', async () => {
    const editor = await open('errors.kflnb', notebookFile([{ kind: 'markdown', value: '# 500s' }, { value: 'http && status_code >= 500' }, { value: '// @stats\ngrpc' }]));
    const notebook = editor.notebook;
    assert.equal(notebook.notebookType, 'kubeshark-kfl-notebook');
    assert.equal(notebook.cellAt(1).document.languageId, 'kfl');
    const cell = await run(notebook, 1);
    const { mimes, payload: calls, markdown } = outputOf(cell);
    assert.deepEqual(mimes, [NotebookOutput.CALLS_MIME, 'text/markdown']);
    assert.equal(calls.kind, 'calls');
    assert.equal(calls.kind === 'calls' && calls.total, count(/^http1 \w+ 500$/));
    assert.equal(calls.kind === 'calls' && calls.rows.length, count(/^http1 \w+ 500$/));
    assert.match(markdown, /^\*\*29 calls\*\* matching http \\&\\& status\\_code \\>\\= 500\n/);
    assert.equal(cell.executionSummary?.success, true);
    assert.equal(cell.executionSummary?.executionOrder, 1);
    assert.ok(cell.executionSummary?.timing && cell.executionSummary.timing.endTime >= cell.executionSummary.timing.startTime);
    const stats = await run(notebook, 2);
    assert.deepEqual(outputOf(stats).mimes, [NotebookOutput.STATS_MIME, 'text/markdown']);
    assert.equal(payload(stats, 'stats').summary.totals?.calls, count(/^grpc /));
    assert.equal(stats.executionSummary?.executionOrder, 2);
    assert.equal(notebook.isDirty, false, 'outputs are transient');
    const items = api.notebooks.statusBar.provideCellStatusBarItems(cell).map((i) => i.text);
    assert.equal(items[0], '$(pulse) live traffic');
    assert.match(items[1] ?? '', /^29 calls · \d/);
  });

  it('gives KFL diagnostics to cells that were there, were added, or were switched to kfl; directives get theirs', async () => {
    const editor = await open('faulty.kflnb', notebookFile([{ value: 'http && status_cod == 500' }, { language: 'plaintext', value: 'dns and status_code != 0' }, { value: '// @stast\nhttp' }]));
    const notebook = editor.notebook;
    assert.deepEqual((await diagnosticsOf(notebook.cellAt(0).document.uri)).map(codeOf), ['kfl/unknown-field']);
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(3, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'grpc && grpc_statuz != 0', 'kfl')])]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.deepEqual((await diagnosticsOf(notebook.cellAt(3).document.uri)).map(codeOf), ['kfl/unknown-field'], 'a cell added after opening');
    const switched = await vscode.languages.setTextDocumentLanguage(notebook.cellAt(1).document, 'kfl');
    assert.deepEqual((await diagnosticsOf(switched.uri, (d) => d.some((x) => codeOf(x) === 'kfl/v1-syntax'))).map(codeOf), ['kfl/v1-syntax'], 'a cell switched to kfl');
    const directive = await diagnosticsOf(notebook.cellAt(2).document.uri, (d) => d.some((x) => x.source === 'kfl-notebook'));
    assert.deepEqual(directive.filter((d) => d.source === 'kfl-notebook').map((d) => [codeOf(d), d.range.start.character, d.range.end.character]), [['directive/unknown', 3, 9]]);
  });

  it('refuses a filter the language server rejects, offers Send Anyway, and shows the Hub\'s error at its place', async () => {
    const editor = await open('refused.kflnb', notebookFile([{ value: 'http && status_cod == 500' }]));
    const notebook = editor.notebook;
    const cell = await run(notebook, 0);
    const refused = payload(cell, 'error');
    assert.equal(refused.title, 'The filter has errors');
    assert.deepEqual(refused.position, { line: 0, column: 8, length: 10 });
    assert.match(outputOf(cell).markdown, /\[Send Anyway\]\(command:kubeshark\.notebook\.runAnyway\?/);
    assert.equal(cell.executionSummary?.success, false);
    const again = ranOnce(cell);
    assert.equal(await api.notebooks.renderer.handle(notebook, { type: 'runAction', key: refused.key, index: 0 }), undefined);
    await again;
    const rejected = payload(notebook.cellAt(0), 'error');
    assert.equal(rejected.title, 'The Hub rejected the filter');
    assert.equal(rejected.position?.column, 8);
    assert.equal(await api.notebooks.renderer.handle(notebook, { type: 'runAction', key: rejected.key, index: 5 }), 'That action is not available.');
  });

  it('loads more pages into the same output, pins a call and exports a report with it', async () => {
    const editor = await open('paging.kflnb', notebookFile([{ value: '// @limit 100\ndns || redis' }]));
    const notebook = editor.notebook;
    const cell = await run(notebook, 0);
    const first = payload(cell, 'calls');
    assert.equal(first.rows.length, 100);
    assert.equal(first.more, true);
    const page = ranOnce(cell);
    assert.equal(await api.notebooks.renderer.handle(notebook, { type: 'loadMore', key: first.key }), undefined);
    await page;
    const second = payload(notebook.cellAt(0), 'calls');
    assert.equal(second.key, first.key, 'the same output grew');
    assert.equal(second.rows.length, count(/^(dns|dig|redis) /), 'every DNS and Redis call of the capture');
    assert.equal(second.more, false);
    assert.equal(notebook.cellAt(0).executionSummary?.executionOrder, cell.executionSummary?.executionOrder, 'a page keeps the run number');
    const id = second.rows[0]!.id;
    assert.equal(await api.notebooks.renderer.handle(notebook, { type: 'pinCall', key: first.key, id }), `Pinned ${id} to the report`);
    assert.equal(await api.notebooks.renderer.handle(notebook, { type: 'pinCall', key: first.key, id: 'not/in/output' }), 'That call is not in this output.');
    const pinned = notebook.cellAt(0).metadata.pinnedCalls as { call: { id: string } }[];
    assert.deepEqual(pinned.map((p) => p.call.id), [id]);
    const report = path.join(out, 'paging-report.html');
    const result = await vscode.commands.executeCommand<{ file: string; bytes: number }>('kubeshark.notebook.exportReport', { notebook: notebook.uri.toString(), destination: report, rerun: false });
    assert.equal(result.file, report);
    const html = readFileSync(report, 'utf8');
    assert.equal(Buffer.byteLength(html), result.bytes);
    assert.match(html, /<h3>Pinned call /);
    assert.ok(html.includes(`<span class="mono">${id}</span>`));
    assert.doesNotMatch(html, /<[^>]+\s(src|href|on\w+)\s*=/i);
  });

  it('opens a snapshot in a new notebook, offers to start its dissection, then runs on it; a query joins the notebook shown', async () => {
    const created = await vscode.commands.executeCommand<{ snapshot: { key: string } }>('kubeshark.snapshots.create', { name: 'notebook-snapshot' });
    const key = created.snapshot.key;
    // The tree polls a snapshot in progress while it is shown.
    await vscode.commands.executeCommand('kubeshark.snapshots.focus');
    await snapshotsTreeUntil(api, () => api.snapshots.model.entry(key)?.snapshot.status === 'completed');
    const editor = await vscode.commands.executeCommand<vscode.NotebookEditor>('kubeshark.openInNotebook', { kind: 'snapshot', key });
    const notebook = editor.notebook;
    assert.deepEqual(notebook.metadata.kubeshark, { hub: 'local', source: { kind: 'snapshot', snapshotId: key, name: 'notebook-snapshot' } });
    assert.equal(notebook.cellAt(1).document.getText(), '// @stats\n');
    const cell = await run(notebook, 1);
    const offer = payload(cell, 'error');
    assert.equal(offer.title, 'Not dissected yet');
    assert.equal(offer.actions[0]?.command, 'kubeshark.notebook.startDissectionAndRun');
    const dissected = ranOnce(cell);
    await api.notebooks.renderer.handle(notebook, { type: 'runAction', key: offer.key, index: 0 });
    await dissected;
    assert.equal(payload(notebook.cellAt(1), 'stats').summary.totals?.calls, MANIFEST.calls, 'every call of the capture is in the snapshot');
    assert.equal(notebook.cellAt(1).outputs[0]?.metadata?.source, "snapshot 'notebook-snapshot'");
    // A query opened while the notebook is shown comes in as a new cell, with a directive when its source differs.
    await vscode.commands.executeCommand('kubeshark.openInNotebook', { kfl: 'redis' });
    assert.equal(notebook.cellAt(notebook.cellCount - 1).document.getText(), '// @live\nredis');
    await vscode.commands.executeCommand('kubeshark.snapshots.delete', { snapshot: key, confirmed: true });
  });

  it('keeps outputs in the file when asked, and reads them back marked with their capture time', async () => {
    const editor = await open('kept.kflnb', notebookFile([{ value: 'redis' }]));
    const notebook = editor.notebook;
    await run(notebook, 0);
    await vscode.commands.executeCommand('kubeshark.notebook.keepOutputs', notebook.uri.toString());
    assert.ok(await notebook.save());
    const bytes = readFileSync(notebook.uri.fsPath);
    const json = JSON.parse(bytes.toString('utf8')) as { metadata: unknown; cells: { metadata?: unknown; outputs?: { items: { mime: string }[] }[] }[] };
    assert.deepEqual(json.metadata, { kubeshark: { source: { kind: 'live' }, keepOutputs: true } });
    assert.deepEqual(json.cells[0]!.outputs?.[0]?.items.map((i) => i.mime), [NotebookOutput.CALLS_MIME, 'text/markdown']);
    assert.equal(json.cells[0]!.metadata, undefined, 'the hand-over in the metadata is not written');
    // A copy is read afresh (the open notebook would be reused).
    const copy = fileInWorkspace('kept-copy.kflnb');
    writeFileSync(copy.fsPath, bytes);
    const reopened = await vscode.workspace.openNotebookDocument(copy);
    const kept = payload(reopened.cellAt(0), 'calls');
    assert.equal(kept.total, count(/^redis /));
    assert.match(kept.kept ?? '', /^Kept in the file; captured \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})? \S+( \(.+ UTC\))?\. Run the cell again for current data\.$/);
    assert.match(outputOf(reopened.cellAt(0)).markdown, /^> Kept in the file; captured/);
    assert.match(api.notebooks.statusBar.provideCellStatusBarItems(reopened.cellAt(0))[1]?.text ?? '', /^\$\(history\) kept: 66 calls/);
    await vscode.commands.executeCommand('kubeshark.notebook.stopKeepingOutputs', notebook.uri.toString());
    assert.ok(await notebook.save());
    assert.doesNotMatch(readFileSync(notebook.uri.fsPath, 'utf8'), /outputs|keptOutputs/);
  });
});
