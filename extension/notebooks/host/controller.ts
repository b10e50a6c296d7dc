/**
 * The notebook controller ("Kubeshark Hub" in the kernel picker): runs `kfl` cells in order with
 * execution numbers and timing, bridges each execution's cancellation to an AbortSignal (the Hub
 * request is aborted), shows a dissection's progress in the cell while waiting for it, and
 * appends "load more" pages to a calls output. The work itself is the Node-testable cell runner.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { type HubFeature } from '../../connection/register';
import { type KflLanguage } from '../../language/register';
import { abortSignalOf } from '../../ui/cancellation';
import { type CallPager } from '../../webviews/calls/callPager';
import { NOTEBOOK_TYPE, CONTROLLER_ID } from '../commandIds';
import { LOCAL_HUB } from '../format/binding';
import { EXPORTS_KEY } from '../format/cellMetadata';
import { failure, failureOf } from '../run/failures';
import { runCell } from '../run/cellRunner';
import { appendPage, callsSummary } from '../run/queryRun';
import { type CellResult, type ExportRecord, type FilterCheck, type RunContext } from '../run/runContext';
import { type NotebookBindings } from './bindings';
import { cellOutput, findOutput, summaryOf } from './cellOutputs';

/** Exports a cell keeps in its metadata (newest last); older ones drop off. */
const MAX_EXPORTS_PER_CELL = 20;

interface OpenPager {
  readonly cell: vscode.NotebookCell;
  readonly pager: CallPager;
}

export class KflNotebookController implements vscode.Disposable {
  readonly controller: vscode.NotebookController;
  private readonly _order = new Map<string, number>();
  private readonly _pagers = new Map<string, OpenPager>();
  private readonly _onDidRun = new vscode.EventEmitter<{ cell: vscode.NotebookCell; result: CellResult }>();
  /** A cell finished a run or a page (the status bar refreshes; tests wait on it). */
  readonly onDidRun = this._onDidRun.event;
  private readonly _subscriptions: vscode.Disposable[] = [];

  constructor(private readonly _hub: HubFeature, private readonly _kfl: KflLanguage, private readonly _bindings: NotebookBindings) {
    this.controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, 'Kubeshark Hub');
    this.controller.supportedLanguages = ['kfl'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'KFL queries against the connected Hub';
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
    this._subscriptions.push(
      this.controller, this._onDidRun,
      _hub.connection.onDidChangeState(() => this._describe()),
      vscode.workspace.onDidOpenNotebookDocument((notebook) => this._prefer(notebook)),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this._forget(notebook)),
    );
    vscode.workspace.notebookDocuments.forEach((notebook) => this._prefer(notebook));
    this._describe();
  }

  /** Runs the cells one after another; `force` sends filters the language server flags. */
  async execute(cells: readonly vscode.NotebookCell[], notebook: vscode.NotebookDocument, options: { force?: boolean } = {}): Promise<void> {
    for (const cell of cells) {
      if (cell.kind !== vscode.NotebookCellKind.Code) continue;
      await this._run(cell, notebook, options.force === true);
    }
  }

  /** Appends the next page to the calls output `key`; a message for the person when it cannot. */
  async loadMore(notebook: vscode.NotebookDocument, key: string): Promise<string | undefined> {
    const open = this._pagers.get(key);
    const found = findOutput(notebook, key);
    if (!open || !found || found.payload.kind !== 'calls' || found.cell !== open.cell) return 'This output was not made in this session; run the cell again to load more.';
    const cell = open.cell;
    let execution: vscode.NotebookCellExecution;
    try {
      execution = this.controller.createNotebookCellExecution(cell);
    } catch {
      return 'The cell is running; load more when it has finished.';
    }
    execution.executionOrder = cell.executionSummary?.executionOrder;
    execution.start(Date.now());
    const previous = cell.outputs.map(summaryOf).find((s) => s !== undefined);
    const context = { zone: this._hub.zone(), now: Date.now, signal: abortSignalOf(execution.token) };
    try {
      const payload = await appendPage(context, found.payload, open.pager);
      if (!payload.more) this._pagers.delete(key);
      const summary = { summary: callsSummary(payload), source: payload.source, durationMs: previous?.durationMs };
      await execution.replaceOutput(cellOutput(payload, summary));
      execution.end(true, Date.now());
      this._onDidRun.fire({ cell, result: { payload, mode: 'query', summary: summary.summary, source: payload.source } });
      return undefined;
    } catch (e) {
      execution.end(false, Date.now());
      return `Loading more failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private async _run(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument, force: boolean): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    const order = (this._order.get(notebook.uri.toString()) ?? 0) + 1;
    this._order.set(notebook.uri.toString(), order);
    execution.executionOrder = order;
    const started = Date.now();
    execution.start(started);
    for (const [key, open] of this._pagers) if (open.cell === cell) this._pagers.delete(key);
    await execution.clearOutput();
    const result = await this._result(cell, notebook, execution, force);
    if (result.cancelled) {
      await execution.clearOutput();
      execution.end(undefined, Date.now());
      return;
    }
    const durationMs = Date.now() - started;
    await execution.replaceOutput(cellOutput(result.payload, { summary: result.summary, source: result.source, durationMs, ...(result.exported ? { pcap: { file: result.exported.file, sha256: result.exported.sha256 } } : {}) }));
    if (result.pager) this._pagers.set(result.payload.key, { cell, pager: result.pager });
    if (result.exported) await this._recordExport(cell, result.exported);
    execution.end(result.payload.kind !== 'error', Date.now());
    this._onDidRun.fire({ cell, result });
  }

  private async _result(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument, execution: vscode.NotebookCellExecution, force: boolean): Promise<CellResult> {
    const fixes = { zone: this._hub.zone(), now: Date.now, notebookUri: notebook.uri.toString(), hub: { identity: this._bindings.hubIdentity() ?? LOCAL_HUB, local: this._hub.connection.isLocal } };
    const failed = (payload: NotebookOutput.Failure): CellResult => ({ payload, mode: 'query', summary: 'failed', source: payload.source });
    if (cell.document.languageId !== 'kfl') {
      return failed(failure(fixes, '', 'Not a KFL cell', `Only KFL cells run against the Hub; this one is ${cell.document.languageId}.`));
    }
    let settings = this._bindings.settings(notebook);
    if (!settings.source && !/^\s*\/\/\s*@(snapshot|live)\b/m.test(cell.document.getText())) settings = (await this._bindings.pick(notebook)) ?? settings;
    let tools;
    try {
      tools = await this._hub.connection.ensureConnected();
    } catch (e) {
      return { ...failed(failureOf(e, fixes, 'no Hub')), cancelled: execution.token.isCancellationRequested };
    }
    const folder = notebook.uri.scheme === 'file' ? path.dirname(notebook.uri.fsPath) : vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
    const context: RunContext = {
      ...fixes, tools, settings, force,
      signal: abortSignalOf(execution.token),
      cellUri: cell.document.uri.toString(),
      exportFolder: folder,
      exportBaseName: path.basename(notebook.uri.path).replace(/\.kflnb$/i, '').replace(/[^\w.-]+/g, '-') || 'notebook',
      checkFilter: (text) => this._check(text),
      onProgress: (progress) => void execution.replaceOutput(cellOutput(progress)),
    };
    return runCell(cell.document.getText(), context);
  }

  /** The language server's verdict on a filter; no verdict (server down) lets the Hub decide. */
  private async _check(text: string): Promise<FilterCheck> {
    try {
      const analyzed = await this._kfl.analyze(text);
      const first = analyzed.diagnostics.find((d) => d.severity === 'error');
      return { hasErrors: analyzed.hasErrors, first: first && { message: first.message, line: first.line - 1, column: first.column - 1, length: Math.max(1, first.end - first.start) } };
    } catch {
      return { hasErrors: false };
    }
  }

  /** The export stays in the cell's metadata (outputs do not), so the report lists its hash. */
  private async _recordExport(cell: vscode.NotebookCell, record: ExportRecord): Promise<void> {
    const previous = Array.isArray(cell.metadata[EXPORTS_KEY]) ? (cell.metadata[EXPORTS_KEY] as unknown[]) : [];
    const edit = new vscode.WorkspaceEdit();
    edit.set(cell.notebook.uri, [vscode.NotebookEdit.updateCellMetadata(cell.index, { ...cell.metadata, [EXPORTS_KEY]: [...previous, { ...record }].slice(-MAX_EXPORTS_PER_CELL) })]);
    await vscode.workspace.applyEdit(edit);
  }

  private _describe(): void {
    const state = this._hub.connection.state;
    const target = state.target;
    const where = target ? (target.kind === 'local' ? 'the local Hub' : target.baseUrl) : this._hub.connection.isLocal ? 'the local Hub' : 'the configured Hub';
    this.controller.detail = `KFL queries against ${where}${state.phase === 'connected' ? '' : ` (${state.phase})`}`;
  }

  /** The only kernel for KFL notebooks: VS Code selects it without asking. */
  private _prefer(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType === NOTEBOOK_TYPE) this.controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
  }

  private _forget(notebook: vscode.NotebookDocument): void {
    this._order.delete(notebook.uri.toString());
    for (const [key, open] of this._pagers) if (open.cell.notebook === notebook) this._pagers.delete(key);
  }

  dispose(): void {
    for (const s of this._subscriptions) s.dispose();
  }
}
