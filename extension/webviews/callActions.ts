/**
 * What the row actions and the details buttons do: copy a KFL filter or a curl command, export the
 * connection's PCAP through the Snapshots feature's export command, open the call in a notebook.
 * Each returns what it produced (for programmatic callers and tests) and tells the person.
 */
import os from 'node:os';
import * as vscode from 'vscode';
import { type ScopeInfo } from '../../protocol/webviewMessages';
import { type JsonObject, prop, str } from '../client/json';
import { SNAPSHOT_COMMANDS } from '../snapshots/commandIds';
import { type ExportPcapArgs, type ExportPcapResult } from '../snapshots/commands/exportPcap';
import { abortSignalOf } from '../ui/cancellation';
import { formatBytes } from '../util/format';
import { fetchWholeCall } from './calls/callFetch';
import { protoOf } from './calls/callFields';
import { connectionExport } from './calls/connectionFilter';
import { curlCommand } from './calls/curl';
import { kflForCall } from './calls/kflFromCall';
import { OPEN_IN_NOTEBOOK_COMMAND, type WebviewContext } from './context';

export function canCurl(call: JsonObject): boolean {
  return protoOf(call) === 'http';
}

export async function copyKfl(call: JsonObject): Promise<string> {
  const filter = kflForCall(call);
  await vscode.env.clipboard.writeText(filter);
  void vscode.window.setStatusBarMessage('KFL filter of the call copied', 3000);
  return filter;
}

export async function copyCurl(context: WebviewContext, scope: ScopeInfo, id: string): Promise<string> {
  const tools = await context.hub.connection.ensureConnected();
  const whole = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Fetching the request…', cancellable: true },
    (_p, token) => fetchWholeCall(tools, id, scope, { signal: abortSignalOf(token) }));
  const encoding = str(whole.call, 'req_body_encoding') ?? 'utf8';
  const { command, warnings } = curlCommand(whole.call, { text: whole.reqBody, encoding, truncated: prop(whole.call, 'req_body_truncated') === true });
  await vscode.env.clipboard.writeText(command);
  if (warnings.length > 0) void vscode.window.showWarningMessage(`Copied as cURL. ${warnings.join(' ')}`);
  else void vscode.window.setStatusBarMessage('Copied as cURL', 3000);
  return command;
}

/**
 * Exports the packets of the call's connection: BPF from its 4-tuple, its node, a window around
 * it. Asks where to save unless `destination` is given.
 */
export async function exportConnectionPcap(context: WebviewContext, scope: ScopeInfo, call: JsonObject, destination?: string): Promise<ExportPcapResult | undefined> {
  if (!scope.snapshotId) throw new Error('Only calls of a snapshot have packets to export; live calls have no snapshot to export from');
  const tools = await context.hub.connection.ensureConnected();
  const snapshot = await tools.getSnapshot(scope.snapshotId);
  const plan = connectionExport(call, snapshot.window);
  if (!plan) throw new Error('The call has no IP addresses and ports to build a packet filter from');
  let target = destination;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(os.homedir());
    const id = (str(call, 'id') ?? 'call').replace(/[^\w.-]+/g, '-');
    const picked = await vscode.window.showSaveDialog({
      title: 'Export Connection PCAP', saveLabel: 'Export', defaultUri: vscode.Uri.joinPath(folder, `${snapshot.name.replace(/[^\w.-]+/g, '-')}_${id}.pcap`),
      filters: { 'Packet captures': ['pcap', 'pcapng'] },
    });
    if (!picked) return undefined;
    target = picked.fsPath;
  }
  const args: ExportPcapArgs = { snapshot: scope.snapshotId, destination: target, bpf: plan.bpf, window: plan.window, nodes: plan.node ? [plan.node] : undefined };
  const result = await vscode.commands.executeCommand<ExportPcapResult | undefined>(SNAPSHOT_COMMANDS.exportPcap, args);
  if (result && !destination) {
    void vscode.window.showInformationMessage(`Exported the connection (${formatBytes(result.bytes)}) to ${result.file}`, 'Reveal').then((choice) => {
      if (choice) void vscode.commands.executeCommand(vscode.env.uiKind === vscode.UIKind.Desktop ? 'revealFileInOS' : 'revealInExplorer', vscode.Uri.file(result.file));
    });
  }
  return result;
}

export async function openInNotebook(scope: ScopeInfo, kfl: string): Promise<void> {
  await vscode.commands.executeCommand(OPEN_IN_NOTEBOOK_COMMAND, { snapshotId: scope.snapshotId, dissection: scope.dissection, kfl });
}
