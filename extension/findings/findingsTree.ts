/**
 * The Findings view, problems-like: one node per finding (severity icon, title, how much), its
 * evidence as children — what was seen, the facts, "Open N calls" (its KFL filter), the KFL
 * filter (click copies it), the BPF (click exports the packets), the flows and example calls.
 * Labels are plain text; tooltips append captured text as text, never as markdown.
 */
import * as vscode from 'vscode';
import { type Finding, type Severity } from '../analysis/findings/finding';
import { formatLocalWithUtc } from '../../kfl/localTime';
import { formatBytes, formatCount, plural } from '../util/format';
import { FINDING_COMMANDS } from './commandIds';
import { type FindingsModel } from './findingsModel';
import { oneLine } from './oneLine';

export interface FindingNode {
  readonly kind: 'finding';
  readonly id: string;
}

export interface EvidenceNode {
  readonly kind: 'evidence';
  readonly findingId: string;
  readonly index: number;
}

export type FindingsTreeNode = FindingNode | EvidenceNode;

const ICONS: Record<Severity, vscode.ThemeIcon> = {
  high: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};


interface EvidenceItem {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: string;
  readonly command?: vscode.Command;
  readonly contextValue?: string;
}

function evidenceItems(f: Finding): EvidenceItem[] {
  const e = f.evidence;
  const node = { kind: 'finding', id: f.id } satisfies FindingNode;
  return [
    { label: f.detail, tooltip: f.detail, icon: 'note' },
    ...e.facts.map(([label, value]): EvidenceItem => ({ label: `${label}: ${value}`, tooltip: value, icon: 'symbol-field' })),
    { label: e.calls > 0 ? `Open ${plural(e.calls, 'call')}` : 'Open the calls', description: 'KFL', tooltip: e.kfl, icon: 'list-flat', command: { title: 'Open Calls', command: FINDING_COMMANDS.openCalls, arguments: [node] }, contextValue: 'evidence.calls' },
    { label: `KFL: ${e.kfl}`, tooltip: `${e.kfl}\n\nClick to copy.`, icon: 'filter', command: { title: 'Copy KFL Filter', command: FINDING_COMMANDS.copyKfl, arguments: [node] }, contextValue: 'evidence.kfl' },
    ...(e.bpf ? [{ label: `BPF: ${e.bpf}`, tooltip: `${e.bpf}\n\nClick to export these packets.`, icon: 'package', command: { title: 'Export PCAP', command: FINDING_COMMANDS.exportFinding, arguments: [node] }, contextValue: 'evidence.bpf' }] : []),
    ...e.flows.map((flow): EvidenceItem => ({ label: flow.label, description: `${formatBytes(flow.bytes)} · ${formatCount(flow.pkts)} packets`, icon: 'arrow-swap' })),
    ...e.examples.map((id): EvidenceItem => ({ label: `Call ${id}`, icon: 'symbol-event', command: { title: 'Show Call Details', command: FINDING_COMMANDS.showCall, arguments: [node, id] } })),
  ];
}

export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsTreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<FindingsTreeNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _subscription: vscode.Disposable;
  private _nodes = new Map<string, FindingNode>();

  constructor(readonly model: FindingsModel, private readonly _zone: () => string) {
    this._subscription = model.onDidChange(() => {
      this._nodes = new Map();
      this._onDidChangeTreeData.fire(undefined);
    });
  }

  /** A line over the tree: what was analysed against what, when. */
  message(): string | undefined {
    const run = this.model.run;
    if (!run) return undefined;
    const against = run.baseline ? ` against '${run.baseline.label}'` : ' (no baseline)';
    return `${plural(run.findings.length, 'finding')} in '${run.target.label}'${against} · ${formatLocalWithUtc(run.ranAt, this._zone(), Date.now())}${run.notes.length > 0 ? ` · ${run.notes.join(' ')}` : ''}`;
  }

  getChildren(node?: FindingsTreeNode): FindingsTreeNode[] {
    const run = this.model.run;
    if (!run) return [];
    if (node === undefined) {
      return run.findings.map((f) => {
        const existing = this._nodes.get(f.id) ?? { kind: 'finding', id: f.id };
        this._nodes.set(f.id, existing);
        return existing;
      });
    }
    if (node.kind !== 'finding') return [];
    const finding = this.model.finding(node.id);
    return finding ? evidenceItems(finding).map((_, index) => ({ kind: 'evidence', findingId: node.id, index })) : [];
  }

  getParent(node: FindingsTreeNode): FindingsTreeNode | undefined {
    return node.kind === 'evidence' ? this._nodes.get(node.findingId) : undefined;
  }

  getTreeItem(node: FindingsTreeNode): vscode.TreeItem {
    const finding = this.model.finding(node.kind === 'finding' ? node.id : node.findingId);
    if (!finding) return new vscode.TreeItem('(gone)');
    if (node.kind === 'finding') {
      const item = new vscode.TreeItem(oneLine(finding.title), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `finding:${finding.id}`;
      item.iconPath = ICONS[finding.severity];
      item.description = `${finding.severity}${finding.evidence.calls > 0 ? ` · ${plural(finding.evidence.calls, 'call')}` : ''}`;
      item.tooltip = new vscode.MarkdownString().appendMarkdown(`**${finding.severity}** · `).appendText(finding.title).appendMarkdown('\n\n').appendText(finding.detail);
      item.contextValue = finding.evidence.bpf ? 'finding.pcap' : 'finding';
      return item;
    }
    const evidence = evidenceItems(finding)[node.index];
    if (!evidence) return new vscode.TreeItem('(gone)');
    const item = new vscode.TreeItem(oneLine(evidence.label), vscode.TreeItemCollapsibleState.None);
    item.id = `finding:${finding.id}:${node.index}`;
    item.description = evidence.description;
    item.tooltip = evidence.tooltip === undefined ? undefined : new vscode.MarkdownString().appendText(evidence.tooltip);
    item.iconPath = new vscode.ThemeIcon(evidence.icon);
    item.command = evidence.command;
    item.contextValue = evidence.contextValue;
    return item;
  }

  dispose(): void {
    this._subscription.dispose();
    this._onDidChangeTreeData.dispose();
  }
}
