/**
 * The Hub connection feature: settings, token store, connection (with the embedded local Hub),
 * status bar item, log channel and the connection commands. Returns what other features build on.
 */
import * as vscode from 'vscode';
import { registerConnectionCommands } from './commands';
import { HUB_COMMANDS } from './commandIds';
import { HubConnection } from './hubConnection';
import { timeZone } from './settings';
import { HubStatusBar } from './statusBar';
import { TokenStore } from './tokenStore';

export interface HubFeature {
  readonly connection: HubConnection;
  /** Every Hub call is logged here (method, tool, status, ms; never a credential). */
  readonly log: vscode.LogOutputChannel;
  /** The IANA zone times are shown and typed in (`kubeshark.timeZone`, else the system zone). */
  zone(): string;
}

export function registerHub(context: vscode.ExtensionContext): HubFeature {
  const log = vscode.window.createOutputChannel('Kubeshark Hub', { log: true });
  const tokens = new TokenStore(context.secrets, log);
  const connection = new HubConnection(context, tokens, log);
  let warnedZone = '';
  const zone = (): string => {
    const resolved = timeZone();
    if (resolved.problem && resolved.problem !== warnedZone) {
      warnedZone = resolved.problem;
      log.warn(`kubeshark.timeZone: ${resolved.problem}`);
    }
    return resolved.zone;
  };
  let askedFor: string | undefined;
  context.subscriptions.push(
    log,
    tokens,
    connection,
    new HubStatusBar(connection),
    ...registerConnectionCommands(connection, log),
    // A Hub that answers 401 (or an SSO redirect) asks for a token, once per Hub URL and failure.
    connection.onDidChangeState((state) => {
      const url = state.target?.kind === 'remote' ? state.target.baseUrl : undefined;
      const needsToken = state.phase === 'failed' && state.status?.state === 'auth_required';
      if (!needsToken || !url) {
        if (state.phase === 'connected') askedFor = undefined;
        return;
      }
      if (askedFor === url) return;
      askedFor = url;
      void vscode.window.showWarningMessage(`The Hub at ${url} needs authentication.`, 'Set Token…')
        .then((choice) => choice && vscode.commands.executeCommand(HUB_COMMANDS.setToken));
    }),
  );
  return { connection, log, zone };
}
