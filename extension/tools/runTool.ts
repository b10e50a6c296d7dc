/**
 * Run Hub Tool…: every tool of the live descriptor, including ones this version has no view for
 * (hub-api.md §2.5). Arguments come from the tool's schema, the exact request body is shown before
 * it is sent, tools that change state ask for confirmation, the result opens as JSON, and relative
 * `/mcp/` paths in it can be downloaded.
 */
import path from 'node:path';
import os from 'node:os';
import * as vscode from 'vscode';
import { type ToolDescriptor } from '../../protocol/hubApi';
import { hubUrl } from '../client/baseUrl';
import { isMutatingTool } from '../client/descriptor';
import { HubError, isHubError } from '../client/errors';
import { type HubFeature } from '../connection/register';
import { abortSignalOf } from '../ui/cancellation';
import { showHubError } from '../ui/hubErrors';
import { formatBytes } from '../util/format';
import { downloadLinks } from './downloadLinks';
import { askArguments } from './schemaForm';

/** Programmatic form: no prompts; `confirmed` is required for tools that change state. */
export interface RunToolArgs {
  readonly tool: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  readonly confirmed?: boolean;
}

export async function runToolCommand(hub: HubFeature, args?: RunToolArgs): Promise<unknown> {
  const programmatic = typeof args === 'object' && args !== null && typeof args.tool === 'string';
  try {
    const tools = await hub.connection.ensureConnected();
    const descriptor = await tools.client.descriptor();
    const tool = programmatic ? descriptor.tools.find((t) => t.name === args.tool) : await pickTool(descriptor.tools, descriptor.prompts ?? []);
    if (!tool) {
      if (programmatic) throw new Error(`This Hub does not offer \`${args.tool}\``);
      return undefined;
    }
    const toolArgs = programmatic ? { ...(args.arguments ?? {}) } : await askArguments(tool);
    if (!toolArgs) return undefined;
    const mutating = isMutatingTool(tool.name);
    if (programmatic ? mutating && !args.confirmed : !(await confirm(tool, toolArgs, tools.client.baseUrl, mutating))) return undefined;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Running ${tool.name}…`, cancellable: true },
      (progress, token) => tools.client.callTool(tool.name, toolArgs, {
        signal: abortSignalOf(token),
        onRetry: (e, ms) => progress.report({ message: `${e.message}; retrying in ${ms / 1000} s…` }),
      }),
    );
    await showResult(hub, tool.name, result);
    return result;
  } catch (e) {
    // The runner speaks like the kubeshark CLI: "Hub API error (<status>): <body>".
    const shown = isHubError(e) ? new HubError({ kind: e.kind, status: e.status, body: e.body, code: e.code, details: e.details, tool: e.tool, message: e.cliText }) : e;
    void showHubError(shown, { title: 'Run Hub Tool', local: hub.connection.isLocal });
    if (programmatic) throw e;
    return undefined;
  }
}

async function pickTool(tools: readonly ToolDescriptor[], prompts: readonly { name: string; description?: string }[]): Promise<ToolDescriptor | undefined> {
  type Item = vscode.QuickPickItem & { tool?: ToolDescriptor };
  const items: Item[] = [
    ...[...tools].sort((a, b) => a.name.localeCompare(b.name)).map((tool): Item => ({
      label: `${isMutatingTool(tool.name) ? '$(edit)' : '$(tools)'} ${tool.name}`,
      description: isMutatingTool(tool.name) ? 'changes the Hub' : undefined,
      detail: tool.description,
      tool,
    })),
    ...(prompts.length ? [{ label: 'Prompts (information only: the extension does not run them)', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
    ...prompts.map((p): Item => ({ label: `$(comment) ${p.name}`, detail: p.description })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Run Hub Tool', placeHolder: `${tools.length} tools offered by this Hub`, matchOnDetail: true });
  return picked?.tool;
}

async function confirm(tool: ToolDescriptor, args: Record<string, unknown>, baseUrl: string, mutating: boolean): Promise<boolean> {
  const body = JSON.stringify({ name: tool.name, arguments: args }, null, 2);
  const detail = `POST ${hubUrl(baseUrl, '/mcp/tools/call')}\n\n${body}`;
  const show = mutating ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const message = mutating ? `Run ${tool.name}? It changes the Hub's state.` : `Run ${tool.name}?`;
  return (await show(message, { modal: true, detail }, 'Run')) === 'Run';
}

async function showResult(hub: HubFeature, toolName: string, result: unknown): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(result, null, 2)}\n` });
  await vscode.window.showTextDocument(document, { preview: false });
  const links = downloadLinks(result);
  if (links.length === 0) return;
  const choice = await vscode.window.showInformationMessage(`${toolName} returned ${links.length === 1 ? 'a download path' : `${links.length} download paths`}.`, 'Download…');
  if (!choice) return;
  const link = links.length === 1 ? links[0] : (await vscode.window.showQuickPick(links.map((l) => ({ label: l.filename, detail: l.path, link: l })), { title: 'Download' }))?.link;
  if (!link) return;
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, link.filename), saveLabel: 'Download' });
  if (!target) return;
  try {
    const tools = await hub.connection.ensureConnected();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading ${path.basename(target.fsPath)}`, cancellable: true },
      (progress, token) => tools.client.download(link.path, target.fsPath, { signal: abortSignalOf(token), onProgress: (p) => progress.report({ message: formatBytes(p.received) }) }),
    );
    void vscode.window.showInformationMessage(`Downloaded ${formatBytes(result.bytes)} to ${result.file}`);
  } catch (e) {
    void showHubError(e, { title: 'Download', local: hub.connection.isLocal });
  }
}
