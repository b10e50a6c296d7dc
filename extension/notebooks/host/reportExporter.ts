/**
 * Export Report…: optionally runs every KFL cell again, gathers the snapshots the notebook used
 * from the Hub (window, nodes, size), builds the report (report/reportHtml.ts) and writes it
 * through a temporary file, so a failed export leaves nothing half-written under the chosen name.
 */
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { isHubError } from '../../client/errors';
import { asObject, str } from '../../client/json';
import { type SnapshotInfo } from '../../client/model';
import { type HubTools } from '../../client/tools';
import { type HubFeature } from '../../connection/register';
import { type SnapshotsFeature } from '../../snapshots/register';
import { AtomicWriter } from '../../webviews/export/atomicWriter';
import { parseDirectives } from '../cell/directives';
import { effectiveSource, LOCAL_HUB, sourceLabel } from '../format/binding';
import { EXPORTS_KEY } from '../format/cellMetadata';
import { buildReport, type ReportCell, type ReportSnapshot, reportTitle } from '../report/reportHtml';
import { type NotebookBindings } from './bindings';
import { payloadOf } from './cellOutputs';
import { type KflNotebookController } from './controller';

export interface ExportReportArgs {
  /** The notebook's URI; default: the active KFL notebook. */
  readonly notebook?: string;
  /** Where to write; default: ask. */
  readonly destination?: string;
  /** Run every KFL cell first; default: ask. */
  readonly rerun?: boolean;
}

export interface ExportReportResult {
  readonly file: string;
  readonly bytes: number;
}

export interface ReportDependencies {
  readonly hub: HubFeature;
  readonly snapshots: SnapshotsFeature;
  readonly bindings: NotebookBindings;
  readonly controller: KflNotebookController;
}

/** Every snapshot the notebook names: its binding, cells' directives, outputs and exports. */
function snapshotRefs(notebook: vscode.NotebookDocument, bindings: NotebookBindings): string[] {
  const refs = new Set<string>();
  const source = bindings.settings(notebook).source;
  if (source?.kind === 'snapshot') refs.add(source.snapshotId);
  for (const cell of notebook.getCells()) {
    if (cell.kind !== vscode.NotebookCellKind.Code) continue;
    const override = parseDirectives(cell.document.getText()).source;
    if (override?.kind === 'snapshot') refs.add(override.snapshot);
    for (const output of cell.outputs) {
      const payload = payloadOf(output);
      if (payload?.kind === 'calls' && payload.scope.snapshotId) refs.add(payload.scope.snapshotId);
    }
    for (const record of Array.isArray(cell.metadata[EXPORTS_KEY]) ? (cell.metadata[EXPORTS_KEY] as unknown[]) : []) {
      const id = str(asObject(record), 'snapshotId');
      if (id) refs.add(id);
    }
  }
  return [...refs];
}

function reportSnapshot(s: SnapshotInfo): ReportSnapshot {
  return {
    id: s.key, name: s.name, status: s.status, window: s.window, createdAt: s.createdAt, nodes: (s.nodes ?? []).map((n) => n.name),
    packetCount: s.packetCount, sizeBytes: s.sizeBytes, location: s.location,
  };
}

async function describeSnapshot(tools: HubTools | undefined, cached: SnapshotInfo | undefined, ref: string): Promise<ReportSnapshot | undefined> {
  if (!tools) return cached ? { ...reportSnapshot(cached), problem: 'The Hub was not connected when the report was made; details as last seen.' } : { id: ref, name: ref, status: 'unknown', nodes: [], problem: 'The Hub was not connected when the report was made.' };
  try {
    return reportSnapshot(await tools.getSnapshot(ref));
  } catch (e) {
    if (!isHubError(e, 'not_found') && !isHubError(e, 'invalid_arguments')) throw e;
  }
  const named = (await tools.listSnapshots()).filter((s) => s.name === ref);
  if (named.length === 1) return reportSnapshot(await tools.getSnapshot(named[0]!.key));
  return { id: ref, name: ref, status: 'not found', nodes: [], problem: named.length > 1 ? 'Several snapshots have this name.' : 'The Hub has no snapshot with this id or name (any more).' };
}

async function askRerun(): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: '$(run-all) Run every KFL cell first', detail: 'The report shows what the Hub answers now', rerun: true },
    { label: '$(file) Export the outputs as they are', detail: 'Each output says when it was captured', rerun: false },
  ], { title: 'Export Report', placeHolder: 'Which outputs go into the report?' });
  return picked?.rerun;
}

async function askDestination(notebook: vscode.NotebookDocument): Promise<string | undefined> {
  const name = `${path.basename(notebook.uri.path).replace(/\.kflnb$/i, '') || 'notebook'}-report.html`;
  const folder = notebook.uri.scheme === 'file' ? vscode.Uri.file(path.dirname(notebook.uri.fsPath)) : vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(os.homedir());
  const picked = await vscode.window.showSaveDialog({ title: 'Export Report', saveLabel: 'Export', defaultUri: vscode.Uri.joinPath(folder, name), filters: { 'HTML report': ['html'] } });
  return picked?.fsPath;
}

export async function exportReport(deps: ReportDependencies, notebook: vscode.NotebookDocument, args: ExportReportArgs = {}): Promise<ExportReportResult | undefined> {
  const rerun = args.rerun ?? (await askRerun());
  if (rerun === undefined) return undefined;
  const destination = args.destination ?? (await askDestination(notebook));
  if (!destination) return undefined;
  if (rerun) {
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'kfl');
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Running every KFL cell for the report…' }, () => deps.controller.execute(cells, notebook));
  }
  const { hub, bindings } = deps;
  const tools = hub.connection.tools;
  const snapshots: ReportSnapshot[] = [];
  for (const ref of snapshotRefs(notebook, bindings)) {
    const described = await describeSnapshot(tools, deps.snapshots.model.entry(ref)?.snapshot, ref);
    if (described && !snapshots.some((s) => s.id === described.id)) snapshots.push(described);
  }
  const settings = bindings.settings(notebook);
  const identity = settings.hub ?? bindings.hubIdentity();
  const cells: ReportCell[] = notebook.getCells().map((cell) => ({
    kind: cell.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'code',
    language: cell.document.languageId,
    text: cell.document.getText(),
    executionOrder: cell.executionSummary?.executionOrder,
    outputs: cell.outputs.filter((o) => payloadOf(o)?.kind !== ('progress' satisfies NotebookOutput.Payload['kind'])).map((o) => ({ items: o.items })),
    metadata: cell.metadata,
  }));
  const html = buildReport({
    title: reportTitle(path.basename(notebook.uri.path), cells), generatedAt: Date.now(), zone: hub.zone(),
    hub: identity === LOCAL_HUB ? 'the embedded local Hub' : identity ?? 'not bound', source: sourceLabel(effectiveSource(undefined, settings)),
    rerun, snapshots, cells,
  });
  const writer = new AtomicWriter(destination);
  try {
    await writer.write(html);
    const file = await writer.commit();
    return { file, bytes: writer.bytes };
  } catch (e) {
    await writer.abandon();
    throw e;
  }
}
