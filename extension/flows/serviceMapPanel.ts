/**
 * The service map panel: flows (bytes) and API calls (calls, errors, latency) of a snapshot or
 * live data as a graph of workloads; the webview lays it out and draws it. Clicking an edge asks
 * for its calls by the edge's index; the host builds the KFL filter from the edge's addresses.
 */
import * as vscode from 'vscode';
import { type ScopeInfo, ServiceMap } from '../../protocol/webviewMessages';
import { type CallRecord } from '../analysis/calls';
import { allOf, kflForIps } from '../analysis/filters';
import { type FlowRecord } from '../analysis/flows';
import { collectCalls, collectFlows, type GatherProgress } from '../analysis/gather/gather';
import { buildServiceGraph, edgeErrorRate, edgeMedianLatency, type GraphEdge, type ServiceGraph } from '../analysis/serviceGraph';
import { API_CALLS_KFL } from '../analysis/sideData';
import { PanelHost } from '../webviews/host/panelHost';
import { webviewHtml, webviewOptions } from '../webviews/host/webviewHtml';
import { formatBytes, formatCount } from '../util/format';
import { type AnalysisContext } from './analysisContext';
import { classifierFor, readAnalysisSettings } from './analysisSettings';

const titleOf = (scope: ScopeInfo): string => `Service Map · ${scope.label}`;
const MAX_TITLE_IPS = 12;

function ipsText(ips: Set<string>): string {
  const list = [...ips];
  return list.slice(0, MAX_TITLE_IPS).join(', ') + (list.length > MAX_TITLE_IPS ? ` and ${list.length - MAX_TITLE_IPS} more` : '');
}

function toMessage(graph: ServiceGraph, scope: ScopeInfo, level: ServiceMap.Level): ServiceMap.Graph {
  return {
    scope, level,
    nodes: graph.nodes.map((n) => ({
      id: n.id, kind: n.kind, bytes: n.bytes, calls: n.calls,
      title: `${n.id}\n${n.kind === 'external' ? 'external address' : n.kind === 'internal' ? 'internal address, no workload known' : 'workload'}\n${formatBytes(n.bytes)} · ${formatCount(n.calls)} calls\n${ipsText(n.ips)}`,
    })),
    edges: graph.edges.map((e, id) => {
      const p50 = edgeMedianLatency(e);
      const rate = edgeErrorRate(e);
      return {
        id, source: e.source, target: e.target, bytes: e.bytes, calls: e.calls, errors: e.errors, errorRate: rate, p50,
        title: `${e.source} → ${e.target}\n${formatBytes(e.bytes)} in ${formatCount(e.flows)} flows · ${formatCount(e.calls)} calls, ${formatCount(e.errors)} errors (${(rate * 100).toFixed(1)} %)${p50 === null ? '' : ` · p50 ${p50.toFixed(1)} ms`}\nClick: open the calls`,
      };
    }),
    note: graph.omittedNodes > 0 ? `The ${formatCount(graph.nodes.length)} busiest of ${formatCount(graph.nodes.length + graph.omittedNodes)} nodes are drawn.` : undefined,
  };
}

export class ServiceMapPanel implements vscode.Disposable {
  private static _active?: ServiceMapPanel;
  private readonly _host: PanelHost<ServiceMap.ToHost, ServiceMap.ToWebview>;
  private _data?: { flows: readonly FlowRecord[]; calls: readonly CallRecord[]; workloadIps: string[]; note?: string };
  private _graph?: ServiceGraph;
  private _state?: ServiceMap.ToWebview;
  private _rendered?: Extract<ServiceMap.ToHost, { type: 'rendered' }>;
  private readonly _onDidLoad = new vscode.EventEmitter<void>();
  readonly onDidLoad = this._onDidLoad.event;
  private readonly _onDidRender = new vscode.EventEmitter<Extract<ServiceMap.ToHost, { type: 'rendered' }>>();
  /** The webview drew the graph (what it reports being on screen). */
  readonly onDidRender = this._onDidRender.event;

  static create(context: AnalysisContext, scope: ScopeInfo): ServiceMapPanel {
    const panel = vscode.window.createWebviewPanel(ServiceMap.viewType, titleOf(scope), vscode.ViewColumn.Active, webviewOptions(context.extension.extensionUri));
    return new ServiceMapPanel(context, panel, scope, 'workload', 'bytes');
  }

  static revive(context: AnalysisContext, panel: vscode.WebviewPanel, state: ServiceMap.PersistedState): ServiceMapPanel {
    panel.webview.options = webviewOptions(context.extension.extensionUri);
    return new ServiceMapPanel(context, panel, state.scope, state.level, state.weight);
  }

  static active(): ServiceMapPanel | undefined {
    return ServiceMapPanel._active;
  }

  private constructor(private readonly _context: AnalysisContext, readonly panel: vscode.WebviewPanel, readonly scope: ScopeInfo, private _level: ServiceMap.Level, private _weight: ServiceMap.Weight) {
    panel.iconPath = vscode.Uri.joinPath(_context.extension.extensionUri, 'media', 'kubeshark.svg');
    this._host = new PanelHost(panel, {
      onReady: () => {
        if (this._state) this._host.post(this._state);
      },
      onMessage: (message) => void this._onMessage(message),
    });
    panel.webview.html = webviewHtml(panel.webview, _context.extension.extensionUri, 'serviceMap', titleOf(scope));
    ServiceMapPanel._active = this;
    panel.onDidChangeViewState(() => {
      if (panel.active) ServiceMapPanel._active = this;
    });
    panel.onDidDispose(() => this.dispose());
    void this.load();
  }

  get host(): PanelHost<ServiceMap.ToHost, ServiceMap.ToWebview> {
    return this._host;
  }

  get graph(): ServiceGraph | undefined {
    return this._graph;
  }

  /** What the webview last reported drawing. */
  get rendered(): Extract<ServiceMap.ToHost, { type: 'rendered' }> | undefined {
    return this._rendered;
  }

  async load(): Promise<void> {
    const progress = (p: GatherProgress): void => this._post({ type: 'loading', scope: this.scope, level: this._level, weight: this._weight, message: `Reading ${p.stage}: ${formatCount(p.done)}${p.total === undefined ? '' : ` of ${formatCount(p.total)}`}…` });
    progress({ stage: 'flows', done: 0 });
    try {
      const tools = await this._context.hub.connection.ensureConnected();
      const settings = readAnalysisSettings();
      const scope = { label: this.scope.label, snapshotId: this.scope.snapshotId, dissection: this.scope.dissection };
      const options = { ...settings.gather, onProgress: progress };
      const flows = tools.offers('list_l4_flows') ? await collectFlows(tools, scope, options) : { items: [], truncated: false };
      const calls = await collectCalls(tools, scope, API_CALLS_KFL, settings.gather.callCap, 'calls', options);
      const workloadIps = tools.offers('list_workloads') ? (await tools.listWorkloads(this.scope.snapshotId)).flatMap((w) => w.ips.map((i) => i.ip)) : [];
      const caps = [flows.truncated ? 'the largest flows' : '', calls.truncated ? `the first ${formatCount(calls.items.length)} calls` : ''].filter(Boolean);
      this._data = { flows: flows.items, calls: calls.items, workloadIps, note: caps.length > 0 ? `Drawn from ${caps.join(' and ')} (kubeshark.analysis caps).` : undefined };
      this._draw();
    } catch (e) {
      this._post({ type: 'failed', scope: this.scope, message: e instanceof Error ? e.message : String(e) });
    } finally {
      this._onDidLoad.fire();
    }
  }

  /** The KFL filter of an edge's calls. */
  edgeFilter(index: number): string | undefined {
    const edge: GraphEdge | undefined = Number.isInteger(index) ? this._graph?.edges[index] : undefined;
    return edge && allOf(API_CALLS_KFL, kflForIps('src', edge.srcIps).filter, kflForIps('dst', edge.dstIps).filter);
  }

  async openEdge(index: number): Promise<void> {
    const kfl = this.edgeFilter(index);
    if (kfl !== undefined) await this._context.webviews.openCallList({ scope: this.scope, kfl });
  }

  dispose(): void {
    if (ServiceMapPanel._active === this) ServiceMapPanel._active = undefined;
    this._host.dispose();
    this._onDidLoad.dispose();
    this._onDidRender.dispose();
  }

  private _draw(): void {
    if (!this._data) return;
    const classifier = classifierFor(readAnalysisSettings(), this._data.workloadIps);
    this._graph = buildServiceGraph(this._data.flows, this._data.calls, this._level, classifier);
    const graph = toMessage(this._graph, this.scope, this._level);
    graph.note = [graph.note, this._data.note].filter(Boolean).join(' ') || undefined;
    this._post({ type: 'graph', graph, weight: this._weight });
  }

  private _post(message: ServiceMap.ToWebview): void {
    this._state = message;
    this._host.post(message);
  }

  private async _onMessage(message: Exclude<ServiceMap.ToHost, { type: 'ready' }>): Promise<void> {
    if (message.type === 'openEdge') await this.openEdge(message.edge);
    else if (message.type === 'refresh') await this.load();
    else if (message.type === 'level') {
      this._level = message.level;
      this._draw();
      this._onDidLoad.fire();
    } else if (message.type === 'weight') {
      // The webview re-weights on its own; the state it gets after a reload must say so too.
      this._weight = message.weight;
      if (this._state?.type === 'graph') this._state = { ...this._state, weight: message.weight };
    } else if (message.type === 'rendered') {
      this._rendered = message;
      this._onDidRender.fire(message);
    }
  }
}
