/**
 * The connection to a Hub: which one (settings), with which credential (SecretStorage, or the
 * local Hub's per-launch token), whether it answers (the Check Hub procedure of hub-api.md §5.1),
 * and the embedded local Hub process when no URL is configured. Features get the one HubClient
 * and its typed tools from here and follow `onDidChangeState`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import { normaliseBaseUrl } from '../client/baseUrl';
import { checkHub, type HubStatus, lackedCapabilities, MENU_CAPABILITIES } from '../client/check';
import { HubError } from '../client/errors';
import { HubClient } from '../client/hubClient';
import { LocalHubProcess } from '../client/localHub';
import { type HubLogger } from '../client/log';
import { askRequired } from '../tools/schemaForm';
import { HubTools } from '../client/tools';
import { captureFolder, type CaptureFolder } from './localCaptures';
import { affectsConnection, hubSettings } from './settings';
import { type TokenStore } from './tokenStore';

export type ConnectionPhase = 'idle' | 'starting' | 'connecting' | 'connected' | 'failed' | 'stopped';

export type HubTarget =
  | { readonly kind: 'local'; readonly captures: CaptureFolder; readonly baseUrl?: string }
  | { readonly kind: 'remote'; readonly baseUrl: string };

export interface ConnectionState {
  readonly phase: ConnectionPhase;
  readonly target?: HubTarget;
  /** The last Check Hub result (connected, or failed after a check). */
  readonly status?: HubStatus;
  /** Why the phase is `failed`. */
  readonly error?: Error;
}

/** The value of the `kubeshark.hub.state` context key that welcome views and menus use. */
function stateKey(state: ConnectionState): string {
  if (state.phase === 'connected' || (state.phase === 'failed' && state.status)) return state.status?.state ?? state.phase;
  return state.phase;
}

/** Context keys `kubeshark.hub.lacks.<capability>` of §1.4, true when whoami says the role lacks it. */
const CAPABILITY_KEYS: Readonly<Record<(typeof MENU_CAPABILITIES)[number], string>> = {
  'snapshot:read': 'kubeshark.hub.lacks.snapshotRead',
  'snapshot:write': 'kubeshark.hub.lacks.snapshotWrite',
  'snapshot:dissection': 'kubeshark.hub.lacks.snapshotDissection',
};

function settingsKey(): string {
  return JSON.stringify(hubSettings());
}

const LOCAL_HINT = 'The local Hub has stopped; run "Kubeshark: Start Local Hub".';

export class HubConnection implements vscode.Disposable {
  private readonly _onDidChangeState = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChangeState = this._onDidChangeState.event;
  private _state: ConnectionState = { phase: 'idle' };
  private _client?: HubClient;
  private _tools?: HubTools;
  private _local?: LocalHubProcess;
  private _token?: string;
  private _connecting?: Promise<void>;
  private _restarting?: Promise<void>;
  private _generation = 0;
  /** The settings the current connection was built from. */
  private _builtFrom?: string;
  private readonly _subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly _context: vscode.ExtensionContext,
    private readonly _tokens: TokenStore,
    readonly log: HubLogger,
  ) {
    this._subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A command that changed the setting restarts by itself; this catches edits in settings.json.
        if (affectsConnection(e) && this._state.phase !== 'idle' && settingsKey() !== this._builtFrom) void this.restart();
      }),
      _tokens.onDidChange((baseUrl) => {
        if (this._state.target?.kind === 'remote' && this._state.target.baseUrl === baseUrl) void this.reconnect();
      }),
    );
    void vscode.commands.executeCommand('setContext', 'kubeshark.hub.state', 'idle');
    void vscode.commands.executeCommand('setContext', 'kubeshark.hub.local', hubSettings().url === '');
  }

  get state(): ConnectionState {
    return this._state;
  }

  /** The client of the connected Hub (also while degraded); undefined otherwise. */
  get client(): HubClient | undefined {
    return this._state.phase === 'connected' ? this._client : undefined;
  }

  get tools(): HubTools | undefined {
    return this._state.phase === 'connected' ? this._tools : undefined;
  }

  /** The embedded local Hub process while it runs. */
  get localHub(): LocalHubProcess | undefined {
    return this._local;
  }

  get isLocal(): boolean {
    return this._state.target?.kind === 'local' || (this._state.target === undefined && hubSettings().url === '');
  }

  /** The remote Hub URL tokens are stored under (undefined for the local Hub or a bad URL). */
  get remoteBaseUrl(): string | undefined {
    const url = hubSettings().url;
    if (url === '') return undefined;
    const normalised = normaliseBaseUrl(url);
    return normalised.ok ? normalised.baseUrl : undefined;
  }

  /**
   * The connected Hub's tools, connecting first when needed (also after a failure: a command is
   * a person asking again). Rejects with the reason when the Hub cannot be used.
   */
  async ensureConnected(): Promise<HubTools> {
    if (this._state.phase !== 'connected') await this.connect();
    const tools = this.tools;
    if (tools) return tools;
    throw this._state.error ?? new HubError({ kind: 'unreachable', message: 'Not connected to a Hub' });
  }

  /** Connects unless connected or connecting; concurrent callers share one attempt. */
  connect(): Promise<void> {
    if (this._state.phase === 'connected') return Promise.resolve();
    this._connecting ??= this._connect().finally(() => { this._connecting = undefined; });
    return this._connecting;
  }

  /** Runs Check Hub again on the same Hub (Refresh): descriptor re-read, same local process. */
  async reconnect(): Promise<void> {
    await this._connecting?.catch(() => undefined);
    if (!this._client || this._state.phase === 'stopped') return this.connect();
    this._connecting = this._check(this._generation).finally(() => { this._connecting = undefined; });
    return this._connecting;
  }

  /** Tears everything down (also the local Hub process) and connects anew; concurrent callers share it. */
  restart(): Promise<void> {
    this._restarting ??= (async () => {
      await this._teardown();
      await this.connect();
    })().finally(() => { this._restarting = undefined; });
    return this._restarting;
  }

  /** Stops the local Hub process; the view shows "stopped" until it is started again. */
  async stopLocal(): Promise<void> {
    await this._teardown();
    this._set({ phase: 'stopped', target: this._state.target });
  }

  async setToken(token: string): Promise<{ persisted: boolean }> {
    const baseUrl = this.remoteBaseUrl;
    if (!baseUrl) throw new Error('Tokens are for a Hub URL: set kubeshark.hub.url first (the local Hub needs none)');
    const result = await this._tokens.set(baseUrl, token);
    this._token = token;
    await this.reconnect();
    return result;
  }

  async signOut(): Promise<void> {
    const baseUrl = this.remoteBaseUrl;
    if (!baseUrl) return;
    await this._tokens.delete(baseUrl);
    this._token = undefined;
    await this.reconnect();
  }

  dispose(): void {
    for (const s of this._subscriptions) s.dispose();
    void this._teardown();
    this._onDidChangeState.dispose();
  }

  private async _connect(): Promise<void> {
    const generation = this._generation;
    const settings = hubSettings();
    this._builtFrom = settingsKey();
    try {
      if (settings.url === '') await this._startLocal(generation);
      else await this._useRemote(settings.url, generation);
    } catch (e) {
      if (generation === this._generation) this._set({ phase: 'failed', target: this._state.target, error: e instanceof Error ? e : new Error(String(e)) });
      return;
    }
    if (generation === this._generation) await this._check(generation);
  }

  private async _startLocal(generation: number): Promise<void> {
    const settings = hubSettings();
    const folder = captureFolder(settings.captureFolder, this._context.extensionPath);
    if ('problem' in folder) throw new Error(folder.problem);
    this._set({ phase: 'starting', target: { kind: 'local', captures: folder } });
    // One state folder per capture folder: each folder's snapshots stay with it, and survive restarts.
    const state = path.join(this._context.globalStorageUri.fsPath, 'local-hub', createHash('sha256').update(folder.path).digest('hex').slice(0, 16));
    const local = await LocalHubProcess.start({
      cliPath: this._context.asAbsolutePath(path.join('dist', 'cli.js')),
      captures: folder.path,
      state,
      cloudFolder: settings.localCloudFolder || undefined,
      log: this.log,
    });
    if (generation !== this._generation) {
      await local.stop();
      return;
    }
    this._local = local;
    void local.exited.then((exit) => {
      if (this._local !== local || local.stopping) return;
      this._local = undefined;
      this._set({ ...this._state, phase: 'failed', error: new HubError({ kind: 'unreachable', message: `The local Hub exited unexpectedly (${exit.signal ?? `code ${exit.code}`}); see "Kubeshark: Show Hub Log"` }) });
    });
    this._client = new HubClient({
      baseUrl: local.baseUrl, credentials: () => ({ token: local.token }), log: this.log, requestTimeoutMs: settings.requestTimeoutMs, unreachableHint: LOCAL_HINT, fillRequired: askRequired,
    });
    this._tools = new HubTools(this._client);
    this._set({ phase: 'connecting', target: { kind: 'local', captures: folder, baseUrl: local.baseUrl } });
  }

  private async _useRemote(url: string, generation: number): Promise<void> {
    const normalised = normaliseBaseUrl(url);
    if (!normalised.ok) throw new Error(`kubeshark.hub.url: ${normalised.message}`);
    const baseUrl = normalised.baseUrl;
    this._set({ phase: 'connecting', target: { kind: 'remote', baseUrl } });
    const token = await this._tokens.get(baseUrl);
    if (generation !== this._generation) return;
    this._token = token;
    this._client = new HubClient({
      baseUrl,
      // Bound to this base URL: the client sends it nowhere else (redirects to other origins are refused).
      credentials: () => ({ token: this._token }),
      log: this.log,
      requestTimeoutMs: hubSettings().requestTimeoutMs,
      fillRequired: askRequired,
    });
    this._tools = new HubTools(this._client);
  }

  private async _check(generation: number): Promise<void> {
    const client = this._client;
    if (!client) return;
    if (this._state.phase !== 'connecting') this._set({ ...this._state, phase: 'connecting' });
    const auth = this._state.target?.kind === 'local' || this._token ? 'token' : 'none';
    const status = await checkHub(client, { auth });
    if (generation !== this._generation) return;
    const usable = status.state === 'ok' || status.state === 'degraded';
    this.log.info(`Check Hub ${client.baseUrl}: ${status.state}${status.missingCoreTools.length ? ` (missing ${status.missingCoreTools.join(', ')})` : ''}`);
    this._set({ phase: usable ? 'connected' : 'failed', target: this._state.target, status, error: status.error });
  }

  private async _teardown(): Promise<void> {
    this._generation++;
    const client = this._client;
    const local = this._local;
    this._client = undefined;
    this._tools = undefined;
    this._local = undefined;
    await client?.dispose();
    await local?.stop();
    if (this._state.phase !== 'idle') this._set({ phase: 'idle' });
  }

  private _set(state: ConnectionState): void {
    this._state = state;
    void vscode.commands.executeCommand('setContext', 'kubeshark.hub.state', stateKey(state));
    void vscode.commands.executeCommand('setContext', 'kubeshark.hub.local', state.target?.kind === 'local' || (state.target === undefined && hubSettings().url === ''));
    // Capabilities of §1.4 this role lacks (menus disable what needs them), when whoami said.
    const lacked = lackedCapabilities(state.status);
    for (const capability of MENU_CAPABILITIES) void vscode.commands.executeCommand('setContext', CAPABILITY_KEYS[capability], lacked.includes(capability));
    this._onDidChangeState.fire(state);
  }
}
