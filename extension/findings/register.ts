/**
 * The Findings feature: the view (problems-like, several findings selectable), Find Anomalies…,
 * and the actions on findings — open their calls, copy the KFL filter, export one finding's
 * packets or the evidence of a set with one BPF, add them to a KFL notebook.
 */
import * as vscode from 'vscode';
import { type ScopeInfo } from '../../protocol/webviewMessages';
import { combinedBpf } from '../analysis/findings/combined';
import { type Finding } from '../analysis/findings/finding';
import { type ExportPcapResult } from '../snapshots/commands/exportPcap';
import { CALL_COMMANDS } from '../webviews/commandIds';
import { notebookAvailable, OPEN_IN_NOTEBOOK_COMMAND } from '../webviews/context';
import { type AnalysisContext } from '../flows/analysisContext';
import { exportBpf } from '../flows/exportBpf';
import { reporting } from '../flows/register';
import { FINDING_COMMANDS, FINDINGS_VIEW } from './commandIds';
import { FindingsModel } from './findingsModel';
import { FindingsTreeProvider, type FindingsTreeNode } from './findingsTree';
import { findingCell } from './notebookCells';
import { runFindings } from './runFindings';

export interface FindingsFeature {
  readonly model: FindingsModel;
  readonly tree: FindingsTreeProvider;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function registerFindings(extension: vscode.ExtensionContext, context: AnalysisContext): FindingsFeature {
  const model = new FindingsModel();
  const tree = new FindingsTreeProvider(model, () => context.hub.zone());
  const view = vscode.window.createTreeView(FINDINGS_VIEW, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });

  /** The scope the findings were found in (their filters belong to it). */
  const scope = (): ScopeInfo => {
    const run = model.run;
    if (!run) throw new Error('Run Find Anomalies… first');
    return run.target;
  };
  const findingOf = (arg: unknown): Finding | undefined => {
    const node = arg as FindingsTreeNode | undefined;
    const id = isObject(node) ? (node.kind === 'finding' ? node.id : node.kind === 'evidence' ? node.findingId : undefined) : undefined;
    return typeof id === 'string' ? model.finding(id) : undefined;
  };
  /** The findings a command acts on: the selection it was invoked with, else the view's, else all. */
  const findingsOf = (arg: unknown, selection: unknown): Finding[] => {
    const nodes = Array.isArray(selection) && selection.length > 0 ? selection : arg !== undefined && !(isObject(arg) && typeof arg.destination === 'string') ? [arg] : view.selection;
    const chosen = [...new Set(nodes.map(findingOf).filter((f): f is Finding => f !== undefined))];
    return chosen.length > 0 ? chosen : [...(model.run?.findings ?? [])];
  };
  const snapshotOf = (s: ScopeInfo): { key: string; name: string } => {
    if (!s.snapshotId) throw new Error('Only findings of a snapshot have packets to export');
    return { key: s.snapshotId, name: s.label };
  };
  const programmatic = (arg: unknown): boolean => isObject(arg) && (typeof arg.snapshotId === 'string' || typeof arg.destination === 'string');

  const showMessage = (): void => {
    view.message = tree.message();
    void vscode.commands.executeCommand('setContext', 'kubeshark.findings.any', (model.run?.findings.length ?? 0) > 0);
  };

  extension.subscriptions.push(
    model, tree, view,
    model.onDidChange(() => showMessage()),
    vscode.commands.registerCommand(FINDING_COMMANDS.run, (arg?: unknown) => reporting(context.hub, 'Find Anomalies', programmatic(arg), async () => {
      const findings = await runFindings(context, model, arg);
      if (findings) await vscode.commands.executeCommand(`${FINDINGS_VIEW}.focus`);
      return findings;
    })),
    vscode.commands.registerCommand(FINDING_COMMANDS.exportEvidence, (arg?: unknown, selection?: unknown) => reporting(context.hub, 'Export Evidence PCAP', programmatic(arg), async (): Promise<ExportPcapResult | undefined> => {
      const findings = findingsOf(arg, selection);
      if (findings.length === 0) throw new Error('There are no findings to export');
      const { bpf, without } = combinedBpf(findings);
      if (!bpf) throw new Error('None of these findings names addresses to export packets of');
      if (without.length > 0) void vscode.window.showWarningMessage(`Not exported (no addresses): ${without.map((f) => f.title).join('; ')}`);
      const destination = isObject(arg) && typeof arg.destination === 'string' ? arg.destination : undefined;
      return exportBpf(snapshotOf(scope()), bpf, `evidence of ${findings.length === 1 ? findings[0]!.title : `${findings.length} findings`}`, destination);
    })),
    vscode.commands.registerCommand(FINDING_COMMANDS.exportFinding, (arg?: unknown) => reporting(context.hub, 'Export PCAP', false, async () => {
      const finding = findingOf(arg);
      if (!finding?.evidence.bpf) return undefined;
      return exportBpf(snapshotOf(scope()), finding.evidence.bpf, finding.title);
    })),
    vscode.commands.registerCommand(FINDING_COMMANDS.openCalls, (arg?: unknown) => reporting(context.hub, 'Open Calls', false, async () => {
      const finding = findingOf(arg);
      if (finding) await context.webviews.openCallList({ scope: scope(), kfl: finding.evidence.kfl });
    })),
    vscode.commands.registerCommand(FINDING_COMMANDS.copyKfl, async (arg?: unknown) => {
      const finding = findingOf(arg);
      if (!finding) return undefined;
      await vscode.env.clipboard.writeText(finding.evidence.kfl);
      void vscode.window.setStatusBarMessage('KFL filter of the finding copied', 3000);
      return finding.evidence.kfl;
    }),
    vscode.commands.registerCommand(FINDING_COMMANDS.showCall, async (arg?: unknown, id?: unknown) => {
      const s = model.run?.target;
      if (s && typeof id === 'string' && findingOf(arg)) await vscode.commands.executeCommand(CALL_COMMANDS.showDetails, { id, snapshotId: s.snapshotId, dissection: s.dissection });
    }),
    vscode.commands.registerCommand(FINDING_COMMANDS.addToNotebook, (arg?: unknown, selection?: unknown) => reporting(context.hub, 'Add to Notebook', false, async () => {
      if (!(await notebookAvailable())) throw new Error('The KFL notebook feature is not available in this build');
      const s = scope();
      const findings = findingsOf(arg, selection);
      // One cell per finding, appended to the KFL notebook shown last (or a new one bound to the snapshot).
      for (const finding of findings) await vscode.commands.executeCommand(OPEN_IN_NOTEBOOK_COMMAND, { snapshotId: s.snapshotId, dissection: s.dissection, live: s.snapshotId === undefined, kfl: findingCell(finding) });
      return findings.length;
    })),
    vscode.commands.registerCommand(FINDING_COMMANDS.clear, () => model.set(undefined)),
  );
  showMessage();
  return { model, tree };
}

