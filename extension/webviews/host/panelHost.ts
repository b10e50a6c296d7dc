/**
 * The host end of a webview panel's messaging (protocol/webviewMessages.ts): nothing is posted
 * until the webview said `ready`, and it says so again after every reload of its document (a
 * hidden panel without retainContextWhenHidden loses its document), so `onReady` re-sends the
 * whole state each time instead of a queue of stale updates. Requests are answered by id.
 */
import * as vscode from 'vscode';
import { type RequestMap } from '../../../protocol/webviewMessages';

export type RequestHandlers<R extends RequestMap<R>> = { [M in keyof R]: (params: R[M]['params']) => Promise<R[M]['result']> };

export interface PanelHandlers<ToHost, Requests extends RequestMap<Requests>> {
  /** The webview (re)loaded and listens: post the full state now. */
  onReady(): void;
  onMessage(message: Exclude<ToHost, { type: 'ready' } | { type: 'request' }>): void;
  requests?: RequestHandlers<Requests>;
}

export class PanelHost<ToHost extends { type: string }, ToWebview extends { type: string }, Requests extends RequestMap<Requests> = Record<never, never>> implements vscode.Disposable {
  private _ready = false;
  private readonly _subscriptions: vscode.Disposable[] = [];
  private readonly _onDidBecomeReady = new vscode.EventEmitter<void>();
  /** Fires after each ready handshake (tests wait for it instead of for time). */
  readonly onDidBecomeReady = this._onDidBecomeReady.event;
  private readonly _onDidPost = new vscode.EventEmitter<ToWebview>();
  /** Every message delivered to the webview (tests follow the view's state through it). */
  readonly onDidPost = this._onDidPost.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly _handlers: PanelHandlers<ToHost, Requests>) {
    this._subscriptions.push(
      this._onDidBecomeReady, this._onDidPost,
      panel.webview.onDidReceiveMessage((message: unknown) => this._receive(message)),
      // A hidden webview's document is gone; it announces itself again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this._ready = false;
      }),
    );
  }

  get ready(): boolean {
    return this._ready;
  }

  /** Posts to a ready webview; otherwise the message is dropped (onReady sends the state later). */
  post(message: ToWebview): void {
    if (!this._ready) return;
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (delivered) this._onDidPost.fire(message);
    });
  }

  dispose(): void {
    for (const s of this._subscriptions) s.dispose();
  }

  private _receive(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const type = (message as { type?: unknown }).type;
    if (type === 'ready') {
      this._ready = true;
      this._handlers.onReady();
      this._onDidBecomeReady.fire();
      return;
    }
    if (type === 'request') {
      void this._answer(message as { requestId: number; method: string; params: unknown });
      return;
    }
    if (typeof type === 'string') this._handlers.onMessage(message as Exclude<ToHost, { type: 'ready' } | { type: 'request' }>);
  }

  private async _answer(request: { requestId: number; method: string; params: unknown }): Promise<void> {
    const handlers = this._handlers.requests as Record<string, ((params: unknown) => Promise<unknown>) | undefined> | undefined;
    const handler = handlers && Object.prototype.hasOwnProperty.call(handlers, request.method) ? handlers[request.method] : undefined;
    const reply = handler
      ? await handler(request.params).then(
        (result) => ({ type: 'reply', requestId: request.requestId, ok: true, result }),
        (e: unknown) => ({ type: 'reply', requestId: request.requestId, ok: false, error: e instanceof Error ? e.message : String(e) }))
      : { type: 'reply', requestId: request.requestId, ok: false, error: `unknown request ${String(request.method)}` };
    this.post(reply as unknown as ToWebview);
  }
}
