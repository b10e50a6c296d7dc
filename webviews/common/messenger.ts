/**
 * The webview end of protocol/webviewMessages.ts: the VS Code API acquired once, typed posting,
 * awaitable requests matched to replies by id, and the ready handshake (posted once the listener
 * is installed, so the host never posts into the void).
 */
import { type ReplyMessage, type RequestMap } from '../../protocol/webviewMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class Messenger<ToHost extends { type: string }, ToWebview extends { type: string }, Requests extends RequestMap<Requests> = Record<never, never>> {
  private readonly _api = acquireVsCodeApi();
  private _nextRequest = 1;
  private readonly _pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(private readonly _onMessage: (message: ToWebview) => void) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') return;
      if ((message as { type: string }).type === 'reply') this._settle(message as ReplyMessage);
      else this._onMessage(message as ToWebview);
    });
  }

  /** Tells the host the listener is in place; call once the view can take messages. */
  ready(): void {
    this._api.postMessage({ type: 'ready' });
  }

  post(message: ToHost): void {
    this._api.postMessage(message);
  }

  request<M extends keyof Requests & string>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> {
    const requestId = this._nextRequest++;
    return new Promise((resolve, reject) => {
      this._pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      this._api.postMessage({ type: 'request', requestId, method, params });
    });
  }

  /** The state VS Code keeps for this webview across reloads (and hands to the panel serializer). */
  state<T>(): T | undefined {
    return (this._api.getState() ?? undefined) as T | undefined;
  }

  saveState<T>(state: T): void {
    this._api.setState(state);
  }

  private _settle(reply: ReplyMessage): void {
    const pending = this._pending.get(reply.requestId);
    if (!pending) return;
    this._pending.delete(reply.requestId);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(new Error(reply.error));
  }
}
