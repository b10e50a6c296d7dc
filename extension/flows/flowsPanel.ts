/**
 * The L4 flows panel of a snapshot or live data: list_l4_flows (all pages up to the cap) grouped
 * in the extension at the chosen level, with get_l4_flow_summary on top. A row's context menu
 * exports its packets (a BPF from its member pairs) or opens its calls (a KFL filter from them).
 */
import * as vscode from 'vscode';
import { Flows, type ScopeInfo } from '../../protocol/webviewMessages';
import { type FlowGroup, type FlowRecord, groupFlows } from '../analysis/flows';
import { allOf, bpfForPairs, kflForPairs } from '../analysis/filters';
import { collectFlows } from '../analysis/gather/gather';
import { API_CALLS_KFL } from '../analysis/sideData';
import { type ExportPcapResult } from '../snapshots/commands/exportPcap';
import { PanelHost } from '../webviews/host/panelHost';
import { webviewHtml, webviewOptions } from '../webviews/host/webviewHtml';
import { type AnalysisContext } from './analysisContext';
import { classifierFor, readAnalysisSettings } from './analysisSettings';
import { exportBpf } from './exportBpf';
import { flowRow, flowSummary } from './flowRows';

const titleOf = (scope: ScopeInfo): string => `L4 Flows · ${scope.label}`;

export class FlowsPanel implements vscode.Disposable {
  private static readonly _open = new Set<FlowsPanel>();
  private static _active?: FlowsPanel;
  private readonly _host: PanelHost<Flows.ToHost, Flows.ToWebview>;
  private _flows: FlowRecord[] = [];
  private _groups: FlowGroup[] = [];
  private _workloadIps: string[] = [];
  private _rows?: Extract<Flows.ToWebview, { type: 'rows' }>;
  private _failure?: string;
  private _restored: boolean;
  private readonly _onDidLoad = new vscode.EventEmitter<void>();
  /** Fires when rows (or a failure) are ready — after a load or a new level. */
  readonly onDidLoad = this._onDidLoad.event;

  static create(context: AnalysisContext, scope: ScopeInfo, level: Flows.Level = 'workload'): FlowsPanel {
    const panel = vscode.window.createWebviewPanel(Flows.viewType, titleOf(scope), vscode.ViewColumn.Active, { ...webviewOptions(context.extension.extensionUri), enableFindWidget: true });
    return new FlowsPanel(context, panel, scope, level, false);
  }

  /** A panel VS Code restored after a reload (its webview keeps its own sort and quick filter). */
  static revive(context: AnalysisContext, panel: vscode.WebviewPanel, scope: ScopeInfo, level: Flows.Level): FlowsPanel {
    panel.webview.options = webviewOptions(context.extension.extensionUri);
    return new FlowsPanel(context, panel, scope, level, true);
  }

  /** The focused (or last focused) flows panel. */
  static active(): FlowsPanel | undefined {
    return FlowsPanel._active;
  }

  private constructor(private readonly _context: AnalysisContext, readonly panel: vscode.WebviewPanel, readonly scope: ScopeInfo, private _level: Flows.Level, restored: boolean) {
    this._restored = restored;
    panel.iconPath = vscode.Uri.joinPath(_context.extension.extensionUri, 'media', 'kubeshark.svg');
    this._host = new PanelHost(panel, {
      onReady: () => this._sendState(),
      onMessage: (message) => void this._onMessage(message),
    });
    panel.webview.html = webviewHtml(panel.webview, _context.extension.extensionUri, 'flows', titleOf(scope));
    FlowsPanel._open.add(this);
    FlowsPanel._active = this;
    panel.onDidChangeViewState(() => {
      if (panel.active) FlowsPanel._active = this;
    });
    panel.onDidDispose(() => this.dispose());
    void this.load();
  }

  get host(): PanelHost<Flows.ToHost, Flows.ToWebview> {
    return this._host;
  }

  get level(): Flows.Level {
    return this._level;
  }

  /** The rows on screen, largest first. */
  get groups(): readonly FlowGroup[] {
    return this._groups;
  }

  get failure(): string | undefined {
    return this._failure;
  }

  group(id: string): FlowGroup | undefined {
    return /^\d+$/.test(id) ? this._groups[Number(id)] : undefined;
  }

  async load(): Promise<void> {
    this._host.post({ type: 'loading', level: this._level });
    try {
      const tools = await this._context.hub.connection.ensureConnected();
      const settings = readAnalysisSettings();
      const scope = { label: this.scope.label, snapshotId: this.scope.snapshotId, dissection: this.scope.dissection };
      const flows = await collectFlows(tools, scope, { ...settings.gather });
      const summary = tools.offers('get_l4_flow_summary')
        ? flowSummary((await tools.client.call('get_l4_flow_summary', { scope: this.scope.snapshotId, dissection: this.scope.dissection })).result)
        : undefined;
      this._workloadIps = tools.offers('list_workloads') ? (await tools.listWorkloads(this.scope.snapshotId)).flatMap((w) => w.ips.map((i) => i.ip)) : [];
      this._flows = [...flows.items];
      this._failure = undefined;
      this._regroup(summary, flows.truncated ? `The ${flows.items.length.toLocaleString('en-US')} largest flows${flows.total === undefined ? '' : ` of ${flows.total.toLocaleString('en-US')}`} are shown (kubeshark.analysis.flowCap).` : undefined);
    } catch (e) {
      this._failure = e instanceof Error ? e.message : String(e);
      this._rows = undefined;
      this._host.post({ type: 'failed', message: this._failure });
    } finally {
      this._onDidLoad.fire();
    }
  }

  setLevel(level: Flows.Level): void {
    this._level = level;
    this._regroup(this._rows?.summary, this._rows?.note);
    this._onDidLoad.fire();
  }

  /** Exports the row's packets: a BPF over its member pairs (server port and transport included). */
  async exportPcap(id: string, destination?: string): Promise<ExportPcapResult | undefined> {
    const group = this.group(id);
    if (!group) return undefined;
    if (!this.scope.snapshotId) throw new Error('Live flows have no snapshot to export packets from; take a snapshot first');
    const bpf = bpfForPairs(group.pairs);
    if (!bpf.filter) throw new Error('The flow has no IP addresses to build a packet filter from');
    return exportBpf({ key: this.scope.snapshotId, name: this.scope.label }, bpf.filter, `${group.client.label} to ${group.server.label}`, destination);
  }

  /** The KFL filter of the row's calls. */
  callsFilter(id: string): string | undefined {
    const group = this.group(id);
    return group && allOf(API_CALLS_KFL, kflForPairs(group.pairs).filter);
  }

  async openCalls(id: string): Promise<void> {
    const kfl = this.callsFilter(id);
    if (kfl !== undefined) await this._context.webviews.openCallList({ scope: this.scope, kfl });
  }

  dispose(): void {
    FlowsPanel._open.delete(this);
    if (FlowsPanel._active === this) FlowsPanel._active = [...FlowsPanel._open].pop();
    this._host.dispose();
    this._onDidLoad.dispose();
  }

  private _regroup(summary: Flows.Summary | undefined, note: string | undefined): void {
    const classifier = classifierFor(readAnalysisSettings(), this._workloadIps);
    this._groups = groupFlows(this._flows, this._level, classifier);
    this._rows = { type: 'rows', level: this._level, rows: this._groups.map(flowRow), summary, note };
    this._host.post(this._rows);
  }

  private _sendState(): void {
    this._host.post({ type: 'init', scope: this.scope, level: this._level, exportPcap: this.scope.snapshotId !== undefined, restored: this._restored });
    this._restored = true;
    if (this._rows) this._host.post(this._rows);
    else if (this._failure) this._host.post({ type: 'failed', message: this._failure });
    else this._host.post({ type: 'loading', level: this._level });
  }

  private async _onMessage(message: Exclude<Flows.ToHost, { type: 'ready' }>): Promise<void> {
    try {
      if (message.type === 'level') this.setLevel(message.level);
      else if (message.type === 'refresh') await this.load();
      else if (message.type === 'openMap') await this._context.openServiceMap(this.scope);
      else if (message.type === 'action' && message.action === 'openCalls') await this.openCalls(message.id);
      else if (message.type === 'action' && message.action === 'exportPcap') await this.exportPcap(message.id);
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  }
}
