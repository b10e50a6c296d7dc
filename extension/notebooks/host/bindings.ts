/**
 * Reading and changing a notebook's binding (format/binding.ts) through notebook edits, and the
 * quick pick of its data source: live data, or a completed local snapshot of the connected Hub
 * (which then becomes the notebook's Hub, since snapshot ids belong to one Hub).
 */
import * as vscode from 'vscode';
import { type HubFeature } from '../../connection/register';
import { type SnapshotsFeature } from '../../snapshots/register';
import { type DataSource, LOCAL_HUB, type NotebookSettings, readSettings, withSettings } from '../format/binding';

export class NotebookBindings {
  private readonly _onDidChange = new vscode.EventEmitter<vscode.NotebookDocument>();
  /** A notebook's settings changed through this class. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly _hub: HubFeature, private readonly _snapshots: SnapshotsFeature) {}

  settings(notebook: vscode.NotebookDocument): NotebookSettings {
    return readSettings(notebook.metadata);
  }

  /** `local` or the base URL of the Hub the extension is (or will be) connected to. */
  hubIdentity(): string | undefined {
    const target = this._hub.connection.state.target;
    if (target) return target.kind === 'local' ? LOCAL_HUB : target.baseUrl;
    return this._hub.connection.isLocal ? LOCAL_HUB : this._hub.connection.remoteBaseUrl;
  }

  async update(notebook: vscode.NotebookDocument, change: (current: NotebookSettings) => NotebookSettings): Promise<NotebookSettings> {
    const next = change(this.settings(notebook));
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata(withSettings(notebook.metadata, next))]);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('The notebook could not be changed (it may be read-only)');
    this._onDidChange.fire(notebook);
    return next;
  }

  /** Binds the notebook to `source` (and, for a snapshot, to the connected Hub). */
  bind(notebook: vscode.NotebookDocument, source: DataSource): Promise<NotebookSettings> {
    return this.update(notebook, (s) => ({ ...s, source, hub: source.kind === 'snapshot' ? this.hubIdentity() : s.hub }));
  }

  /** Asks for the data source; resolves with the new settings, or undefined when dismissed. */
  async pick(notebook: vscode.NotebookDocument): Promise<NotebookSettings | undefined> {
    const current = this.settings(notebook).source;
    const title = 'Data source of the notebook';
    const picked = await vscode.window.showQuickPick([
      { label: '$(database) A snapshot…', detail: "A snapshot's dissection on the connected Hub", live: false, picked: current?.kind === 'snapshot' },
      { label: '$(pulse) Live traffic', detail: 'The calls the Hub has dissected live', live: true, picked: current?.kind === 'live' },
    ].map((item) => ({ ...item, description: item.picked ? 'current' : undefined })), { title, placeHolder: 'Which calls do the cells query? (a cell may name its own with // @snapshot or // @live)' });
    if (!picked) return undefined;
    if (picked.live) return this.bind(notebook, { kind: 'live' });
    const snapshot = await this._snapshots.pickSnapshot({ title, accept: (s) => s.status === 'completed' && s.location !== 'cloud', none: 'No completed local snapshot yet.' });
    if (!snapshot) return undefined;
    return this.bind(notebook, { kind: 'snapshot', snapshotId: snapshot.key, name: snapshot.name });
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}
