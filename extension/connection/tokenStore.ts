/**
 * Hub tokens in SecretStorage, one per normalised Hub URL (style practice 18), so a token is only
 * ever handed to the client of the URL it was saved for. Where the OS keychain is missing (Linux
 * without a Secret Service), the token is kept for this session only and the person is told how
 * to fix it, instead of failing.
 */
import * as vscode from 'vscode';
import { type HubLogger } from '../client/log';

const KEY_PREFIX = 'kubeshark.hub.token:';
const KEYCHAIN_HELP = 'The OS keychain is not available, so the token is kept for this session only. '
  + 'On Linux, install and unlock a Secret Service keyring (e.g. gnome-keyring), or start VS Code with `--password-store=basic`.';

export class TokenStore implements vscode.Disposable {
  private readonly _session = new Map<string, string>();
  private readonly _onDidChange = new vscode.EventEmitter<string>();
  /** Fires with the Hub URL whose token changed, also when another window changed it. */
  readonly onDidChange = this._onDidChange.event;
  private readonly _subscription: vscode.Disposable;

  constructor(private readonly _secrets: vscode.SecretStorage, private readonly _log: HubLogger) {
    this._subscription = _secrets.onDidChange((e) => {
      if (e.key.startsWith(KEY_PREFIX)) this._onDidChange.fire(e.key.slice(KEY_PREFIX.length));
    });
  }

  async get(baseUrl: string): Promise<string | undefined> {
    const session = this._session.get(baseUrl);
    if (session !== undefined) return session;
    try {
      return await this._secrets.get(KEY_PREFIX + baseUrl);
    } catch (e) {
      this._log.warn(`token store: cannot read the keychain (${e instanceof Error ? e.message : String(e)})`);
      return undefined;
    }
  }

  /** Saves the token; `persisted: false` when only this session keeps it (no keychain). */
  async set(baseUrl: string, token: string): Promise<{ persisted: boolean }> {
    try {
      await this._secrets.store(KEY_PREFIX + baseUrl, token);
      this._session.delete(baseUrl);
      return { persisted: true };
    } catch (e) {
      this._log.warn(`token store: cannot write the keychain (${e instanceof Error ? e.message : String(e)}); keeping the token for this session`);
      this._session.set(baseUrl, token);
      this._onDidChange.fire(baseUrl);
      void vscode.window.showWarningMessage(KEYCHAIN_HELP);
      return { persisted: false };
    }
  }

  async delete(baseUrl: string): Promise<void> {
    const hadSession = this._session.delete(baseUrl);
    try {
      await this._secrets.delete(KEY_PREFIX + baseUrl);
    } catch (e) {
      this._log.warn(`token store: cannot delete from the keychain (${e instanceof Error ? e.message : String(e)})`);
      if (hadSession) this._onDidChange.fire(baseUrl);
    }
  }

  dispose(): void {
    this._subscription.dispose();
    this._onDidChange.dispose();
  }
}
