/**
 * Exporting the packets a BPF selects from a snapshot through the Snapshots feature's export flow
 * (server-side filtering, streamed download with progress): asks where to save, then offers to
 * reveal the file.
 */
import os from 'node:os';
import * as vscode from 'vscode';
import { SNAPSHOT_COMMANDS } from '../snapshots/commandIds';
import { type ExportPcapArgs, type ExportPcapResult } from '../snapshots/commands/exportPcap';
import { formatBytes } from '../util/format';

const safeName = (text: string): string => text.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'export';

/** Exports into `destination`, or asks for one (default name `<snapshot>_<what>.pcap`). */
export async function exportBpf(snapshot: { key: string; name: string }, bpf: string, what: string, destination?: string): Promise<ExportPcapResult | undefined> {
  let target = destination;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(os.homedir());
    const picked = await vscode.window.showSaveDialog({
      title: `Export PCAP: ${what}`, saveLabel: 'Export', defaultUri: vscode.Uri.joinPath(folder, `${safeName(snapshot.name)}_${safeName(what)}.pcap`),
      filters: { 'Packet captures': ['pcap', 'pcapng'] },
    });
    if (!picked) return undefined;
    target = picked.fsPath;
  }
  const args: ExportPcapArgs = { snapshot: snapshot.key, destination: target, bpf };
  const result = await vscode.commands.executeCommand<ExportPcapResult | undefined>(SNAPSHOT_COMMANDS.exportPcap, args);
  if (result && !destination) {
    void vscode.window.showInformationMessage(`Exported ${what} (${formatBytes(result.bytes)}) to ${result.file}`, 'Reveal').then((choice) => {
      if (choice) void vscode.commands.executeCommand(vscode.env.uiKind === vscode.UIKind.Desktop ? 'revealFileInOS' : 'revealInExplorer', vscode.Uri.file(result.file));
    });
  }
  return result;
}
