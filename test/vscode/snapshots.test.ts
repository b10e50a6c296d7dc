// The Snapshots view in a real VS Code against the embedded local Hub on the test's own captures:
// a snapshot created from a window typed in Asia/Kolkata time (the UTC window sent is checked
// against plain +5:30 arithmetic), shown in the tree at once, polled to completed while the view
// is visible (waiting on the tree's change event), expanded, and deleted.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { isHubError } from '../../extension/client/errors';
import { type ExtensionApi } from '../../extension/main';
import { type DissectionInfo } from '../../extension/client/model';
import { type CreateSnapshotResult } from '../../extension/snapshots/commands/createSnapshot';
import { type ApiCallsScope } from '../../extension/snapshots/commands/dissection';
import { packetTimes, SMALL_PCAP } from '../support/captures';
import { capturesFolder, connectLocal, extensionApi, resetHubSettings, setSetting, snapshotsTreeUntil } from './hubSupport';

const KOLKATA_OFFSET_MS = 5.5 * 3600_000;

/** `2026-11-21 03:33:33.300` for a UTC instant, on a Kolkata wall clock (no DST there). */
function kolkataText(utcMs: number): string {
  return new Date(utcMs + KOLKATA_OFFSET_MS).toISOString().replace('T', ' ').replace('Z', '');
}

describe('Snapshots view', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let folder: string;

  before(async () => {
    api = await extensionApi();
    await setSetting('kubeshark.timeZone', 'Asia/Kolkata');
    folder = capturesFolder([SMALL_PCAP]);
    await connectLocal(api, folder);
    // Polling runs only while the view is visible.
    await vscode.commands.executeCommand('kubeshark.snapshots.focus');
  });
  after(async () => {
    await resetHubSettings();
    rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it('creates a snapshot from a local-time window, polls it to completed, shows and deletes it', async () => {
    const times = packetTimes(SMALL_PCAP).sort((a, b) => a - b);
    const start = times[100]!;
    const end = times[3000]!;
    const text = `${kolkataText(start)} – ${kolkataText(end).slice(11)}`;
    const result = await vscode.commands.executeCommand<CreateSnapshotResult>('kubeshark.snapshots.create', { name: 'kolkata-window', window: text });
    assert.deepEqual(result.requested, { start, end }, `the UTC window sent for '${text}'`);
    assert.deepEqual(result.snapshot.window, { start, end }, 'inside the data: not clipped');
    const key = result.snapshot.key;
    const tree = api.snapshots.snapshotsTree;
    const status = (): string | undefined => api.snapshots.model.entry(key)?.snapshot.status;

    await snapshotsTreeUntil(api, () => tree.nodeOf(key) !== undefined || status() !== undefined);
    const roots = await tree.getChildren();
    const node = roots.find((n) => n.kind === 'snapshot' && n.key === key);
    assert.ok(node, 'the new snapshot is in the tree at once');
    await snapshotsTreeUntil(api, () => status() === 'completed');
    const item = tree.getTreeItem(node);
    assert.equal(item.label, 'kolkata-window');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.equal(item.contextValue, 'snapshot.completed.local');
    // "1 node · 03:33:33.300–03:33:33.600 IST (22:03:33.300–22:03:33.600 UTC)" (dates only where needed).
    assert.match(String(item.description), /1 node · .*\d\d:\d\d:\d\d\.\d{3}–\d\d:\d\d:\d\d\.\d{3} IST \(.*\d\d:\d\d:\d\d\.\d{3}–\d\d:\d\d:\d\d\.\d{3} UTC\)$/);
    assert.ok(String(item.description).includes(kolkataText(start).slice(11)), String(item.description));
    const children = await tree.getChildren(node);
    assert.deepEqual(children.map((c) => tree.getTreeItem(c).label), ['small']);
    assert.match(String(tree.getTreeItem(children[0]!).description), new RegExp(`^${times.filter((t) => t >= start && t <= end).length.toLocaleString('en-US')} packets · `));

    const deleted = await vscode.commands.executeCommand<boolean>('kubeshark.snapshots.delete', { snapshot: key, confirmed: true });
    assert.equal(deleted, true);
    assert.equal((await tree.getChildren()).some((n) => n.kind === 'snapshot' && n.key === key), false);
    await assert.rejects(api.hub.connection.tools!.getSnapshot(key), (e: unknown) => isHubError(e, 'not_found'));
  });

  it('starts a dissection, shows its progress to completed, and opens API calls in the registered view', async () => {
    const created = await vscode.commands.executeCommand<CreateSnapshotResult>('kubeshark.snapshots.create', { name: 'to-dissect' });
    const key = created.snapshot.key;
    const model = api.snapshots.model;
    await snapshotsTreeUntil(api, () => model.entry(key)?.snapshot.status === 'completed');
    await vscode.commands.executeCommand('kubeshark.snapshots.startDissection', key);
    const dissection = (): DissectionInfo | undefined => {
      const d = model.entry(key)?.dissections;
      return d?.state === 'loaded' ? d.value.find((x) => x.name === 'default') : undefined;
    };
    await snapshotsTreeUntil(api, () => dissection()?.status === 'completed');
    const tree = api.snapshots.snapshotsTree;
    const node = tree.nodeOf(key)!;
    const children = await tree.getChildren(node);
    const item = tree.getTreeItem(children.find((c) => c.kind === 'dissection')!);
    assert.equal(item.label, 'Dissection "default"');
    assert.match(String(item.description), new RegExp(`^completed · ${(dissection()!.entryCount ?? 0).toLocaleString('en-US')} calls$`));

    const opened: ApiCallsScope[] = [];
    const registration = api.snapshots.registerApiCallsOpener(async (scope) => { opened.push(scope); });
    try {
      await vscode.commands.executeCommand('kubeshark.snapshots.openApiCalls', key);
    } finally {
      registration.dispose();
    }
    assert.deepEqual(opened.map((o) => [o.snapshot.key, o.dissection]), [[key, 'default']]);
    await vscode.commands.executeCommand('kubeshark.snapshots.delete', { snapshot: key, confirmed: true });
  });

  it('reports a window outside the data with the Hub\'s message', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('kubeshark.snapshots.create', { window: '2001-01-01 10:00 – 11:00' })),
      (e: unknown) => isHubError(e, 'invalid_arguments') && e.code === 'OUT_OF_BOUNDS',
    );
  });

  it('lists every command of the view in the palette', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['create', 'exportPcap', 'startDissection', 'openApiCalls', 'uploadToCloud', 'downloadFromCloud', 'copyId', 'delete', 'refresh']) {
      assert.ok(all.has(`kubeshark.snapshots.${id}`), id);
    }
  });
});
