/**
 * New KFL Notebook and "Open in Notebook" (from a snapshot in the tree, a query of the call list,
 * a call's KFL filter). A snapshot starts a new notebook bound to it (an overview and every
 * call). A query or call goes into the KFL notebook last shown, as a new cell (with a directive
 * when its source is not the notebook's); with none shown, a new notebook bound to its source.
 */
import * as vscode from 'vscode';
import { type SnapshotsFeature } from '../../snapshots/register';
import { NOTEBOOK_TYPE } from '../commandIds';
import { type DataSource, DEFAULT_DISSECTION, LOCAL_HUB, readSettings, withSettings } from '../format/binding';
import { type NotebookBindings } from './bindings';

export interface OpenRequest {
  readonly source?: DataSource;
  readonly kfl?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `{snapshotId?, dissection?, kfl?, live?}` (call list, details), a Snapshots tree node, or `{snapshot}`. */
export function openRequestOf(arg: unknown, snapshots: SnapshotsFeature): OpenRequest {
  if (!isObject(arg)) return {};
  const key = text(arg.snapshotId) ?? (arg.kind === 'snapshot' ? text(arg.key) : undefined) ?? text(arg.snapshot);
  const kfl = text(arg.kfl);
  if (key) return { kfl, source: { kind: 'snapshot', snapshotId: key, name: snapshots.model.entry(key)?.snapshot.name, dissection: text(arg.dissection) } };
  return { kfl, source: arg.live === true || kfl !== undefined ? { kind: 'live' } : undefined };
}

/** `// @snapshot …` or `// @live` when the cell's source differs from the notebook's. */
function directiveFor(source: DataSource | undefined, notebookSource: DataSource | undefined): string {
  if (!source) return '';
  if (source.kind === 'live') return notebookSource?.kind === 'live' ? '' : '// @live\n';
  const dissection = source.dissection && source.dissection !== DEFAULT_DISSECTION ? source.dissection : undefined;
  const same = notebookSource?.kind === 'snapshot' && notebookSource.snapshotId === source.snapshotId && (notebookSource.dissection ?? DEFAULT_DISSECTION) === (dissection ?? DEFAULT_DISSECTION);
  return same ? '' : `// @snapshot ${source.snapshotId}${dissection ? ` ${dissection}` : ''}\n`;
}

function titleOf(source: DataSource | undefined): string {
  if (!source) return 'Investigation';
  return source.kind === 'live' ? 'Live traffic' : `Snapshot '${(source.name ?? source.snapshotId).replace(/[\\`*_[\]<>#|]/g, '\\$&')}'`;
}

export class NotebookOpener implements vscode.Disposable {
  private _last?: vscode.NotebookEditor;
  private readonly _subscription: vscode.Disposable;

  constructor(private readonly _bindings: NotebookBindings) {
    this._last = vscode.window.activeNotebookEditor?.notebook.notebookType === NOTEBOOK_TYPE ? vscode.window.activeNotebookEditor : undefined;
    this._subscription = vscode.window.onDidChangeActiveNotebookEditor((editor) => {
      if (editor?.notebook.notebookType === NOTEBOOK_TYPE) this._last = editor;
    });
  }

  /** The KFL notebook shown most recently, if it is still visible. */
  get visibleNotebook(): vscode.NotebookEditor | undefined {
    return this._last && vscode.window.visibleNotebookEditors.includes(this._last) ? this._last : undefined;
  }

  /** A new untitled notebook: a note and a KFL cell, bound to `source` when given. */
  async create(source?: DataSource, cells?: vscode.NotebookCellData[]): Promise<vscode.NotebookEditor> {
    const data = new vscode.NotebookData(cells ?? [
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, `# ${titleOf(source)}\n\nWhat happened, what was checked, what was found.`, 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '', 'kfl'),
    ]);
    const hub = source?.kind === 'snapshot' ? this._bindings.hubIdentity() ?? LOCAL_HUB : undefined;
    data.metadata = withSettings({}, { hub, source, keepOutputs: false });
    const notebook = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
    return vscode.window.showNotebookDocument(notebook);
  }

  /** Opens `request` as a cell of the visible KFL notebook, or in a new one. */
  async open(request: OpenRequest): Promise<vscode.NotebookEditor> {
    if (request.kfl === undefined && request.source?.kind === 'snapshot') {
      return this.create(request.source, [
        new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, `# ${titleOf(request.source)}\n\nAn overview first, then every call; narrow the filter as the investigation goes.`, 'markdown'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '// @stats\n', 'kfl'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '// every call; narrow with a KFL filter\n', 'kfl'),
      ]);
    }
    const target = this.visibleNotebook;
    if (!target) {
      return this.create(request.source, [
        new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, `# ${titleOf(request.source)}`, 'markdown'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, request.kfl ?? '', 'kfl'),
      ]);
    }
    const notebook = target.notebook;
    const value = `${directiveFor(request.source, readSettings(notebook.metadata).source)}${request.kfl ?? ''}`;
    const index = notebook.cellCount;
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(index, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, value, 'kfl')])]);
    await vscode.workspace.applyEdit(edit);
    const editor = await vscode.window.showNotebookDocument(notebook, { viewColumn: target.viewColumn, selections: [new vscode.NotebookRange(index, index + 1)] });
    editor.revealRange(new vscode.NotebookRange(index, index + 1), vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  dispose(): void {
    this._subscription.dispose();
  }
}
