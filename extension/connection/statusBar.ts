/**
 * The Hub's status bar item: connection state and Hub name/version at a glance; a click opens the
 * quick actions (connect, token, local Hub, log, refresh, run a tool).
 */
import * as vscode from 'vscode';
import { HUB_COMMANDS } from './commandIds';
import { type ConnectionState, type HubConnection } from './hubConnection';

export class HubStatusBar implements vscode.Disposable {
  private readonly _item = vscode.window.createStatusBarItem('kubeshark.hub.status', vscode.StatusBarAlignment.Left, 50);
  private readonly _subscription: vscode.Disposable;

  constructor(connection: HubConnection) {
    this._item.name = 'Kubeshark Hub';
    this._item.command = HUB_COMMANDS.quickActions;
    this._subscription = connection.onDidChangeState((state) => this._show(state));
    this._show(connection.state);
    this._item.show();
  }

  dispose(): void {
    this._subscription.dispose();
    this._item.dispose();
  }

  private _show(state: ConnectionState): void {
    const { text, tooltip, warning } = describe(state);
    this._item.text = text;
    this._item.tooltip = new vscode.MarkdownString(tooltip);
    this._item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}

function describe(state: ConnectionState): { text: string; tooltip: string; warning: boolean } {
  const where = state.target?.kind === 'local' ? `local Hub on \`${state.target.captures.path}\`` : state.target ? `\`${state.target.baseUrl}\`` : 'no Hub';
  const hub = state.status?.hub;
  const name = state.target?.kind === 'local' ? 'Local Hub' : hub?.name || 'Hub';
  const version = hub?.version ? ` ${hub.version}` : '';
  switch (state.phase) {
    case 'idle': return { text: '$(plug) Kubeshark', tooltip: 'Kubeshark: not connected. Click for actions.', warning: false };
    case 'starting': return { text: '$(sync~spin) Kubeshark: starting local Hub', tooltip: `Starting the ${where}…`, warning: false };
    case 'connecting': return { text: '$(sync~spin) Kubeshark', tooltip: `Connecting to ${where}…`, warning: false };
    case 'stopped': return { text: '$(debug-stop) Kubeshark: stopped', tooltip: 'The local Hub is stopped. Click for actions.', warning: false };
    case 'connected': {
      const missing = state.status?.missingCoreTools ?? [];
      const tooltip = `Connected to ${where} (${name}${version}, ${state.status?.toolCount ?? 0} tools)`
        + (missing.length ? `\n\nThis Hub does not offer: ${missing.map((t) => `\`${t}\``).join(', ')}` : '');
      return { text: `${missing.length ? '$(warning)' : '$(radio-tower)'} ${name}${version}`, tooltip, warning: false };
    }
    case 'failed': {
      const message = state.error?.message ?? 'failed';
      const text = state.status?.state === 'auth_required' ? '$(key) Kubeshark: sign in' : '$(debug-disconnect) Kubeshark: no Hub';
      return { text, tooltip: `${where}: ${message}`, warning: true };
    }
  }
}
