/**
 * The stats panel of a snapshot or live data and a filter (get_api_stats, §5.17). Rows of its
 * tables open the call list of that protocol, endpoint or talker (the host builds the filter).
 */
import * as vscode from 'vscode';
import { type ScopeInfo, Stats } from '../../../protocol/webviewMessages';
import { andFilters, kflForLabel, kflForPath, kflString, protocolTerm } from '../calls/kflFromCall';
import { LocalClock } from '../calls/localClock';
import { type CallListArgs, type WebviewContext } from '../context';
import { PanelHost } from '../host/panelHost';
import { webviewHtml, webviewOptions } from '../host/webviewHtml';
import { statsSummary } from './statsModel';

export class StatsPanel implements vscode.Disposable {
  private readonly _host: PanelHost<Stats.ToHost, Stats.ToWebview>;
  private _state?: Stats.ToWebview;
  private _summary?: Stats.Summary;
  private readonly _onDidLoad = new vscode.EventEmitter<void>();
  readonly onDidLoad = this._onDidLoad.event;

  static create(context: WebviewContext, args: CallListArgs): StatsPanel {
    const panel = vscode.window.createWebviewPanel(Stats.viewType, `API Stats · ${args.scope.label}`, vscode.ViewColumn.Active, { ...webviewOptions(context.extension.extensionUri), enableFindWidget: true });
    return new StatsPanel(context, panel, args.scope, args.kfl);
  }

  static revive(context: WebviewContext, panel: vscode.WebviewPanel, state: Stats.PersistedState): StatsPanel {
    panel.webview.options = webviewOptions(context.extension.extensionUri);
    return new StatsPanel(context, panel, state.scope, state.kfl);
  }

  private constructor(private readonly _context: WebviewContext, readonly panel: vscode.WebviewPanel, readonly scope: ScopeInfo, readonly kfl: string) {
    panel.title = `API Stats · ${scope.label}`;
    panel.iconPath = vscode.Uri.joinPath(_context.extension.extensionUri, 'media', 'kubeshark.svg');
    this._host = new PanelHost(panel, {
      onReady: () => {
        if (this._state) this._host.post(this._state);
      },
      onMessage: (message) => {
        if (message.type === 'refresh') void this.load();
        else if (message.type === 'openCalls') void this._openCalls(message.table, message.index);
      },
    });
    panel.webview.html = webviewHtml(panel.webview, _context.extension.extensionUri, 'stats', `API stats · ${scope.label}`);
    panel.onDidDispose(() => this.dispose());
    void this.load();
  }

  get host(): PanelHost<Stats.ToHost, Stats.ToWebview> {
    return this._host;
  }

  get summary(): Stats.Summary | undefined {
    return this._summary;
  }

  async load(): Promise<void> {
    this._post({ type: 'loading', scope: this.scope, kfl: this.kfl });
    try {
      const tools = await this._context.hub.connection.ensureConnected();
      const { result } = await tools.client.call('get_api_stats', { scope: this.scope.snapshotId, dissection: this.scope.dissection, kfl: this.kfl });
      this._summary = statsSummary(result, this.scope, this.kfl, new LocalClock(this._context.hub.zone(), Date.now()));
      this._post({ type: 'stats', summary: this._summary });
    } catch (e) {
      this._post({ type: 'failed', scope: this.scope, kfl: this.kfl, message: e instanceof Error ? e.message : String(e) });
    } finally {
      this._onDidLoad.fire();
    }
  }

  /** The filter of one row of a table; undefined when the index is not a row (the webview is not trusted with filters). */
  filterOf(table: 'protocol' | 'endpoint' | 'talker', index: number): string | undefined {
    const s = this._summary;
    if (!s) return undefined;
    let terms: string[] | undefined;
    if (table === 'protocol') {
      const row = s.byProtocol[index];
      terms = row && [protocolTerm(row.proto)];
    } else if (table === 'endpoint') {
      const row = s.topEndpoints[index];
      const http = row && (row.proto === 'http' || row.proto === 'grpc');
      terms = row && [protocolTerm(row.proto), ...(http && row.method ? [`method == ${kflString(row.method)}`] : []), ...(http ? [kflForPath(row.path)] : []),
        ...(row.proto === 'dns' ? [`${kflString(row.path)} in dns_questions`] : []), ...(row.dst ? kflForLabel('dst', row.dst) : [])];
    } else {
      const row = s.topTalkers[index];
      terms = row && [...kflForLabel('src', row.src), ...kflForLabel('dst', row.dst)];
    }
    return terms ? andFilters(this.kfl, terms.join(' && ')) : undefined;
  }

  dispose(): void {
    this._host.dispose();
    this._onDidLoad.dispose();
  }

  private _post(message: Stats.ToWebview): void {
    this._state = message;
    this._host.post(message);
  }

  private async _openCalls(table: 'protocol' | 'endpoint' | 'talker', index: number): Promise<void> {
    const kfl = this.filterOf(table, index);
    if (kfl !== undefined) await this._context.open.openCallList({ scope: this.scope, kfl });
  }
}
