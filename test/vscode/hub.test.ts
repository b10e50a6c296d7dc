// The Hub connection in a real VS Code: the embedded local Hub started on the test's own captures,
// the Hub view's boundaries in the configured zone (Asia/Kolkata) with UTC beside them, and a Hub
// that answers 401 asking for a token that then goes to SecretStorage for that URL only.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { LocalHubProcess } from '../../extension/client/localHub';
import { MemoryLogger } from '../support/memoryLogger';
import { TokenStore } from '../../extension/connection/tokenStore';
import { type ExtensionApi } from '../../extension/main';
import { type TreeNode } from '../../extension/views/nodes/treeNode';
import { packetTimes, PG_PCAP, SMALL_PCAP } from '../support/captures';
import { REPO_ROOT } from '../support/paths';
import { capturesFolder, connectionState, connectLocal, extensionApi, resetHubSettings, setSetting, stubWindow } from './hubSupport';

describe('Hub connection', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let folder: string;

  before(async () => {
    api = await extensionApi();
    await setSetting('kubeshark.timeZone', 'Asia/Kolkata');
    folder = capturesFolder([SMALL_PCAP, PG_PCAP]);
    await connectLocal(api, folder);
  });
  after(async () => {
    await resetHubSettings();
    rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it('starts the embedded local Hub on the configured captures and passes Check Hub', () => {
    const state = api.hub.connection.state;
    assert.equal(state.phase, 'connected');
    assert.equal(state.target?.kind, 'local');
    assert.equal(state.target?.kind === 'local' && state.target.captures.path, folder);
    assert.equal(state.status?.hub?.name, 'kubeshark-local-hub');
    assert.ok(api.hub.connection.localHub?.pid, 'a child process');
  });

  it('shows the Hub with the boundaries of every node in local time (IST) with UTC', async () => {
    const tree = api.snapshots.hubTree;
    const roots = await tree.getChildren();
    assert.equal(roots.length, 1);
    const hubItem = tree.getTreeItem(roots[0]!);
    assert.equal(hubItem.label, 'Local Hub');
    assert.match(String(hubItem.description), /connected/);
    const children = (await tree.getChildren(roots[0])).filter((n: TreeNode) => n.kind === 'boundary');
    const labels = children.map((n) => tree.getTreeItem(n).label);
    assert.deepEqual(labels, ['All nodes', 'pg', 'small']);
    const small = children[2]!;
    assert.ok(small.kind === 'boundary' && small.window);
    const times = packetTimes(SMALL_PCAP);
    assert.deepEqual(small.window, { start: Math.min(...times), end: Math.max(...times) });
    const item = tree.getTreeItem(small);
    assert.match(String(item.description), / IST \(.* UTC\)$/);
    // Rendered markdown: spaces arrive as &nbsp; and parentheses escaped.
    const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\([()])/g, '$1');
    // Kolkata is UTC+5:30: the tooltip shows both, e.g. "2026-11-21 03:33:33.219 IST (22:03:33.219 UTC)".
    const utc = new Date(Math.min(...times)).toISOString().slice(11, 23);
    const ist = new Date(Math.min(...times) + 5.5 * 3600_000).toISOString().slice(11, 23);
    assert.ok(tooltip.includes(`${ist} IST (`) && tooltip.includes(`${utc} UTC)`), tooltip);
  });

  it('runs any tool of the descriptor and shows the result as JSON; state-changing tools need confirmation', async () => {
    const result = await vscode.commands.executeCommand<{ nodes: { name: string }[] }>('kubeshark.hub.runTool', { tool: 'get_data_boundaries' });
    assert.deepEqual(result.nodes.map((n) => n.name), ['pg', 'small']);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.languageId, 'json');
    assert.deepEqual(JSON.parse(editor!.document.getText()), result);
    const unconfirmed = await vscode.commands.executeCommand('kubeshark.hub.runTool', { tool: 'create_snapshot', arguments: { name: 'never' } });
    assert.equal(unconfirmed, undefined);
    assert.equal((await api.hub.connection.tools!.listSnapshots()).some((s) => s.name === 'never'), false);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('keeps a token for the session when the OS keychain is missing, and says how to fix it', async () => {
    const broken = {
      get: async () => { throw new Error('no keyring'); },
      store: async () => { throw new Error('no keyring'); },
      delete: async () => { throw new Error('no keyring'); },
      keys: async () => [],
      onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
    } as vscode.SecretStorage;
    const warning = stubWindow('showWarningMessage', (async () => undefined) as never);
    const store = new TokenStore(broken, new MemoryLogger());
    try {
      assert.equal(await store.get('http://hub'), undefined);
      assert.deepEqual(await store.set('http://hub', 't0ken'), { persisted: false });
      assert.equal(await store.get('http://hub'), 't0ken');
      assert.equal(await store.get('http://other'), undefined, 'bound to its URL');
      assert.match(String(warning.calls[0]?.[0]), /OS keychain is not available.*session only/);
      await store.delete('http://hub');
      assert.equal(await store.get('http://hub'), undefined);
    } finally {
      warning.restore();
      store.dispose();
    }
  });

  describe('a Hub that answers 401', () => {
    let hub: LocalHubProcess;
    before(async () => {
      hub = await LocalHubProcess.start({
        cliPath: path.join(REPO_ROOT, 'dist', 'cli.js'), captures: folder, state: path.join(os.tmpdir(), `vscode-hub-401-${process.pid}`),
        log: new MemoryLogger(), nodePath: process.execPath,
      });
    });
    after(async () => {
      await vscode.commands.executeCommand('kubeshark.hub.signOut');
      await hub.stop();
      await connectLocal(api, folder);
    });

    it('asks for a token, keeps it for that URL, and connects with it', async () => {
      const warning = stubWindow('showWarningMessage', (async () => 'Set Token…') as never);
      const input = stubWindow('showInputBox', (async () => hub.token) as never);
      try {
        const connected = connectionState(api, (s) => s.phase === 'connected' && s.target?.kind === 'remote');
        await vscode.commands.executeCommand('kubeshark.hub.connect', `${hub.baseUrl}/api/`);
        const asked = api.hub.connection.state;
        assert.equal(asked.status?.state, 'auth_required', 'without a token the Hub answers 401');
        await connected;
        assert.match(String(warning.calls[0]?.[0]), new RegExp(`The Hub at ${hub.baseUrl} needs authentication`));
        assert.equal(input.calls.length, 1, 'the token was asked for once');
        assert.match(String((input.calls[0]?.[0] as vscode.InputBoxOptions).title), new RegExp(hub.baseUrl));
      } finally {
        warning.restore();
        input.restore();
      }
      // Stored per URL: a fresh connection needs no question.
      await api.hub.connection.restart();
      assert.equal(api.hub.connection.state.phase, 'connected');
      assert.equal(api.hub.connection.state.status?.auth, 'token');
      // Signing out deletes it: the Hub needs authentication again.
      const quiet = stubWindow('showWarningMessage', (async () => undefined) as never);
      try {
        await vscode.commands.executeCommand('kubeshark.hub.signOut');
        assert.equal(api.hub.connection.state.status?.state, 'auth_required');
      } finally {
        quiet.restore();
      }
    });
  });
});
