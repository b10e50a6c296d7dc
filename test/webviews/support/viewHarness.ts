/**
 * Runs a webview bundle (dist/webviews/<view>.js, as VS Code loads it) in jsdom with a fake
 * acquireVsCodeApi: what the view posts is recorded and can be awaited, host messages are
 * dispatched as the workbench does, and the state the view saves is kept.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { REPO_ROOT } from '../../support/paths';

/** Viewport height the harness lays out (jsdom computes no layout). */
export const VIEWPORT_PX = 480;

export interface Posted {
  type: string;
  [key: string]: unknown;
}

export class ViewHarness {
  readonly dom: JSDOM;
  readonly posted: Posted[] = [];
  state: unknown;
  private readonly _waiters: { predicate: (m: Posted) => boolean; resolve: (m: Posted) => void }[] = [];

  constructor(view: string, savedState?: unknown) {
    this.state = savedState;
    this.dom = new JSDOM('<!DOCTYPE html><html><head><title>view</title></head><body></body></html>', { runScripts: 'outside-only', pretendToBeVisual: true });
    const window = this.dom.window as unknown as Record<string, unknown> & { performance: Record<string, unknown>; eval(code: string): unknown };
    window.acquireVsCodeApi = () => ({
      postMessage: (sent: Posted) => {
        // As the workbench does, the message is cloned (and so taken out of jsdom's realm).
        const message = JSON.parse(JSON.stringify(sent)) as Posted;
        this.posted.push(message);
        for (const waiter of [...this._waiters]) {
          if (!waiter.predicate(message)) continue;
          this._waiters.splice(this._waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      },
      getState: () => this.state,
      setState: (state: unknown) => {
        this.state = JSON.parse(JSON.stringify(state)) as unknown;
      },
    });
    // User Timing is not in jsdom; the call list marks queries with it.
    const marks: string[] = [];
    window.performance.mark = (name: string) => marks.push(name);
    window.performance.clearMarks = () => undefined;
    window.performance.measure = (name: string) => marks.push(name);
    window.eval(readFileSync(path.join(REPO_ROOT, 'dist', 'webviews', `${view}.js`), 'utf8'));
  }

  get document(): Document {
    return this.dom.window.document;
  }

  /** A message from the host, delivered like the workbench does. */
  send(message: unknown): void {
    this.dom.window.dispatchEvent(new this.dom.window.MessageEvent('message', { data: message }));
  }

  /** Resolves with the first posted message (already posted or to come) that matches. */
  next(predicate: (m: Posted) => boolean): Promise<Posted> {
    const seen = this.posted.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this._waiters.push({ predicate, resolve }));
  }

  /** Resolves after the next animation frame (scroll rendering is scheduled on one). */
  frame(): Promise<void> {
    return new Promise((resolve) => this.dom.window.requestAnimationFrame(() => resolve()));
  }

  /** Lays the element out as if it were `height` pixels tall (jsdom has no layout). */
  setHeight(element: Element, height: number): void {
    Object.defineProperty(element, 'clientHeight', { configurable: true, value: height });
  }

  click(element: Element | null): void {
    if (!element) throw new Error('nothing to click');
    element.dispatchEvent(new this.dom.window.MouseEvent('click', { bubbles: true }));
  }

  close(): void {
    this.dom.window.close();
  }
}
