/** The findings on show: the last Anomalies pass, what it ran over, and a change event for the tree. */
import * as vscode from 'vscode';
import { type ScopeInfo } from '../../protocol/webviewMessages';
import { type Finding } from '../analysis/findings/finding';

export interface FindingsRun {
  readonly target: ScopeInfo;
  readonly baseline?: ScopeInfo;
  readonly findings: readonly Finding[];
  /** Unix ms. */
  readonly ranAt: number;
  /** What limited the pass (caps reached, a Hub without headers). */
  readonly notes: readonly string[];
}

export class FindingsModel implements vscode.Disposable {
  private _run?: FindingsRun;
  private readonly _onDidChange = new vscode.EventEmitter<FindingsRun | undefined>();
  readonly onDidChange = this._onDidChange.event;

  get run(): FindingsRun | undefined {
    return this._run;
  }

  set(run: FindingsRun | undefined): void {
    this._run = run;
    this._onDidChange.fire(run);
  }

  finding(id: string): Finding | undefined {
    return this._run?.findings.find((f) => f.id === id);
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}
