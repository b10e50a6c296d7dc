/**
 * The cell status bar of KFL cells: where the cell's data comes from (the notebook's source, or
 * the cell's own `@snapshot`/`@live`; click to change the notebook's), and what its last run
 * gave (`29 calls · 120 ms`, marked when the output was kept in the file).
 */
import * as vscode from 'vscode';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { type HubFeature } from '../../connection/register';
import { parseDirectives } from '../cell/directives';
import { NOTEBOOK_COMMANDS } from '../commandIds';
import { effectiveSource, sourceLabel } from '../format/binding';
import { formatMillis } from '../outputs/numbers';
import { type NotebookBindings } from './bindings';
import { summaryOf } from './cellOutputs';

export class CellStatusBar implements vscode.NotebookCellStatusBarItemProvider, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChangeCellStatusBarItems = this._onDidChange.event;

  constructor(private readonly _hub: HubFeature, private readonly _bindings: NotebookBindings) {}

  /** Asks VS Code for the items again (a run finished, the binding or a cell's text changed). */
  refresh(): void {
    this._onDidChange.fire();
  }

  provideCellStatusBarItems(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem[] {
    if (cell.kind !== vscode.NotebookCellKind.Code || cell.document.languageId !== 'kfl') return [];
    const override = parseDirectives(cell.document.getText()).source;
    const source = effectiveSource(override, this._bindings.settings(cell.notebook));
    const icon = source.kind === 'live' ? '$(pulse)' : source.kind === 'snapshot' ? '$(database)' : '$(warning)';
    const sourceItem = new vscode.NotebookCellStatusBarItem(`${icon} ${sourceLabel(source)}`, vscode.NotebookCellStatusBarAlignment.Left);
    sourceItem.tooltip = override
      ? "This cell's own data source (its first-line directive). Click to change the notebook's."
      : 'The notebook\'s data source. Click to change it; a cell can name its own with "// @snapshot <id or name>" or "// @live".';
    sourceItem.command = { title: 'Select Data Source…', command: NOTEBOOK_COMMANDS.selectDataSource, arguments: [cell.notebook.uri.toString()] };
    const items = [sourceItem];
    const output = cell.outputs.find((o) => summaryOf(o) !== undefined);
    const summary = output && summaryOf(output);
    if (output && summary) {
      const kept = output.metadata?.kept === true;
      const duration = summary.durationMs === undefined ? '' : ` · ${formatMillis(summary.durationMs)}`;
      const result = new vscode.NotebookCellStatusBarItem(`${kept ? '$(history) kept: ' : ''}${summary.summary}${duration}`, vscode.NotebookCellStatusBarAlignment.Right);
      const captured = summary.capturedAt === undefined ? undefined : formatLocalWithUtc(summary.capturedAt, this._hub.zone(), Date.now());
      result.tooltip = `${summary.summary} from ${summary.source}${captured ? `, captured ${captured}` : ''}${kept ? '. Kept in the file: run the cell for current data.' : ''}`;
      items.push(result);
    }
    return items;
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}
