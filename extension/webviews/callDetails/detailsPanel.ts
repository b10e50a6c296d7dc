/**
 * Call details panels: one reused panel follows the calls a person opens; "Pin" keeps a panel
 * (the next call opens in a new one beside it). The view gets the call with bodies up to the
 * view's cap; "Open in Editor" fetches a body whole into an editor (binary into a file).
 */
import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { CallDetails, type ScopeInfo } from '../../../protocol/webviewMessages';
import { type JsonObject, str } from '../../client/json';
import { canCurl, copyCurl, exportConnectionPcap, openInNotebook } from '../callActions';
import { fetchWholeCall } from '../calls/callFetch';
import { kflForCall } from '../calls/kflFromCall';
import { LocalClock } from '../calls/localClock';
import { type DetailsArgs, notebookAvailable, type WebviewContext } from '../context';
import { PanelHost } from '../host/panelHost';
import { webviewHtml, webviewOptions } from '../host/webviewHtml';
import { detailsOf } from './detailsModel';

/** Body bytes the view asks for (the Hub's get_api_call cap, §5.15). */
const VIEW_BODY_BYTES = 65536;

export class DetailsPanel implements vscode.Disposable {
  private static _reusable?: DetailsPanel;
  private static readonly _open = new Set<DetailsPanel>();

  private readonly _host: PanelHost<CallDetails.ToHost, CallDetails.ToWebview>;
  private _id: string;
  private _scope: ScopeInfo;
  private _call?: JsonObject;
  private _state?: CallDetails.ToWebview;
  private _loading?: AbortController;
  private readonly _onDidLoad = new vscode.EventEmitter<void>();
  readonly onDidLoad = this._onDidLoad.event;

  static async show(context: WebviewContext, args: DetailsArgs): Promise<DetailsPanel> {
    let panel = args.pin ? undefined : DetailsPanel._reusable;
    if (!panel) {
      const webview = vscode.window.createWebviewPanel(CallDetails.viewType, 'Call', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { ...webviewOptions(context.extension.extensionUri), enableFindWidget: true });
      panel = new DetailsPanel(context, webview, args.id, args.scope, args.pin === true);
    } else {
      panel.panel.reveal(undefined, false);
    }
    await panel.load(args.id, args.scope);
    return panel;
  }

  static revive(context: WebviewContext, webview: vscode.WebviewPanel, state: CallDetails.PersistedState): DetailsPanel {
    webview.webview.options = { ...webviewOptions(context.extension.extensionUri) };
    const panel = new DetailsPanel(context, webview, state.id, state.scope, state.pinned);
    void panel.load(state.id, state.scope);
    return panel;
  }

  /** The reused (unpinned) panel, if open. */
  static get current(): DetailsPanel | undefined {
    return DetailsPanel._reusable;
  }

  private constructor(private readonly _context: WebviewContext, readonly panel: vscode.WebviewPanel, id: string, scope: ScopeInfo, private _pinned: boolean) {
    this._id = id;
    this._scope = scope;
    if (!_pinned) DetailsPanel._reusable = this;
    DetailsPanel._open.add(this);
    panel.iconPath = vscode.Uri.joinPath(_context.extension.extensionUri, 'media', 'kubeshark.svg');
    this._host = new PanelHost(panel, {
      onReady: () => {
        if (this._state) this._host.post(this._state);
      },
      onMessage: (message) => void this._onMessage(message).catch((e: unknown) => vscode.window.showErrorMessage(`${e instanceof Error ? e.message : String(e)}`)),
    });
    panel.webview.html = webviewHtml(panel.webview, _context.extension.extensionUri, 'callDetails', 'Call details');
    panel.onDidDispose(() => this.dispose());
  }

  get host(): PanelHost<CallDetails.ToHost, CallDetails.ToWebview> {
    return this._host;
  }

  get id(): string {
    return this._id;
  }

  get pinned(): boolean {
    return this._pinned;
  }

  /** The call as the Hub returned it (after load). */
  get call(): JsonObject | undefined {
    return this._call;
  }

  async load(id: string, scope: ScopeInfo): Promise<void> {
    this._loading?.abort();
    const abort = new AbortController();
    this._loading = abort;
    this._id = id;
    this._scope = scope;
    this._call = undefined;
    this.panel.title = `Call ${id}`;
    this._post({ type: 'loading', id, scope, pinned: this._pinned });
    try {
      const tools = await this._context.hub.connection.ensureConnected();
      const whole = await fetchWholeCall(tools, id, scope, { signal: abort.signal }, VIEW_BODY_BYTES);
      if (this._loading !== abort) return;
      this._call = whole.call;
      const model = detailsOf(whole.call, scope, new LocalClock(this._context.hub.zone(), Date.now()), { conn: whole.l4Conn, flow: whole.l4Flow });
      this.panel.title = `${model.method || model.proto.toUpperCase()} ${model.path}`.slice(0, 60);
      const capabilities: CallDetails.Capabilities = {
        curl: canCurl(whole.call), exportPcap: scope.snapshotId !== undefined && tools.offers('export_snapshot_pcap'), openInNotebook: await notebookAvailable(),
      };
      this._post({ type: 'call', call: model, capabilities, pinned: this._pinned });
    } catch (e) {
      if (this._loading !== abort) return;
      this._post({ type: 'failed', id, scope, message: e instanceof Error ? e.message : String(e), pinned: this._pinned });
    } finally {
      if (this._loading === abort) this._onDidLoad.fire();
    }
  }

  /** Runs a button of the view (also for programmatic callers and tests). */
  async press(button: CallDetails.Button): Promise<unknown> {
    const call = this._call;
    if (!call) return undefined;
    switch (button) {
      case 'copyCurl': return copyCurl(this._context, this._scope, this._id);
      case 'exportPcap': return exportConnectionPcap(this._context, this._scope, call);
      case 'copyJson': {
        const text = JSON.stringify(call, null, 2);
        await vscode.env.clipboard.writeText(text);
        void vscode.window.setStatusBarMessage('Call JSON copied', 3000);
        return text;
      }
      case 'findSimilar': {
        const kfl = detailsOf(call, this._scope, new LocalClock(this._context.hub.zone(), Date.now())).similarKfl;
        await this._context.open.openCallList({ scope: this._scope, kfl });
        return kfl;
      }
      case 'openInNotebook': return openInNotebook(this._scope, kflForCall(call));
      case 'pin':
        this._pin();
        return undefined;
    }
  }

  dispose(): void {
    this._loading?.abort();
    if (DetailsPanel._reusable === this) DetailsPanel._reusable = undefined;
    DetailsPanel._open.delete(this);
    this._host.dispose();
    this._onDidLoad.dispose();
  }

  private _post(message: CallDetails.ToWebview): void {
    this._state = message;
    this._host.post(message);
  }

  private _pin(): void {
    this._pinned = true;
    if (DetailsPanel._reusable === this) DetailsPanel._reusable = undefined;
    if (this._state && this._state.type !== 'loading') this._post({ ...this._state, pinned: true });
  }

  private async _onMessage(message: Exclude<CallDetails.ToHost, { type: 'ready' }>): Promise<void> {
    if (message.type === 'button') await this.press(message.button);
    else if (message.type === 'openBody') await this.openBody(message.side);
  }

  /** Opens a whole body in an editor: text (JSON pretty-printed) in an untitled editor, binary as a file. */
  async openBody(side: 'request' | 'response'): Promise<vscode.Uri> {
    const tools = await this._context.hub.connection.ensureConnected();
    const whole = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Fetching the body…' }, () => fetchWholeCall(tools, this._id, this._scope));
    const prefix = side === 'request' ? 'req' : 'resp';
    const text = side === 'request' ? whole.reqBody : whole.respBody;
    if (str(whole.call, `${prefix}_body_encoding`) === 'base64') {
      const folder = await mkdtemp(path.join(os.tmpdir(), 'kubeshark-body-'));
      const file = vscode.Uri.file(path.join(folder, `${this._id.replace(/[^\w.-]+/g, '-')}-${side}.bin`));
      await writeFile(file.fsPath, Buffer.from(text, 'base64'));
      await vscode.commands.executeCommand('vscode.open', file);
      return file;
    }
    let content = text;
    let language = 'plaintext';
    try {
      content = JSON.stringify(JSON.parse(text), null, 2);
      language = 'json';
    } catch {
      // Not JSON: shown as the text it is.
    }
    const document = await vscode.workspace.openTextDocument({ content, language });
    await vscode.window.showTextDocument(document, { preview: true });
    return document.uri;
  }
}
