// The reading-traffic views inside VS Code's extension host, against the embedded local Hub:
// open the call list from a snapshot (its dissection found or started first), page through
// every call, refuse a filter with errors while keeping the rows, copy a row as KFL and as cURL
// (read back from vscode.env.clipboard), export the connection's PCAP (tcpdump reads the
// packets), open details and "Find Calls Like This", export JSON/CSV/HAR, and stats.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { type CallList } from '../../protocol/webviewMessages';
import { num, str } from '../../extension/client/json';
import { type ExtensionApi } from '../../extension/main';
import { type CreateSnapshotResult } from '../../extension/snapshots/commands/createSnapshot';
import { type CallListPanel } from '../../extension/webviews/callList/callListPanel';
import { type DetailsPanel } from '../../extension/webviews/callDetails/detailsPanel';
import { writeManyCalls } from '../support/syntheticCalls';
import { capturesFolder, connectLocal, extensionApi, resetHubSettings, setSetting, snapshotsTreeUntil, stubWindow, until } from './hubSupport';

const CALLS = 2500;


/** The call list the command opened (it becomes the active one). */
async function openedList(api: ExtensionApi, before: CallListPanel | undefined): Promise<CallListPanel> {
  const panel = api.webviews.activeCallList();
  assert.ok(panel && panel !== before, 'a new call list opened');
  await until(panel.onDidLoad, () => panel.calls.length > 0);
  return panel;
}

describe('Reading traffic: call list, details, stats', function () {
  this.timeout(240_000);
  let api: ExtensionApi;
  let folder: string;
  let out: string;
  let snapshot: string;
  let list: CallListPanel;

  before(async () => {
    api = await extensionApi();
    await setSetting('kubeshark.timeZone', 'Asia/Kolkata');
    folder = capturesFolder([]);
    writeManyCalls(path.join(folder, 'many.pcap'), CALLS);
    await connectLocal(api, folder);
    // The Snapshots view polls a new snapshot while it is visible.
    await vscode.commands.executeCommand('kubeshark.snapshots.focus');
    const created = await vscode.commands.executeCommand<CreateSnapshotResult>('kubeshark.snapshots.create', { name: 'many-calls', nodes: ['many'] });
    snapshot = created.snapshot.key;
    await snapshotsTreeUntil(api, () => api.snapshots.model.entry(snapshot)?.snapshot.status === 'completed');
    out = mkdtempSync(path.join(os.tmpdir(), 'vscode-webviews-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetHubSettings();
    if (folder) rmSync(path.dirname(folder), { recursive: true, force: true });
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('opens the list of a snapshot (dissecting it first) and pages through every call in time order', async () => {
    const before = api.webviews.activeCallList();
    await vscode.commands.executeCommand('kubeshark.calls.open', { snapshotId: snapshot });
    list = await openedList(api, before);
    assert.equal(list.scope.snapshotId, snapshot);
    assert.equal(list.calls.length, 200, 'a small first page');
    // The webview shook hands and got the rows.
    await until(list.host.onDidBecomeReady, () => list.host.ready);
    while (list.more) await list.loadMore();
    // An empty filter matches the Hub's L4 connection and flow records too (one each per connection).
    assert.equal(list.calls.length, list.total);
    assert.equal(list.calls.filter((c) => str(c, 'proto') === 'http').length, CALLS);
    await list.run('http');
    while (list.more) await list.loadMore();
    assert.equal(list.total, CALLS);
    assert.equal(list.calls.length, CALLS);
    assert.equal(new Set(list.calls.map((c) => str(c, 'id'))).size, CALLS, 'no call twice');
    const times = list.calls.map((c) => num(c, 'ts')!);
    assert.ok(times.every((t, i) => i === 0 || times[i - 1]! <= t), 'in time order');
    assert.equal(str(list.calls[0]!, 'path'), '/api/v1/items/0');
  });

  it('serves the list under a strict CSP with a fresh nonce per document', async () => {
    const policy = (html: string): { csp: string; nonce: string; scripts: string[] } => ({
      csp: /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'"),
      nonce: /script-src 'nonce-([^']+)'/.exec(html.replace(/&#39;/g, "'"))![1]!,
      scripts: [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!),
    });
    const first = policy(list.panel.webview.html);
    const source = list.panel.webview.cspSource;
    assert.match(first.nonce, /^[A-Za-z0-9+/]{22}==$/, '128 random bits');
    assert.equal(first.csp, `default-src 'none'; script-src 'nonce-${first.nonce}'; style-src ${source}; img-src ${source} data:; font-src ${source}`);
    assert.equal(/unsafe/.test(first.csp), false);
    assert.deepEqual(first.scripts.map((attributes) => attributes.includes(`nonce="${first.nonce}"`)), [true], 'one script, with the nonce');
    await vscode.commands.executeCommand('kubeshark.calls.open', { snapshotId: snapshot, dissection: 'other' });
    const second = api.webviews.activeCallList()!;
    assert.notEqual(second, list, 'a second panel opened');
    assert.notEqual(policy(second.panel.webview.html).nonce, first.nonce);
    second.panel.dispose();
    list.panel.reveal();
    await until(list.panel.onDidChangeViewState, () => api.webviews.activeCallList() === list);
  });

  it('refuses a filter with errors (the language server says why) and keeps the rows', async () => {
    const failed = new Promise<CallList.ToWebview>((resolve) => {
      const subscription = list.host.onDidPost((m) => {
        if (m.type !== 'queryFailed') return;
        subscription.dispose();
        resolve(m);
      });
    });
    await list.run('http && stauts_code == 500');
    const message = await failed;
    assert.equal(message.type, 'queryFailed');
    assert.deepEqual(message.type === 'queryFailed' && message.diagnostics.map((d) => [d.code, d.start, d.end]), [['kfl/unknown-field', 8, 19]]);
    assert.equal(list.calls.length, CALLS, 'the last good rows stay');
    await list.run('http && status_code >= 500');
    assert.equal(list.total, CALLS / 10, 'one call in ten failed');
    assert.ok(list.calls.every((c) => num(c, 'status')! >= 500));
  });

  it('copies a row as a KFL filter that finds exactly that call', async () => {
    const target = list.calls[3]!;
    await vscode.commands.executeCommand('kubeshark.calls.row.copyKfl', { webviewSection: 'callRow', callId: str(target, 'id') });
    const kfl = await vscode.env.clipboard.readText();
    assert.match(kfl, /^http && src\.ip == /);
    await list.run(kfl);
    assert.deepEqual(list.calls.map((c) => str(c, 'id')), [str(target, 'id')]);
  });

  it('copies a row as cURL', async () => {
    const id = str(list.calls[0]!, 'id')!;
    const path0 = str(list.calls[0]!, 'path')!;
    const method = str(list.calls[0]!, 'method')!;
    await vscode.commands.executeCommand('kubeshark.calls.row.copyCurl', { webviewSection: 'callRow', callId: id });
    const command = await vscode.env.clipboard.readText();
    const expected = `curl${method === 'GET' ? '' : ` -X '${method}'`} 'http://items.prod:8080${path0}' -H 'user-agent: synth/1'`;
    assert.equal(command, expected);
  });

  it("exports the row's connection PCAP: only its packets, with the request in them", async () => {
    await list.run('http && path == "/api/v1/items/1234"');
    const call = list.calls[0]!;
    const file = path.join(out, 'connection.pcap');
    const save = stubWindow('showSaveDialog', (async () => vscode.Uri.file(file)) as never);
    const info = stubWindow('showInformationMessage', (async () => undefined) as never);
    try {
      await vscode.commands.executeCommand('kubeshark.calls.row.exportPcap', { webviewSection: 'callRow', callId: str(call, 'id') });
    } finally {
      save.restore();
      info.restore();
    }
    const lines = execFileSync('tcpdump', ['-r', file, '-nn', '-A'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const packets = lines.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d+ IP /.test(l));
    const src = `${(call.src as { ip: string }).ip}.${(call.src as { port: number }).port}`;
    const dst = `${(call.dst as { ip: string }).ip}.${(call.dst as { port: number }).port}`;
    assert.ok(packets.length >= 2, `${packets.length} packets`);
    assert.ok(packets.every((p) => p.includes(` ${src} > ${dst}:`) || p.includes(` ${dst} > ${src}:`)), 'every packet is of the 4-tuple');
    assert.ok(lines.includes('/api/v1/items/1234 HTTP/1.1'), 'the request is in the export');
  });

  it('opens details, pins them, and finds calls like this one', async () => {
    const id = str(list.calls[0]!, 'id')!;
    await vscode.commands.executeCommand('kubeshark.calls.row.details', { webviewSection: 'callRow', callId: id });
    const details = api.webviews.currentDetails() as DetailsPanel;
    await until(details.onDidLoad, () => details.call !== undefined);
    assert.equal(str(details.call!, 'id'), id);
    assert.equal(typeof (details.call!.req_headers as Record<string, string>)['user-agent'], 'string');
    // Open in Editor: the whole response body, JSON pretty-printed.
    const body = await details.openBody('response');
    const opened = vscode.workspace.textDocuments.find((d) => d.uri.toString() === body.toString())!;
    assert.equal(opened.languageId, 'json');
    assert.equal(opened.getText(), '{\n  "item": 1234\n}');
    const before = api.webviews.activeCallList();
    const kfl = await details.press('findSimilar') as string;
    assert.match(kfl, /^http && method == "\w+" && path == "\/api\/v1\/items\/1234" && dst\.ip == "10\.2\.0\.\d+" && dst\.port == 8080$/);
    const similar = await openedList(api, before);
    assert.deepEqual(similar.calls.map((c) => str(c, 'id')), [id]);
    await details.press('pin');
    assert.equal(api.webviews.currentDetails(), undefined, 'a pinned panel is not reused');
  });

  it('exports the loaded rows as JSON, CSV and HAR', async () => {
    await list.run('http && status_code == 404');
    while (list.more) await list.loadMore();
    const rows = list.calls.length;
    assert.equal(rows, CALLS / 10);
    const json = JSON.parse(readFileSync((await list.exportRows('json', undefined, path.join(out, 'calls.json')))!.file, 'utf8')) as unknown[];
    assert.equal(json.length, rows);
    const csv = readFileSync((await list.exportRows('csv', undefined, path.join(out, 'calls.csv')))!.file, 'utf8');
    assert.equal(csv.split('\r\n').filter(Boolean).length, rows + 1);
    const har = JSON.parse(readFileSync((await list.exportRows('har', undefined, path.join(out, 'calls.har')))!.file, 'utf8')) as { log: { version: string; entries: { response: { status: number }; request: { headers: unknown[] } }[] } };
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.entries.length, rows);
    assert.ok(har.log.entries.every((e) => e.response.status === 404 && e.request.headers.length > 0), 'full calls, with headers');
  });

  it("runs a KFL document's text as the filter of a new list", async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'kfl', content: '// the failures\nhttp && status_code == 500\n' });
    await vscode.window.showTextDocument(document);
    const before = api.webviews.activeCallList();
    await vscode.commands.executeCommand('kubeshark.calls.runQuery', { snapshotId: snapshot });
    const ran = await openedList(api, before);
    assert.equal(ran.kfl, document.getText());
    assert.equal(ran.total, CALLS / 10);
    ran.panel.dispose();
  });

  it('shows stats of a snapshot and opens the calls of a top endpoint', async () => {
    await vscode.commands.executeCommand('kubeshark.calls.showStats', { snapshotId: snapshot, kfl: 'http' });
    const stats = api.webviews.lastStats()!;
    await until(stats.onDidLoad, () => stats.summary !== undefined);
    assert.equal(stats.summary!.totals?.calls, CALLS);
    assert.equal(stats.summary!.totals?.errors, CALLS / 10);
    const filter = stats.filterOf('endpoint', 0)!;
    assert.match(filter, /^\(http\n\) && http && method == "\w+" && path\.matches\("\^\/api\/v1\/items\/\[\^\/\]\+\$"\)/);
  });
});
