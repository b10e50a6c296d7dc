/**
 * One call list panel per query: runs the filter (checked by the language server first), pages
 * list_api_calls as the person scrolls, keeps the loaded calls (slimmed) for row actions and
 * exports, and re-sends everything when the webview reloads. A failed query leaves the last good
 * rows on screen.
 */
import * as vscode from 'vscode';
import { CallList, type FilterDiagnostic, type ScopeInfo } from '../../../protocol/webviewMessages';
import { isHubError } from '../../client/errors';
import { type JsonObject, num, str } from '../../client/json';
import { canCurl, copyCurl, copyKfl, exportConnectionPcap, openInNotebook } from '../callActions';
import { CallPager, listCapabilities, type ListCapabilities } from '../calls/callPager';
import { callRow } from '../calls/callRow';
import { slimCall } from '../calls/callFields';
import { kflForCall } from '../calls/kflFromCall';
import { LocalClock } from '../calls/localClock';
import { type CallListArgs, notebookAvailable, type WebviewContext } from '../context';
import { exportCalls, type ExportResult } from '../export/exportCalls';
import { PanelHost } from '../host/panelHost';
import { webviewHtml, webviewOptions } from '../host/webviewHtml';

/** Loaded calls stop here (the grid stays smooth beyond, but the person should narrow the filter). */
export const MAX_LOADED_CALLS = 1_000_000;

interface RunningQuery {
  readonly id: number;
  readonly kfl: string;
  readonly order: 'asc' | 'desc';
  readonly pager: CallPager;
  readonly abort: AbortController;
  /** The first page replaces the rows; until it arrives the previous result stays. */
  started: boolean;
  loading: boolean;
}

export class CallListPanel implements vscode.Disposable {
  private static readonly _open = new Set<CallListPanel>();
  private static _lastActive?: CallListPanel;
  private static _nextQuery = 1;

  private readonly _host: PanelHost<CallList.ToHost, CallList.ToWebview, CallList.Requests>;
  private _calls: JsonObject[] = [];
  private _byId = new Map<string, JsonObject>();
  private _kfl: string;
  private _order: 'asc' | 'desc' = 'asc';
  private _total?: number;
  private _more = false;
  private _note?: string;
  private _query?: RunningQuery;
  private _failure?: CallList.ToWebview;
  private _capabilities: CallList.Capabilities = { serverTimeOrder: false, exportPcap: false, openInNotebook: false };
  private _listCapabilities?: ListCapabilities;
  private readonly _onDidLoad = new vscode.EventEmitter<void>();
  /** Fires after every page (and failure): tests follow the panel through it. */
  readonly onDidLoad = this._onDidLoad.event;

  /** The focused call list, else the one focused last (commands of its context menu act on it). */
  static active(): CallListPanel | undefined {
    // The panel focused last wins while it is active: a panel's `active` flag lags behind a newer one.
    const last = CallListPanel._lastActive;
    if (last?.panel.active) return last;
    for (const panel of CallListPanel._open) if (panel.panel.active) return panel;
    return last;
  }

  static create(context: WebviewContext, args: CallListArgs): CallListPanel {
    const panel = vscode.window.createWebviewPanel(CallList.viewType, titleOf(args.scope), vscode.ViewColumn.Active, { ...webviewOptions(context.extension.extensionUri), enableFindWidget: false });
    return new CallListPanel(context, panel, args.scope, args.kfl, 'asc');
  }

  /** Brings back a panel VS Code restored after a reload, from the webview's saved state. */
  static revive(context: WebviewContext, panel: vscode.WebviewPanel, state: CallList.PersistedState): CallListPanel {
    panel.webview.options = webviewOptions(context.extension.extensionUri);
    return new CallListPanel(context, panel, state.scope, state.kfl, state.sort.column === 'time' ? state.sort.direction : 'asc');
  }

  private constructor(private readonly _context: WebviewContext, readonly panel: vscode.WebviewPanel, readonly scope: ScopeInfo, kfl: string, order: 'asc' | 'desc') {
    this._kfl = kfl;
    this._order = order;
    panel.title = titleOf(scope);
    panel.iconPath = vscode.Uri.joinPath(_context.extension.extensionUri, 'media', 'kubeshark.svg');
    this._host = new PanelHost(panel, {
      onReady: () => this._sendState(),
      onMessage: (message) => void this._onMessage(message).catch((e: unknown) => this._failed(message.type, e)),
      requests: { analyze: (params) => this._analyze(params.text) },
    });
    panel.webview.html = webviewHtml(panel.webview, _context.extension.extensionUri, 'callList', `API calls · ${scope.label}`);
    CallListPanel._open.add(this);
    CallListPanel._lastActive = this;
    panel.onDidChangeViewState(() => {
      if (panel.active) CallListPanel._lastActive = this;
    });
    panel.onDidDispose(() => this.dispose());
    void this._start();
  }

  get host(): PanelHost<CallList.ToHost, CallList.ToWebview, CallList.Requests> {
    return this._host;
  }

  get kfl(): string {
    return this._kfl;
  }

  /** The loaded calls in the Hub's order (slimmed: no headers or bodies). */
  get calls(): readonly JsonObject[] {
    return this._calls;
  }

  get total(): number | undefined {
    return this._total;
  }

  get more(): boolean {
    return this._more;
  }

  call(id: string): JsonObject | undefined {
    return this._byId.get(id);
  }

  /** Runs a filter as if typed in the bar (programmatic callers and tests). */
  run(kfl: string, force = false): Promise<void> {
    return this._onMessage({ type: 'query', kfl, force });
  }

  /** Fetches the next page, if any. */
  loadMore(): Promise<void> {
    return this._loadMore();
  }

  /** Exports these loaded calls (all of them by default); asks where unless `destination` is given. */
  exportRows(format: CallList.ExportFormat, ids?: readonly string[], destination?: string): Promise<ExportResult | undefined> {
    const calls = ids ? ids.map((id) => this._byId.get(id)).filter((c): c is JsonObject => c !== undefined) : this._calls;
    return exportCalls(this._context, { scope: this.scope, kfl: this._kfl, order: this._order, capabilities: this._listCapabilities }, format, calls, destination);
  }

  dispose(): void {
    this._query?.abort.abort();
    CallListPanel._open.delete(this);
    if (CallListPanel._lastActive === this) CallListPanel._lastActive = undefined;
    this._host.dispose();
    this._onDidLoad.dispose();
  }

  private async _start(): Promise<void> {
    try {
      const tools = await this._context.hub.connection.ensureConnected();
      this._listCapabilities = listCapabilities(await tools.client.tool('list_api_calls'));
      this._capabilities = {
        serverTimeOrder: this._listCapabilities.order,
        exportPcap: this.scope.snapshotId !== undefined && tools.offers('export_snapshot_pcap'),
        openInNotebook: await notebookAvailable(),
      };
      void vscode.commands.executeCommand('setContext', 'kubeshark.calls.notebookAvailable', this._capabilities.openInNotebook);
    } catch (e) {
      this._fail(e);
      return;
    }
    this._sendInit();
    await this._runQuery(this._kfl, this._order);
  }

  private _sendInit(): void {
    this._host.post({ type: 'init', scope: this.scope, kfl: this._kfl, sort: { column: 'time', direction: this._order }, capabilities: this._capabilities });
  }

  /** Everything the webview shows, after each (re)load of its document. */
  private _sendState(): void {
    if (!this._listCapabilities) return;
    this._sendInit();
    const query = this._query;
    if (this._calls.length > 0 || (query && query.started)) this._postRows(query?.id ?? 0, this._calls, true);
    if (query?.loading && !query.started) this._host.post({ type: 'loading', queryId: query.id, kfl: query.kfl });
    if (this._failure) this._host.post(this._failure);
  }

  private async _onMessage(message: Exclude<CallList.ToHost, { type: 'ready' } | { type: 'request' }>): Promise<void> {
    switch (message.type) {
      case 'query': {
        const analyzed = message.kfl.trim() && !message.force ? await this._analyze(message.kfl) : undefined;
        if (analyzed?.hasErrors) {
          this._failQuery(CallListPanel._nextQuery++, message.kfl, 'The filter has errors; fix them or choose Send Anyway', analyzed.diagnostics);
          return;
        }
        return this._runQuery(message.kfl, this._order);
      }
      case 'loadMore': return this._loadMore();
      case 'order':
        this._order = message.direction;
        return this._runQuery(this._kfl, message.direction);
      case 'action': return this._action(message.action, message.id);
      case 'export':
        await this.exportRows(message.format, message.ids);
        return;
      case 'openStats': return this._context.open.showStats({ scope: this.scope, kfl: this._kfl });
    }
  }

  private async _analyze(text: string): Promise<{ diagnostics: FilterDiagnostic[]; hasErrors: boolean }> {
    const result = await this._context.kfl.analyze(text);
    return { diagnostics: result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, start: d.start, end: d.end })), hasErrors: result.hasErrors };
  }

  private async _runQuery(kfl: string, order: 'asc' | 'desc'): Promise<void> {
    this._query?.abort.abort();
    const tools = await this._context.hub.connection.ensureConnected();
    const capabilities = this._listCapabilities ?? listCapabilities(await tools.client.tool('list_api_calls'));
    const query: RunningQuery = {
      id: CallListPanel._nextQuery++, kfl, order, abort: new AbortController(), started: false, loading: false,
      pager: new CallPager((q, signal) => tools.listApiCalls(q, { signal }), { snapshot: this.scope.snapshotId, dissection: this.scope.dissection, kfl, order }, capabilities),
    };
    this._query = query;
    this._host.post({ type: 'loading', queryId: query.id, kfl });
    await this._fetch(query);
  }

  private async _loadMore(): Promise<void> {
    const query = this._query;
    if (!query || !query.started || query.loading || !this._more) return;
    await this._fetch(query);
  }

  private async _fetch(query: RunningQuery): Promise<void> {
    query.loading = true;
    try {
      const page = await query.pager.next(query.abort.signal);
      if (this._query !== query) return;
      const slim = page.calls.map(slimCall);
      const reset = !query.started;
      if (reset) {
        query.started = true;
        this._kfl = query.kfl;
        this._order = query.order;
        this._calls = [];
        this._byId = new Map();
        this._failure = undefined;
      }
      for (const call of slim) {
        this._calls.push(call);
        this._byId.set(str(call, 'id') ?? '', call);
      }
      this._total = page.total;
      this._more = page.more && this._calls.length < MAX_LOADED_CALLS;
      this._note = this._calls.length >= MAX_LOADED_CALLS ? `Loading stops at ${MAX_LOADED_CALLS.toLocaleString('en-US')} calls: narrow the filter to see the rest.` : page.note;
      this._postRows(query.id, slim, reset);
    } catch (e) {
      if (this._query !== query || query.abort.signal.aborted) return;
      this._failQuery(query.id, query.kfl, messageOf(e), hubDiagnostics(e, query.kfl));
    } finally {
      query.loading = false;
      this._onDidLoad.fire();
    }
  }

  private _postRows(queryId: number, calls: readonly JsonObject[], reset: boolean): void {
    const clock = new LocalClock(this._context.hub.zone(), Date.now());
    this._host.post({
      type: 'rows', queryId, kfl: this._kfl, reset, rows: calls.map((c) => callRow(c, clock)),
      total: this._total, loaded: this._calls.length, more: this._more, note: this._note,
    });
  }

  private _failQuery(queryId: number, kfl: string, message: string, diagnostics: FilterDiagnostic[]): void {
    this._failure = { type: 'queryFailed', queryId, kfl, message, diagnostics };
    this._host.post(this._failure);
    this._onDidLoad.fire();
  }

  private _fail(e: unknown): void {
    this._failQuery(this._query?.id ?? 0, this._kfl, messageOf(e), []);
  }

  /** A query's failure shows at the filter bar; an action's or export's as a message (a cancel as nothing). */
  private _failed(type: string, e: unknown): void {
    if (type === 'query' || type === 'order' || type === 'loadMore') this._fail(e);
    else if (!(e instanceof vscode.CancellationError) && !isHubError(e, 'cancelled')) void vscode.window.showErrorMessage(messageOf(e));
  }

  private async _action(action: CallList.RowAction, id: string): Promise<void> {
    const call = this._byId.get(id);
    if (!call) return;
    switch (action) {
      case 'details': return this._context.open.showDetails({ id, scope: this.scope });
      case 'pinDetails': return this._context.open.showDetails({ id, scope: this.scope, pin: true });
      case 'copyKfl': await copyKfl(call); return;
      case 'copyCurl':
        if (canCurl(call)) await copyCurl(this._context, this.scope, id);
        return;
      case 'exportPcap': await exportConnectionPcap(this._context, this.scope, call); return;
      case 'openInNotebook': return openInNotebook(this.scope, kflForCall(call));
    }
  }
}

function titleOf(scope: ScopeInfo): string {
  return `API Calls · ${scope.label}`;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A Hub's KFL error (400 KFL_SYNTAX/KFL_TYPE with offset and length, §2.3) as a positioned problem. */
function hubDiagnostics(e: unknown, kfl: string): FilterDiagnostic[] {
  if (!isHubError(e, 'invalid_arguments') || !e.code?.startsWith('KFL')) return [];
  const details = e.details ?? {};
  const start = Math.min(kfl.length, Math.max(0, num(details, 'offset') ?? 0));
  const length = Math.max(0, num(details, 'length') ?? 0);
  return [{ code: str(details, 'diagnostic') ?? e.code, severity: 'error', message: e.message, start, end: Math.min(kfl.length, start + length) }];
}
