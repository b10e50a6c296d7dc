/**
 * The `.kflnb` serializer: format/notebookFile.ts in VS Code's terms. Registered with transient
 * outputs, so running a cell never makes the file dirty; outputs reach the file only when the
 * notebook keeps them (host/keptOutputs.ts hands them over in the cells' metadata).
 */
import * as vscode from 'vscode';
import { readSettings } from '../format/binding';
import { type FileCell, parseNotebookFile, serializeNotebookFile } from '../format/notebookFile';

export const CONTENT_OPTIONS: vscode.NotebookDocumentContentOptions = { transientOutputs: true };

export class KflNotebookSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const { file } = parseNotebookFile(content);
    const cells = file.cells.map((cell) => {
      const data = new vscode.NotebookCellData(cell.kind === 'markdown' ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code, cell.value, cell.language);
      if (cell.metadata) data.metadata = cell.metadata;
      if (cell.outputs) data.outputs = cell.outputs.map((o) => new vscode.NotebookCellOutput(o.items.map((i) => new vscode.NotebookCellOutputItem(i.data, i.mime)), o.metadata));
      return data;
    });
    const notebook = new vscode.NotebookData(cells);
    notebook.metadata = file.metadata;
    return notebook;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const cells = data.cells.map((cell): FileCell => ({
      kind: cell.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'code',
      language: cell.languageId,
      value: cell.value,
      metadata: cell.metadata,
      outputs: cell.outputs?.map((o) => ({ items: o.items.map((i) => ({ mime: i.mime, data: i.data })), metadata: o.metadata })),
    }));
    return serializeNotebookFile({ metadata: data.metadata ?? {}, cells }, readSettings(data.metadata).keepOutputs);
  }
}
