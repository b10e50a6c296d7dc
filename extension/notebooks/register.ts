/**
 * The KFL notebook feature: the `.kflnb` serializer (transient outputs, kept on request), the
 * controller, the renderer's messaging, the cell status bar, directive diagnostics and the
 * commands (new notebook, Open in Notebook, data source, Keep Outputs, Export Report…).
 */
import * as vscode from 'vscode';
import { type HubFeature } from '../connection/register';
import { type KflLanguage } from '../language/register';
import { type SnapshotsFeature } from '../snapshots/register';
import { NOTEBOOK_TYPE } from './commandIds';
import { NotebookBindings } from './host/bindings';
import { CellStatusBar } from './host/cellStatusBar';
import { registerNotebookCommands } from './host/commands';
import { KflNotebookController } from './host/controller';
import { registerDirectiveDiagnostics } from './host/directiveDiagnostics';
import { registerKeptOutputs } from './host/keptOutputs';
import { NotebookOpener } from './host/openNotebook';
import { RendererBridge } from './host/rendererBridge';
import { CONTENT_OPTIONS, KflNotebookSerializer } from './host/serializer';

export interface NotebooksFeature {
  readonly controller: KflNotebookController;
  readonly bindings: NotebookBindings;
  readonly renderer: RendererBridge;
  readonly statusBar: CellStatusBar;
}

export function registerNotebooks(context: vscode.ExtensionContext, hub: HubFeature, kfl: KflLanguage, snapshots: SnapshotsFeature): NotebooksFeature {
  const bindings = new NotebookBindings(hub, snapshots);
  const controller = new KflNotebookController(hub, kfl, bindings);
  const renderer = new RendererBridge(hub, controller);
  const statusBar = new CellStatusBar(hub, bindings);
  const opener = new NotebookOpener(bindings);
  const isOurs = (document: vscode.TextDocument): boolean => vscode.workspace.notebookDocuments.some((n) => n.notebookType === NOTEBOOK_TYPE && n.getCells().some((c) => c.document === document));
  context.subscriptions.push(
    bindings, controller, renderer, statusBar, opener,
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new KflNotebookSerializer(), CONTENT_OPTIONS),
    vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, statusBar),
    registerKeptOutputs(),
    registerDirectiveDiagnostics(),
    controller.onDidRun(() => statusBar.refresh()),
    bindings.onDidChange(() => statusBar.refresh()),
    vscode.workspace.onDidChangeNotebookDocument((e) => {
      if (e.notebook.notebookType === NOTEBOOK_TYPE && e.metadata !== undefined) statusBar.refresh();
    }),
    // A directive typed into a cell changes its data source.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme === 'vscode-notebook-cell' && isOurs(e.document)) statusBar.refresh();
    }),
    ...registerNotebookCommands({ hub, snapshots, bindings, controller, opener }),
  );
  return { controller, bindings, renderer, statusBar };
}
