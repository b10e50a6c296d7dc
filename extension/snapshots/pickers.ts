/**
 * Pickers other features reuse: a snapshot (from the Snapshots model) and a set of capture nodes.
 */
import * as vscode from 'vscode';
import { type SnapshotInfo, type TimeWindow } from '../client/model';
import { type HubFeature } from '../connection/register';
import { compactWindow } from '../time/display';
import { formatBytes } from '../util/format';
import { SNAPSHOT_COMMANDS } from './commandIds';
import { type SnapshotsModel } from './snapshotsModel';

export interface SnapshotPickOptions {
  readonly title: string;
  /** Which snapshots qualify (e.g. completed and local for an export). */
  readonly accept?: (s: SnapshotInfo) => boolean;
  /** Said when none qualifies, e.g. "No completed snapshot to export". */
  readonly none?: string;
}

export async function pickSnapshot(hub: HubFeature, model: SnapshotsModel, options: SnapshotPickOptions): Promise<SnapshotInfo | undefined> {
  await hub.connection.ensureConnected();
  if (model.list?.state !== 'loaded') await model.loadList();
  const list = model.list;
  if (list?.state === 'error') throw list.error;
  const snapshots = (list?.state === 'loaded' ? list.value : []).map((e) => e.snapshot).filter(options.accept ?? (() => true));
  if (snapshots.length === 0) {
    const choice = await vscode.window.showInformationMessage(options.none ?? 'There are no snapshots yet.', 'Create Snapshot…');
    if (choice) await vscode.commands.executeCommand(SNAPSHOT_COMMANDS.create);
    return undefined;
  }
  const zone = hub.zone();
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(snapshots.map((s) => ({
    label: s.name,
    description: [s.status, s.sizeBytes === undefined ? undefined : formatBytes(s.sizeBytes), s.window ? compactWindow(s.window, zone, now) : undefined].filter(Boolean).join(' · '),
    detail: s.id ?? s.key,
    snapshot: s,
  })), { title: options.title, placeHolder: 'Which snapshot?', matchOnDescription: true, matchOnDetail: true });
  return picked?.snapshot;
}

export interface NodeChoice {
  readonly name: string;
  readonly window?: TimeWindow;
  readonly detail?: string;
}

/**
 * Asks which capture nodes to use, all chosen to begin with; a single node is chosen without
 * asking. Resolves with the names, or undefined when dismissed.
 */
export function pickNodes(nodes: readonly NodeChoice[], title: string, zone: string): Promise<string[] | undefined> {
  if (nodes.length <= 1) return Promise.resolve(nodes.map((n) => n.name));
  const now = Date.now();
  const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { node: string }>();
  picker.title = title;
  picker.placeholder = 'Nodes (all are chosen; Enter to accept)';
  picker.canSelectMany = true;
  picker.ignoreFocusOut = true;
  picker.items = nodes.map((n) => ({ label: n.name, description: n.window ? compactWindow(n.window, zone, now) : 'no data', detail: n.detail, node: n.name }));
  picker.selectedItems = picker.items;
  return new Promise((resolve) => {
    picker.onDidAccept(() => {
      if (picker.selectedItems.length === 0) return;
      resolve(picker.selectedItems.map((i) => i.node));
      picker.hide();
    });
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}
