/**
 * The notebook commands. Each works from the palette (on the active KFL notebook) and
 * programmatically (with the notebook's or cell's URI), and returns what it did for tests.
 */
import * as vscode from 'vscode';
import { type HubFeature } from '../../connection/register';
import { type SnapshotsFeature } from '../../snapshots/register';
import { showHubError } from '../../ui/hubErrors';
import { KEEPS_OUTPUTS_CONTEXT, NOTEBOOK_COMMANDS, NOTEBOOK_TYPE } from '../commandIds';
import { type NotebookBindings } from './bindings';
import { type KflNotebookController } from './controller';
import { type NotebookOpener, openRequestOf } from './openNotebook';
import { pinnedCallsOf, setPinned } from './pinning';
import { exportReport, type ExportReportArgs, type ExportReportResult } from './reportExporter';

export interface CommandDependencies {
  readonly hub: HubFeature;
  readonly snapshots: SnapshotsFeature;
  readonly bindings: NotebookBindings;
  readonly controller: KflNotebookController;
  readonly opener: NotebookOpener;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function findCell(uri: unknown): vscode.NotebookCell | undefined {
  if (typeof uri !== 'string') return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === uri);
    if (cell) return cell;
  }
  return undefined;
}

export function registerNotebookCommands(deps: CommandDependencies): vscode.Disposable[] {
  const { hub, bindings, controller, opener } = deps;
  /** The notebook a command is about: named by URI, else the active (or last shown) KFL notebook. */
  const notebookOf = (arg: unknown): vscode.NotebookDocument | undefined => {
    // Menus of the notebook toolbar pass `{notebookEditor: {notebookUri}}`; programmatic callers a URI.
    const fromMenu = isObject(arg) && isObject(arg.notebookEditor) && arg.notebookEditor.notebookUri instanceof vscode.Uri ? arg.notebookEditor.notebookUri : undefined;
    const named = (fromMenu ?? (arg instanceof vscode.Uri ? arg : undefined))?.toString() ?? (typeof arg === 'string' ? arg : isObject(arg) && typeof arg.notebook === 'string' ? arg.notebook : undefined);
    const ours = vscode.workspace.notebookDocuments.filter((n) => n.notebookType === NOTEBOOK_TYPE);
    if (named) return ours.find((n) => n.uri.toString() === named);
    const active = vscode.window.activeNotebookEditor?.notebook;
    return active?.notebookType === NOTEBOOK_TYPE ? active : opener.visibleNotebook?.notebook;
  };
  const withNotebook = <T>(title: string, run: (notebook: vscode.NotebookDocument) => Promise<T>) => async (arg?: unknown): Promise<T | undefined> => {
    const notebook = notebookOf(arg);
    if (!notebook) {
      void vscode.window.showInformationMessage(`${title}: open a KFL notebook (.kflnb) first.`);
      return undefined;
    }
    try {
      return await run(notebook);
    } catch (e) {
      void showHubError(e, { title, local: hub.connection.isLocal });
      // Programmatic callers (a URI string or `{notebook}`) learn of the failure too.
      if (typeof arg === 'string' || (isObject(arg) && typeof arg.notebook === 'string')) throw e;
      return undefined;
    }
  };
  const updateKeepsContext = (): void => {
    const notebook = notebookOf(undefined);
    void vscode.commands.executeCommand('setContext', KEEPS_OUTPUTS_CONTEXT, notebook ? bindings.settings(notebook).keepOutputs : false);
  };
  updateKeepsContext();

  return [
    vscode.window.onDidChangeActiveNotebookEditor(updateKeepsContext),
    bindings.onDidChange(updateKeepsContext),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.newNotebook, () => opener.create()),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.openInNotebook, (arg?: unknown) => opener.open(openRequestOf(arg, deps.snapshots))),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.selectDataSource, withNotebook('Select Data Source', (n) => bindings.pick(n))),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.bindToConnectedHub, withNotebook('Bind to the Connected Hub', async (n) => {
      await hub.connection.ensureConnected();
      return bindings.update(n, (s) => ({ ...s, hub: bindings.hubIdentity() }));
    })),
    ...([[NOTEBOOK_COMMANDS.keepOutputs, true], [NOTEBOOK_COMMANDS.stopKeepingOutputs, false]] as const).map(([id, keep]) => vscode.commands.registerCommand(id, withNotebook('Keep Outputs in File', async (n) => {
      await bindings.update(n, (s) => ({ ...s, keepOutputs: keep }));
      void vscode.window.setStatusBarMessage(keep ? 'Outputs are kept in the file when it is saved, marked with their capture time' : 'Outputs are no longer kept in the file', 4000);
      return keep;
    }))),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.startDissectionAndRun, async (arg?: unknown) => {
      if (!isObject(arg) || typeof arg.snapshotId !== 'string') return;
      const dissection = typeof arg.dissection === 'string' ? arg.dissection : 'default';
      try {
        const tools = await hub.connection.ensureConnected();
        const started = await tools.startDissection(arg.snapshotId, dissection);
        if (started) deps.snapshots.model.trackDissection(arg.snapshotId, started);
      } catch (e) {
        void showHubError(e, { title: 'Start Dissection', local: hub.connection.isLocal });
        return;
      }
      const cell = findCell(arg.cell);
      if (cell) await controller.execute([cell], cell.notebook);
    }),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.runAnyway, async (uri?: unknown) => {
      const cell = findCell(uri);
      if (cell) await controller.execute([cell], cell.notebook, { force: true });
    }),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.unpinCalls, withNotebook('Unpin Calls', async (n) => {
      const items = n.getCells().flatMap((cell) => pinnedCallsOf(cell).map((pinned, index) => {
        const call = isObject(pinned) && isObject(pinned.call) ? pinned.call : {};
        return { label: `${String(call.method ?? '')} ${String(call.path ?? call.id ?? '')}`.trim(), description: `cell ${cell.index + 1} · ${String(call.id ?? '')}`, cell, index };
      }));
      if (items.length === 0) {
        void vscode.window.showInformationMessage('No call of this notebook is pinned to the report.');
        return 0;
      }
      const picked = await vscode.window.showQuickPick(items, { title: 'Unpin Calls from the Report', canPickMany: true });
      for (const cell of new Set((picked ?? []).map((p) => p.cell))) {
        const drop = new Set((picked ?? []).filter((p) => p.cell === cell).map((p) => p.index));
        await setPinned(cell, pinnedCallsOf(cell).filter((_p, i) => !drop.has(i)));
      }
      return picked?.length ?? 0;
    })),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.exportReport, async (arg?: unknown): Promise<ExportReportResult | undefined> => {
      const args: ExportReportArgs = isObject(arg) ? { notebook: typeof arg.notebook === 'string' ? arg.notebook : undefined, destination: typeof arg.destination === 'string' ? arg.destination : undefined, rerun: typeof arg.rerun === 'boolean' ? arg.rerun : undefined } : {};
      const result = await withNotebook('Export Report', (n) => exportReport(deps, n, args))(arg);
      if (result && !args.destination) {
        const choice = await vscode.window.showInformationMessage(`Report written to ${result.file}`, 'Open', 'Reveal');
        const uri = vscode.Uri.file(result.file);
        if (choice === 'Open') await vscode.env.openExternal(uri);
        else if (choice === 'Reveal') await vscode.commands.executeCommand(vscode.env.uiKind === vscode.UIKind.Desktop ? 'revealFileInOS' : 'revealInExplorer', uri);
      }
      return result;
    }),
  ];
}
