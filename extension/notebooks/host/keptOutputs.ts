/**
 * "Keep Outputs in File": with transient outputs VS Code hands the serializer no outputs, so just
 * before a notebook that keeps them is saved, each cell's outputs are copied into its metadata
 * (`keptOutputs`), where the serializer finds them. Progress outputs are never kept.
 */
import * as vscode from 'vscode';
import { NotebookOutput } from '../../../protocol/notebookMessages';
import { NOTEBOOK_TYPE } from '../commandIds';
import { readSettings } from '../format/binding';
import { KEPT_OUTPUTS_KEY, writeOutput } from '../format/notebookFile';

function keptForm(cell: vscode.NotebookCell): Record<string, unknown>[] {
  return cell.outputs
    .filter((o) => !o.items.some((i) => i.mime === NotebookOutput.PROGRESS_MIME))
    .map((o) => writeOutput({ items: o.items.map((i) => ({ mime: i.mime, data: i.data })), metadata: o.metadata }));
}

/** The edits that bring every cell's `keptOutputs` in line with the notebook's setting. */
export function keptOutputEdits(notebook: vscode.NotebookDocument): vscode.NotebookEdit[] {
  const keep = readSettings(notebook.metadata).keepOutputs;
  const edits: vscode.NotebookEdit[] = [];
  for (const cell of notebook.getCells()) {
    if (cell.kind !== vscode.NotebookCellKind.Code) continue;
    const { [KEPT_OUTPUTS_KEY]: previous, ...rest } = cell.metadata;
    const outputs = keep ? keptForm(cell) : [];
    const next = outputs.length > 0 ? outputs : undefined;
    if (JSON.stringify(previous) === JSON.stringify(next)) continue;
    edits.push(vscode.NotebookEdit.updateCellMetadata(cell.index, next ? { ...rest, [KEPT_OUTPUTS_KEY]: next } : rest));
  }
  return edits;
}

export function registerKeptOutputs(): vscode.Disposable {
  return vscode.workspace.onWillSaveNotebookDocument((event) => {
    if (event.notebook.notebookType !== NOTEBOOK_TYPE) return;
    const edits = keptOutputEdits(event.notebook);
    if (edits.length === 0) return;
    const edit = new vscode.WorkspaceEdit();
    edit.set(event.notebook.uri, edits);
    event.waitUntil(Promise.resolve(edit));
  });
}
