/**
 * Export PCAP…: nodes, an optional sub-window, a BPF filter typed or built from workloads/IPs,
 * then a streamed download with progress and cancel into the file the person chose (temporary
 * file + rename), and Open / Reveal / Copy Path. The Hub validates the BPF when the export is
 * requested; a syntax error re-opens the filter with the Hub's message at its offset.
 */
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { type DownloadResult } from '../../client/download';
import { HubError, isHubError } from '../../client/errors';
import { type PcapExportInfo, type SnapshotInfo, type TimeWindow } from '../../client/model';
import { type HubTools } from '../../client/tools';
import { parseWindow } from '../../time/windowInput';
import { abortSignalOf } from '../../ui/cancellation';
import { askText } from '../../ui/textInput';
import { askWindow } from '../../ui/windowInput';
import { formatBytes, formatRate } from '../../util/format';
import { exportFileName } from '../exportName';
import { pickNodes, pickSnapshot } from '../pickers';
import { runReporting, type SnapshotCommandContext, snapshotKeyOf } from './context';
import { filterFromIps, filterFromWorkloads } from './filterFromWorkloads';

/** Programmatic arguments: no prompts. `window` is local-time text or UTC ms. */
export interface ExportPcapArgs {
  readonly snapshot: string;
  readonly destination: string;
  readonly nodes?: readonly string[];
  readonly window?: string | TimeWindow;
  readonly bpf?: string;
}

export interface ExportPcapResult extends DownloadResult {
  readonly notes: readonly string[];
}

export function exportPcapCommand(context: SnapshotCommandContext, arg?: unknown): Promise<ExportPcapResult | undefined> {
  const programmatic = isExportArgs(arg);
  return runReporting(context, 'Export PCAP', programmatic, () => (programmatic ? exportWith(context, arg) : exportInteractively(context, snapshotKeyOf(arg))));
}

function isExportArgs(arg: unknown): arg is ExportPcapArgs {
  return typeof arg === 'object' && arg !== null && typeof (arg as ExportPcapArgs).destination === 'string' && typeof (arg as ExportPcapArgs).snapshot === 'string';
}

async function exportWith(context: SnapshotCommandContext, args: ExportPcapArgs): Promise<ExportPcapResult> {
  const tools = await context.hub.connection.ensureConnected();
  let window: TimeWindow | undefined;
  if (typeof args.window === 'string') {
    const parsed = parseWindow(args.window, { zone: context.hub.zone(), now: Date.now() });
    if (!parsed.ok) throw new Error(`${parsed.message} (at character ${parsed.offset + 1} of '${args.window}')`);
    window = parsed.window;
  } else {
    window = args.window;
  }
  const exported = await tools.exportPcap({ snapshot: args.snapshot, nodes: args.nodes, window, bpf: args.bpf });
  if (args.bpf && exported.dropped.some((d) => d.argument === 'bpf')) {
    throw new HubError({ kind: 'invalid_arguments', tool: 'export_snapshot_pcap', message: `${exported.notes.join('; ')}: nothing exported` });
  }
  const snapshot = context.model.entry(args.snapshot)?.snapshot;
  const result = await download(tools, exported.value, args.destination, snapshot?.name ?? args.snapshot);
  return { ...result, notes: exported.notes };
}

async function exportInteractively(context: SnapshotCommandContext, key: string | undefined): Promise<ExportPcapResult | undefined> {
  const tools = await context.hub.connection.ensureConnected();
  const zone = context.hub.zone();
  const isExportable = (s: SnapshotInfo): boolean => s.status === 'completed' && s.location !== 'cloud';
  const snapshot = key ? await tools.getSnapshot(key) : await pickSnapshot(context.hub, context.model, { title: 'Export PCAP', accept: isExportable, none: 'No completed local snapshot to export yet.' });
  if (!snapshot) return undefined;
  if (!isExportable(snapshot)) throw new Error(`Snapshot '${snapshot.name}' is ${snapshot.location === 'cloud' ? 'only in cloud storage (download it first)' : snapshot.status}; only a completed local snapshot can be exported`);
  const details = snapshot.nodes ? snapshot : await tools.getSnapshot(snapshot.key);

  const members = details.nodes ?? [];
  const nodes = await pickNodes(members.map((n) => ({ name: n.name, window: n.window })), `Export PCAP of '${snapshot.name}': nodes`, zone);
  if (nodes === undefined) return undefined;
  const chosenNodes = nodes.length === members.length ? undefined : nodes;

  const bounds = snapshot.window ? { cluster: snapshot.window, nodes: [{ name: snapshot.name, window: snapshot.window }] } : undefined;
  const sub = await askWindow({
    title: `Export PCAP of '${snapshot.name}': sub-window`, zone, boundaries: bounds, emptyMeans: 'the whole snapshot',
  });
  if (!sub) return undefined;

  let bpf = await chooseFilter(tools, snapshot.key);
  if (bpf === undefined) return undefined;
  let exported;
  for (;;) {
    try {
      exported = await tools.exportPcap({ snapshot: snapshot.key, nodes: chosenNodes, window: sub.window, bpf });
      break;
    } catch (e) {
      // The Hub checks the filter now (400 BPF_SYNTAX with an offset): back to the filter, cursor on the spot.
      if (!(isHubError(e, 'invalid_arguments') && (e.code === 'BPF_SYNTAX' || /bpf/i.test(e.message)))) throw e;
      const again = await askBpf(bpf, e.message, e.offset);
      if (again === undefined) return undefined;
      bpf = again;
    }
  }
  if (bpf && exported.dropped.some((d) => d.argument === 'bpf')) {
    const go = await vscode.window.showWarningMessage(`${exported.notes.join('; ')}. Export without the filter?`, { modal: true }, 'Export Unfiltered');
    if (go !== 'Export Unfiltered') return undefined;
  }
  const pcapng = exported.value.contentType === 'application/x-pcapng' || exported.value.filename?.endsWith('.pcapng') === true;
  const name = exportFileName(snapshot.name, sub.window ?? snapshot.window, bpf, pcapng);
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    title: 'Export PCAP', saveLabel: 'Export', defaultUri: vscode.Uri.joinPath(folder, name), filters: { 'Packet captures': ['pcap', 'pcapng'] },
  });
  if (!target) return undefined;
  const result = await download(tools, exported.value, target.fsPath, snapshot.name);
  void offerResult(result);
  return { ...result, notes: exported.notes };
}

/** '' = no filter; undefined = dismissed. */
async function chooseFilter(tools: HubTools, snapshot: string): Promise<string | undefined> {
  const offers = (tool: string): boolean => tools.offers(tool);
  const items: (vscode.QuickPickItem & { source: 'none' | 'bpf' | 'workloads' | 'ips' })[] = [
    { label: '$(filter) Type a BPF filter…', detail: 'e.g. host 10.0.53.101 or port 8080', source: 'bpf' },
    ...(offers('list_workloads') ? [{ label: '$(symbol-class) Build filter from workloads…', detail: 'Pods and services of the snapshot → host … or host …', source: 'workloads' as const }] : []),
    ...(offers('list_ips') ? [{ label: '$(symbol-numeric) Build filter from IPs…', detail: 'IPs seen in the snapshot → host … or host …', source: 'ips' as const }] : []),
    { label: '$(circle-slash) No filter', detail: 'Every packet of the chosen nodes and window', source: 'none' },
  ];
  for (;;) {
    const picked = await vscode.window.showQuickPick(items, { title: 'Export PCAP: filter', placeHolder: 'Which packets?', ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.source === 'none') return '';
    const built = picked.source === 'workloads' ? await filterFromWorkloads(tools, snapshot) : picked.source === 'ips' ? await filterFromIps(tools, snapshot) : '';
    if (built === undefined) continue;
    const typed = await askBpf(built);
    if (typed !== undefined) return typed.trim();
  }
}

function askBpf(value: string, error?: string, cursor?: number): Promise<string | undefined> {
  return askText({
    title: 'Export PCAP: BPF filter',
    prompt: 'pcap-filter syntax, checked by the Hub. Empty: no filter.',
    placeholder: 'host 10.0.53.101 or host 10.0.53.205',
    value, error, cursor,
  });
}

/** Streams the export into `destination` with a cancellable progress notification. */
async function download(tools: HubTools, exported: PcapExportInfo, destination: string, label: string): Promise<DownloadResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting '${label}' to ${path.basename(destination)}`, cancellable: true },
    async (progress, token) => {
      const started = Date.now();
      let reported = 0;
      let percent = 0;
      return tools.client.download(exported.path, destination, {
        signal: abortSignalOf(token),
        onProgress: ({ received, total }) => {
          const now = Date.now();
          if (now - reported < 200 && received !== total) return;
          reported = now;
          const next = total ? Math.floor((received / total) * 100) : percent;
          progress.report({
            message: `${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''} · ${formatRate(received, now - started)}`,
            increment: next - percent,
          });
          percent = next;
        },
      });
    },
  );
}

async function offerResult(result: DownloadResult): Promise<void> {
  const uri = vscode.Uri.file(result.file);
  const choice = await vscode.window.showInformationMessage(`Exported ${formatBytes(result.bytes)} to ${result.file}`, 'Open', 'Reveal', 'Copy Path');
  const desktop = vscode.env.uiKind === vscode.UIKind.Desktop;
  if (choice === 'Open') {
    // On a desktop the system's PCAP application (Wireshark); in a browser there is none to hand it to.
    if (desktop) await vscode.env.openExternal(uri);
    else await vscode.commands.executeCommand('vscode.open', uri);
  } else if (choice === 'Reveal') {
    await vscode.commands.executeCommand(desktop ? 'revealFileInOS' : 'revealInExplorer', uri);
  } else if (choice === 'Copy Path') {
    await vscode.env.clipboard.writeText(result.file);
  }
}
