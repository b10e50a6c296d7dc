/**
 * The Snapshots feature: the model, the Hub and Snapshots views in their activity-bar container,
 * and the snapshot commands (palette, context menu, inline icons). Returns the services later
 * features build on: the model, the pickers, and the hook through which a call-list view takes
 * over "Open API Calls".
 */
import * as vscode from 'vscode';
import { type SnapshotInfo } from '../client/model';
import { type HubFeature } from '../connection/register';
import { HubTreeProvider } from '../views/hubTree';
import { SnapshotsTreeProvider } from '../views/snapshotsTree';
import { SNAPSHOT_COMMANDS } from './commandIds';
import { cloudTransferCommand } from './commands/cloud';
import { type SnapshotCommandContext } from './commands/context';
import { createSnapshotCommand, type CreateSnapshotArgs } from './commands/createSnapshot';
import { type ApiCallsOpener, ensureDissected, openApiCallsCommand, startDissectionCommand } from './commands/dissection';
import { exportPcapCommand } from './commands/exportPcap';
import { copyIdCommand, deleteSnapshotCommand } from './commands/manage';
import { pickSnapshot, type SnapshotPickOptions } from './pickers';
import { SnapshotsModel } from './snapshotsModel';

export const HUB_VIEW = 'kubeshark.hub';
export const SNAPSHOTS_VIEW = 'kubeshark.snapshots';

export interface SnapshotsFeature {
  readonly model: SnapshotsModel;
  readonly hubTree: HubTreeProvider;
  readonly snapshotsTree: SnapshotsTreeProvider;
  pickSnapshot(options: SnapshotPickOptions): Promise<SnapshotInfo | undefined>;
  /** A call-list view registers here to open instead of the interim quick pick; the newest registration serves, and disposing it uncovers the one before. */
  registerApiCallsOpener(opener: ApiCallsOpener): vscode.Disposable;
  /** Finds or starts the snapshot's default dissection and follows it (§5.11); false when cancelled. */
  ensureDissected(snapshot: SnapshotInfo): Promise<boolean>;
}

export function registerSnapshots(context: vscode.ExtensionContext, hub: HubFeature): SnapshotsFeature {
  const model = new SnapshotsModel(() => hub.connection.ensureConnected());
  const hubTree = new HubTreeProvider(hub, model);
  const snapshotsTree = new SnapshotsTreeProvider(hub, model);
  const hubView = vscode.window.createTreeView(HUB_VIEW, { treeDataProvider: hubTree });
  // Two selected snapshots can be compared (Compare Snapshots…).
  const snapshotsView = vscode.window.createTreeView(SNAPSHOTS_VIEW, { treeDataProvider: snapshotsTree, showCollapseAll: true, canSelectMany: true });
  model.setVisible(snapshotsView.visible);
  // Registrations stack: the newest opener serves, and disposing one uncovers the one before it.
  const openers: ApiCallsOpener[] = [];

  const reveal = async (key: string): Promise<void> => {
    if (!snapshotsView.visible) return;
    const show = (): Thenable<void> | undefined => {
      const node = snapshotsTree.nodeOf(key);
      return node ? snapshotsView.reveal(node, { select: true, focus: false }) : undefined;
    };
    if (show()) return;
    // A new snapshot appears with the next refresh of the list.
    const once = snapshotsTree.onDidChangeTreeData(() => {
      once.dispose();
      void Promise.resolve(snapshotsTree.getChildren()).then(() => show());
    });
  };
  const commandContext: SnapshotCommandContext = { hub, model, reveal };

  context.subscriptions.push(
    model, hubTree, snapshotsTree, hubView, snapshotsView,
    snapshotsView.onDidChangeVisibility((e) => model.setVisible(e.visible)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.create, (args?: CreateSnapshotArgs) => createSnapshotCommand(commandContext, args)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.exportPcap, (arg?: unknown) => exportPcapCommand(commandContext, arg)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.startDissection, (arg?: unknown) => startDissectionCommand(commandContext, arg)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.openApiCalls, (arg?: unknown) => openApiCallsCommand(commandContext, () => openers.at(-1), arg)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.uploadToCloud, (arg?: unknown) => cloudTransferCommand(commandContext, 'upload', arg)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.downloadFromCloud, (arg?: unknown) => cloudTransferCommand(commandContext, 'download', arg)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.copyId, (arg?: unknown) => copyIdCommand(commandContext, arg)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.delete, (arg?: unknown) => deleteSnapshotCommand(commandContext, arg)),
    vscode.commands.registerCommand(SNAPSHOT_COMMANDS.refresh, async () => {
      hubTree.refresh();
      await model.refresh();
    }),
  );

  return {
    model,
    hubTree,
    snapshotsTree,
    pickSnapshot: (options) => pickSnapshot(hub, model, options),
    ensureDissected: async (snapshot) => ensureDissected(commandContext, await hub.connection.ensureConnected(), snapshot),
    registerApiCallsOpener(next) {
      openers.push(next);
      return new vscode.Disposable(() => {
        const at = openers.lastIndexOf(next);
        if (at >= 0) openers.splice(at, 1);
      });
    },
  };
}
