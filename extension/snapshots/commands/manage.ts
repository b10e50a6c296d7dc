/** Copy ID and Delete (with a modal confirmation), on a snapshot of the tree or one picked. */
import * as vscode from 'vscode';
import { pickSnapshot } from '../pickers';
import { runReporting, type SnapshotCommandContext, snapshotKeyOf } from './context';

export function copyIdCommand(context: SnapshotCommandContext, arg?: unknown): Promise<string | undefined> {
  return runReporting(context, 'Copy Snapshot ID', false, async () => {
    const key = snapshotKeyOf(arg) ?? (await pickSnapshot(context.hub, context.model, { title: 'Copy Snapshot ID' }))?.key;
    if (!key) return undefined;
    const id = context.model.entry(key)?.snapshot.id ?? key;
    await vscode.env.clipboard.writeText(id);
    vscode.window.setStatusBarMessage(`Copied snapshot ID ${id}`, 3000);
    return id;
  });
}

/** Programmatic form: `{ snapshot, confirmed: true }` deletes without asking. */
export function deleteSnapshotCommand(context: SnapshotCommandContext, arg?: unknown): Promise<boolean | undefined> {
  const confirmed = typeof arg === 'object' && arg !== null && (arg as { confirmed?: unknown }).confirmed === true;
  return runReporting(context, 'Delete Snapshot', confirmed, async () => {
    const tools = await context.hub.connection.ensureConnected();
    const key = snapshotKeyOf(arg) ?? (await pickSnapshot(context.hub, context.model, { title: 'Delete Snapshot' }))?.key;
    if (!key) return false;
    const name = context.model.entry(key)?.snapshot.name ?? key;
    if (!confirmed) {
      const choice = await vscode.window.showWarningMessage(`Delete snapshot '${name}'?`, {
        modal: true, detail: 'Its packet data and dissections are removed from the Hub. A copy in cloud storage stays.',
      }, 'Delete');
      if (choice !== 'Delete') return false;
    }
    await tools.deleteSnapshot(key);
    context.model.removed(key);
    vscode.window.setStatusBarMessage(`Deleted snapshot '${name}'`, 3000);
    return true;
  });
}
