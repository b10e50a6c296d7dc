// The README's tour, samples/investigation.kflnb, in a real VS Code on the sample captures: every
// cell runs (Run All) and answers what its note promises, against the capture's manifest; the
// evidence cell offers the snapshot's dissection, then exports a PCAP whose SHA-256 the notebook
// keeps; the report, made after running every cell again, carries it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../extension/main';
import { NotebookOutput } from '../../protocol/notebookMessages';
import { CAPTURES_DIR, REPO_ROOT } from '../support/paths';
import { capturesFolder, connectLocal, extensionApi, resetHubSettings, snapshotsTreeUntil } from './hubSupport';
import { fileInWorkspace } from './support/workspace';

const MANIFEST = JSON.parse(readFileSync(path.join(CAPTURES_DIR, 'small.manifest.json'), 'utf8')) as { calls: number; counts: Record<string, number> };
const count = (pattern: RegExp): number => Object.entries(MANIFEST.counts).filter(([k]) => pattern.test(k)).reduce((sum, [, n]) => sum + n, 0);
const SAMPLES = path.join(REPO_ROOT, 'samples');

function payloadOf(cell: vscode.NotebookCell): NotebookOutput.Payload {
  const item = cell.outputs[0]?.items.find((i) => (NotebookOutput.ALL_MIMES as readonly string[]).includes(i.mime));
  assert.ok(item, `cell ${cell.index + 1} has an output`);
  return JSON.parse(new TextDecoder().decode(item.data)) as NotebookOutput.Payload;
}

function as<K extends NotebookOutput.Payload['kind']>(cell: vscode.NotebookCell, kind: K): Extract<NotebookOutput.Payload, { kind: K }> {
  const payload = payloadOf(cell);
  assert.equal(payload.kind, kind, `cell ${cell.index + 1}: ${JSON.stringify(payload).slice(0, 300)}`);
  return payload as Extract<NotebookOutput.Payload, { kind: K }>;
}

describe('the sample investigation notebook', function () {
  this.timeout(240_000);
  let api: ExtensionApi;
  let folder: string;

  /** Resolves once the controller has finished `n` runs in `notebook`. */
  const runs = (notebook: vscode.NotebookDocument, n: number): Promise<void> => new Promise((resolve) => {
    let left = n;
    const subscription = api.notebooks.controller.onDidRun((e) => {
      if (e.cell.notebook !== notebook || --left > 0) return;
      subscription.dispose();
      resolve();
    });
  });

  before(async () => {
    api = await extensionApi();
    folder = capturesFolder([path.join(SAMPLES, 'captures', 'small.pcap'), path.join(SAMPLES, 'captures', 'pg.pcap')]);
    await connectLocal(api, folder);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetHubSettings();
    rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it('runs every cell of the tour and finds what its notes say', async () => {
    const created = await vscode.commands.executeCommand<{ snapshot: { key: string } }>('kubeshark.snapshots.create', { name: 'sample-window' });
    const key = created.snapshot.key;
    await vscode.commands.executeCommand('kubeshark.snapshots.focus');
    await snapshotsTreeUntil(api, () => api.snapshots.model.entry(key)?.snapshot.status === 'completed');

    const target = fileInWorkspace('investigation.kflnb');
    copyFileSync(path.join(SAMPLES, 'investigation.kflnb'), target.fsPath);
    const notebook = await vscode.workspace.openNotebookDocument(target);
    await vscode.window.showNotebookDocument(notebook);
    const code = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.equal(code.length, 8);
    const all = runs(notebook, code.length);
    await vscode.commands.executeCommand('notebook.execute', notebook.uri);
    await all;
    const [overview, errors, errorStats, slowest, dnsFailures, dnsStats, flows, evidence] = code as [vscode.NotebookCell, ...vscode.NotebookCell[]];

    const totals = as(overview, 'stats').summary;
    const nonSql = totals.byProtocol.filter((p) => p.proto !== 'postgresql').reduce((n, p) => n + p.calls, 0);
    assert.equal(nonSql, MANIFEST.calls, 'every call of small.pcap');
    assert.ok(totals.byProtocol.some((p) => p.proto === 'postgresql' && p.calls > 0), 'and the PostgreSQL sessions of pg.pcap');
    assert.equal(as(errors!, 'calls').total, count(/^http1 \w+ 500$/) + count(/^grpc \w+ [1-9]/));
    assert.equal(as(errorStats!, 'stats').summary.totals?.errors, count(/^http1 \w+ 500$/) + count(/^grpc \w+ [1-9]/));
    const slow = as(slowest!, 'calls');
    assert.ok(slow.rows.length > 0 && slow.rows.every((r) => (r.elapsedMs ?? 0) > 20), 'slower than 20 ms');
    assert.equal(as(dnsFailures!, 'calls').total, count(/ENOTFOUND/));
    assert.ok(as(dnsStats!, 'stats').summary.topEndpoints.length > 0, 'the names that failed');
    assert.ok(as(flows!, 'table').rows.length > 0);

    // The evidence cell: the snapshot has no dissection yet, so it offers one.
    const offer = as(evidence!, 'error');
    assert.equal(offer.title, 'Not dissected yet');
    const exported = runs(notebook, 1);
    await api.notebooks.renderer.handle(notebook, { type: 'runAction', key: offer.key, index: 0 });
    await exported;
    const pcap = as(notebook.cellAt(evidence!.index), 'pcap');
    assert.equal(pcap.file, fileInWorkspace('exports/server-errors.pcap').fsPath);
    assert.equal(pcap.sha256, createHash('sha256').update(readFileSync(pcap.file)).digest('hex'));
    assert.deepEqual(notebook.cellAt(evidence!.index).outputs[0]?.metadata?.pcap, { file: pcap.file, sha256: pcap.sha256 }, 'the hash in the output\'s metadata');
    const records = notebook.cellAt(evidence!.index).metadata.exports as { sha256: string }[];
    assert.deepEqual(records.map((r) => r.sha256), [pcap.sha256]);

    const report = fileInWorkspace('investigation-report.html').fsPath;
    const again = runs(notebook, code.length);
    await vscode.commands.executeCommand('kubeshark.notebook.exportReport', { notebook: notebook.uri.toString(), destination: report, rerun: true });
    await again;
    const html = readFileSync(report, 'utf8');
    assert.ok(html.includes(pcap.sha256) || html.includes(records[0]!.sha256), 'the PCAP hash');
    assert.match(html, /<h3>sample-window<\/h3>/);
    assert.match(html, /every KFL cell was run again just before this report was made/);
  });
});
