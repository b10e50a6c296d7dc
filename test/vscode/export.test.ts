// Export PCAP in a real VS Code: a BPF export of a snapshot of the embedded local Hub must be
// byte-identical to tcpdump filtering the snapshot's unfiltered export; a Hub killed mid-download
// leaves no file behind and the person sees why.
import assert from 'node:assert/strict';
import { watch } from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { isHubError } from '../../extension/client/errors';
import { type ExtensionApi } from '../../extension/main';
import { type CreateSnapshotResult } from '../../extension/snapshots/commands/createSnapshot';
import { type ExportPcapResult } from '../../extension/snapshots/commands/exportPcap';
import { PG_PCAP, SMALL_PCAP, tcpdumpFilter, writeRepeatedCapture } from '../support/captures';
import { capturesFolder, connectLocal, extensionApi, resetHubSettings, setSetting, snapshotsTreeUntil, stubWindow } from './hubSupport';

async function completedSnapshot(api: ExtensionApi, args: Record<string, unknown>): Promise<string> {
  const created = await vscode.commands.executeCommand<CreateSnapshotResult>('kubeshark.snapshots.create', args);
  const key = created.snapshot.key;
  await snapshotsTreeUntil(api, () => api.snapshots.model.entry(key)?.snapshot.status === 'completed');
  return key;
}

describe('Export PCAP', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let folder: string;
  let out: string;

  before(async () => {
    api = await extensionApi();
    await setSetting('kubeshark.timeZone', 'Asia/Kolkata');
    folder = capturesFolder([SMALL_PCAP, PG_PCAP]);
    // ~40 MB: still streaming when the Hub is killed.
    writeRepeatedCapture(SMALL_PCAP, path.join(folder, 'big.pcap'), 36);
    await connectLocal(api, folder);
    await vscode.commands.executeCommand('kubeshark.snapshots.focus');
  });
  beforeEach(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'vscode-export-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));
  after(async () => {
    await resetHubSettings();
    rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it('exports with a BPF filter, byte-identical to tcpdump on the snapshot\'s data', async () => {
    const key = await completedSnapshot(api, { name: 'bpf-export', nodes: ['small'] });
    const all = path.join(out, 'all.pcap');
    await vscode.commands.executeCommand<ExportPcapResult>('kubeshark.snapshots.exportPcap', { snapshot: key, destination: all });
    const filter = 'tcp port 6379 or (udp and port 53)';
    const actual = path.join(out, 'filtered.pcap');
    const result = await vscode.commands.executeCommand<ExportPcapResult>('kubeshark.snapshots.exportPcap', { snapshot: key, destination: actual, bpf: filter });
    const expected = path.join(out, 'expected.pcap');
    tcpdumpFilter(all, expected, filter);
    const bytes = readFileSync(actual);
    assert.ok(bytes.length > 1000, 'the filter kept packets');
    assert.ok(bytes.length < readFileSync(all).length, 'and dropped others');
    assert.ok(bytes.equals(readFileSync(expected)), 'identical to tcpdump -r all.pcap -w expected.pcap FILTER');
    assert.equal(result.bytes, bytes.length);
    assert.deepEqual(readdirSync(out).sort(), ['all.pcap', 'expected.pcap', 'filtered.pcap'], 'no temporary files left');
    await vscode.commands.executeCommand('kubeshark.snapshots.delete', { snapshot: key, confirmed: true });
  });

  it('shows the Hub\'s BPF syntax error with its offset', async () => {
    const key = await completedSnapshot(api, { name: 'bad-bpf', nodes: ['pg'] });
    const shown = stubWindow('showErrorMessage', (async () => undefined) as never);
    try {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('kubeshark.snapshots.exportPcap', { snapshot: key, destination: path.join(out, 'x.pcap'), bpf: 'tcp and (port 80' })),
        (e: unknown) => isHubError(e, 'invalid_arguments') && e.code === 'BPF_SYNTAX' && e.offset !== undefined,
      );
      assert.match(String(shown.calls[0]?.[0]), /^Export PCAP: /);
    } finally {
      shown.restore();
    }
    assert.deepEqual(readdirSync(out), []);
    await vscode.commands.executeCommand('kubeshark.snapshots.delete', { snapshot: key, confirmed: true });
  });

  it('leaves no file when the Hub dies mid-download, and says so', async () => {
    const key = await completedSnapshot(api, { name: 'big', nodes: ['big'] });
    const pid = api.hub.connection.localHub?.pid;
    assert.ok(pid);
    // The temporary file appearing means bytes are flowing: kill the Hub then.
    const watcher = watch(out, (_event, name) => {
      if (name?.endsWith('.part')) {
        watcher.close();
        process.kill(pid, 'SIGKILL');
      }
    });
    const shown = stubWindow('showErrorMessage', (async () => undefined) as never);
    try {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('kubeshark.snapshots.exportPcap', { snapshot: key, destination: path.join(out, 'big.pcap') })),
        (e: unknown) => isHubError(e, 'unreachable'),
      );
      assert.match(String(shown.calls[0]?.[0]), /^Export PCAP: The connection to the Hub at http:\/\/127\.0\.0\.1:\d+ was lost/);
      assert.deepEqual(shown.calls[0]?.slice(1), ['Start Local Hub', 'Show Log'], 'the fix is offered');
    } finally {
      watcher.close();
      shown.restore();
    }
    assert.deepEqual(readdirSync(out), [], 'no file and no partial file');
    await vscode.commands.executeCommand('kubeshark.hub.startLocal');
    assert.equal(api.hub.connection.state.phase, 'connected');
    await vscode.commands.executeCommand('kubeshark.snapshots.delete', { snapshot: key, confirmed: true });
  });
});
