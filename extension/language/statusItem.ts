/**
 * The language status item of KFL documents ({} in the status bar next to the language name): it
 * shows that the server is starting, checking or done, how long the last check of the active
 * document took and what schema is in use; and when the server has stopped, a way to restart it.
 */
import * as vscode from 'vscode';
import { type Status } from '../../protocol/kflLsp';
import { RESTART_COMMAND, SHOW_OUTPUT_COMMAND } from './commands';

export class KflStatusItem implements vscode.Disposable {
  private readonly _item = vscode.languages.createLanguageStatusItem('kubeshark.kfl.status', { language: 'kfl' });
  private readonly _byDocument = new Map<string, Status.Params>();
  private readonly _subscriptions: vscode.Disposable[] = [];

  constructor() {
    this._item.name = 'KFL Language Server';
    this._item.text = 'KFL';
    this._item.detail = 'not started';
    this._subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this._showActive()),
      vscode.workspace.onDidCloseTextDocument((d) => this._byDocument.delete(d.uri.toString())),
    );
  }

  starting(): void {
    this._set({ busy: true, detail: 'starting…', severity: vscode.LanguageStatusSeverity.Information });
  }

  running(): void {
    this._set({ busy: false, detail: 'ready', severity: vscode.LanguageStatusSeverity.Information });
    this._showActive();
  }

  stopped(reason: string): void {
    this._byDocument.clear();
    this._set({ busy: false, detail: reason, severity: vscode.LanguageStatusSeverity.Error });
    this._item.command = { title: 'Restart', command: RESTART_COMMAND };
  }

  /** A `kfl/status` notification from the server. */
  update(status: Status.Params): void {
    this._byDocument.set(status.uri, status);
    if (status.uri === vscode.window.activeTextEditor?.document.uri.toString()) this._show(status);
  }

  dispose(): void {
    for (const s of this._subscriptions) s.dispose();
    this._item.dispose();
  }

  private _showActive(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri === undefined ? undefined : this._byDocument.get(uri);
    if (status) this._show(status);
  }

  private _show(status: Status.Params): void {
    const schema = `${status.schema.fields} fields${status.schema.source ? ` from ${status.schema.source}` : ''}`;
    if (status.state === 'validating') {
      this._set({ busy: true, detail: `checking… · ${schema}`, severity: vscode.LanguageStatusSeverity.Information });
      return;
    }
    const problems = `${plural(status.errors ?? 0, 'error')}, ${plural(status.warnings ?? 0, 'warning')}`;
    const took = status.durationMs === undefined ? '' : `checked in ${status.durationMs < 1 ? status.durationMs.toFixed(2) : status.durationMs.toFixed(1)} ms · `;
    this._set({ busy: false, detail: `${took}${problems} · ${schema}`, severity: vscode.LanguageStatusSeverity.Information });
  }

  private _set(state: { busy: boolean; detail: string; severity: vscode.LanguageStatusSeverity }): void {
    this._item.busy = state.busy;
    this._item.detail = state.detail;
    this._item.severity = state.severity;
    this._item.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND };
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
