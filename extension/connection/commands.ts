/**
 * The connection commands: Connect to Hub…, Set Token…, Sign Out, Start/Stop Local Hub, Show Hub
 * Log, Refresh, and the status bar's quick actions. Each also takes its input as an argument, so
 * tests and other features can run it without a prompt.
 */
import * as vscode from 'vscode';
import { normaliseBaseUrl } from '../client/baseUrl';
import { HUB_COMMANDS } from './commandIds';
import { type HubConnection } from './hubConnection';
import { SETTINGS } from './settings';

const PROXY_URL = 'http://127.0.0.1:8899';

export function registerConnectionCommands(connection: HubConnection, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(HUB_COMMANDS.connect, (url?: string) => connect(connection, url)),
    vscode.commands.registerCommand(HUB_COMMANDS.setToken, (token?: string) => setToken(connection, token)),
    vscode.commands.registerCommand(HUB_COMMANDS.signOut, () => signOut(connection)),
    vscode.commands.registerCommand(HUB_COMMANDS.startLocal, () => startLocal(connection)),
    vscode.commands.registerCommand(HUB_COMMANDS.stopLocal, () => connection.stopLocal()),
    vscode.commands.registerCommand(HUB_COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(HUB_COMMANDS.refresh, () => (connection.state.phase === 'connected' || connection.state.phase === 'failed' ? connection.reconnect() : connection.connect())),
    vscode.commands.registerCommand(HUB_COMMANDS.quickActions, () => quickActions(connection)),
  ];
}

/** Sets the Hub URL ('' = the embedded local Hub) and connects to it. */
async function connect(connection: HubConnection, url?: string): Promise<void> {
  let target = url;
  if (target === undefined) {
    const items: (vscode.QuickPickItem & { url?: string })[] = [
      { label: '$(server-process) Embedded local Hub', detail: 'Serves a folder of PCAP/PCAPNG files (setting kubeshark.hub.captureFolder)', url: '' },
      { label: '$(plug) kubeshark proxy', detail: `${PROXY_URL} — after \`kubeshark proxy\` (or \`kubeshark tap\`)`, url: PROXY_URL },
      { label: '$(edit) Enter a Hub URL…', detail: 'An ingress or a port-forward, e.g. https://kubeshark.example.com' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Connect to a Kubeshark Hub', placeHolder: 'Which Hub?' });
    if (!picked) return;
    target = picked.url ?? await vscode.window.showInputBox({
      title: 'Hub URL',
      value: PROXY_URL,
      prompt: 'The base URL of the Hub (a pasted /api is dropped)',
      ignoreFocusOut: true,
      validateInput: (value) => (normaliseBaseUrl(value).ok ? undefined : (normaliseBaseUrl(value) as { message: string }).message),
    });
    if (target === undefined) return;
  }
  if (target !== '') {
    const normalised = normaliseBaseUrl(target);
    if (!normalised.ok) throw new Error(normalised.message);
    target = normalised.baseUrl;
  }
  await updateUrl(target);
  await connection.restart();
}

async function updateUrl(url: string): Promise<void> {
  const config = vscode.workspace.getConfiguration();
  // Where the person keeps the setting wins: a workspace value would hide a user one.
  const target = config.inspect<string>(SETTINGS.url)?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(SETTINGS.url, url, target);
}

async function setToken(connection: HubConnection, token?: string): Promise<void> {
  const baseUrl = connection.remoteBaseUrl;
  if (!baseUrl) {
    void vscode.window.showInformationMessage('The embedded local Hub uses a token of its own for each launch; a token is only needed for a Hub URL (Kubeshark: Connect to Hub…).');
    return;
  }
  const value = token ?? await vscode.window.showInputBox({
    title: `Token for ${baseUrl}`,
    prompt: 'Sent as X-Kubeshark-Authorization to this Hub only. Get one with: kubectl create token kubeshark-cli -n <namespace> --audience kubeshark-hub',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Paste the token' : /\s/.test(v.trim()) ? 'A token has no spaces' : undefined),
  });
  if (value === undefined) return;
  const { persisted } = await connection.setToken(value.trim());
  const state = connection.state;
  if (state.phase === 'connected') {
    void vscode.window.showInformationMessage(`Signed in to ${baseUrl}${persisted ? '' : ' (for this session)'}.`);
  } else if (state.status?.state === 'auth_required') {
    void vscode.window.showWarningMessage(`The Hub at ${baseUrl} did not accept the token.`, 'Set Token…').then((c) => c && vscode.commands.executeCommand(HUB_COMMANDS.setToken));
  }
}

async function signOut(connection: HubConnection): Promise<void> {
  const baseUrl = connection.remoteBaseUrl;
  if (!baseUrl) return;
  await connection.signOut();
  void vscode.window.showInformationMessage(`Signed out of ${baseUrl}: its token is deleted.`);
}

async function startLocal(connection: HubConnection): Promise<void> {
  const url = vscode.workspace.getConfiguration().get<string>(SETTINGS.url, '').trim();
  if (url !== '') {
    const choice = await vscode.window.showWarningMessage(`The Hub URL is set to ${url}. Switch to the embedded local Hub?`, { modal: true }, 'Switch');
    if (choice !== 'Switch') return;
    await updateUrl('');
  }
  await connection.restart();
}

async function quickActions(connection: HubConnection): Promise<void> {
  const state = connection.state;
  const local = connection.isLocal;
  const items: (vscode.QuickPickItem & { command?: string })[] = [
    { label: '$(refresh) Refresh', command: HUB_COMMANDS.refresh },
    { label: '$(plug) Connect to Hub…', command: HUB_COMMANDS.connect },
    ...(local
      ? [state.phase === 'connected' || state.phase === 'starting' || state.phase === 'connecting'
        ? { label: '$(debug-stop) Stop Local Hub', command: HUB_COMMANDS.stopLocal }
        : { label: '$(play) Start Local Hub', command: HUB_COMMANDS.startLocal }]
      : [{ label: '$(key) Set Token…', command: HUB_COMMANDS.setToken }, { label: '$(sign-out) Sign Out', command: HUB_COMMANDS.signOut }]),
    { label: '$(tools) Run Hub Tool…', command: HUB_COMMANDS.runTool },
    { label: '$(output) Show Hub Log', command: HUB_COMMANDS.showLog },
    { label: '$(settings-gear) Open Settings', command: 'workbench.action.openSettings' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Kubeshark Hub', placeHolder: state.error?.message ?? state.status?.baseUrl });
  if (!picked?.command) return;
  await vscode.commands.executeCommand(picked.command, ...(picked.command === 'workbench.action.openSettings' ? ['kubeshark'] : []));
}
