/**
 * Settings pulled from the client per resource (`workspace/configuration` with the document's URI
 * as scope, so folder and language overrides apply), cached per URI and section until the
 * configuration changes or the document closes. Clients without the request get the defaults.
 */
import { type Connection } from 'vscode-languageserver/node';

export class Settings {
  private readonly _cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly _connection: Connection,
    private readonly _clientSupportsConfiguration: boolean,
  ) {}

  /**
   * The settings under `section` for `uri`, each key checked against the type of its default (a
   * hand-edited settings.json may hold anything), missing or mistyped keys taking the default.
   */
  async get<T extends object>(uri: string, section: string, defaults: T): Promise<T> {
    if (!this._clientSupportsConfiguration) return defaults;
    const key = `${section}\u0000${uri}`;
    let pending = this._cache.get(key);
    if (!pending) {
      pending = this._connection.workspace.getConfiguration({ scopeUri: uri, section }).catch(() => undefined);
      this._cache.set(key, pending);
    }
    return withDefaults(await pending, defaults);
  }

  /**
   * The zone people read times in, for hovers and quick-fix titles: `kubeshark.timeZone`, the one
   * setting the Hub views use too, so a timestamp reads the same in a filter and in the tree.
   * Undefined (the server process's zone) when empty.
   */
  async displayZone(uri: string): Promise<string | undefined> {
    const { timeZone } = await this.get(uri, 'kubeshark', { timeZone: '' });
    return timeZone || undefined;
  }

  /** Drops what is cached for a closed document. */
  forget(uri: string): void {
    for (const key of this._cache.keys()) if (key.endsWith(`\u0000${uri}`)) this._cache.delete(key);
  }

  /** Drops everything (the configuration changed). */
  clear(): void {
    this._cache.clear();
  }
}

function withDefaults<T extends object>(value: unknown, defaults: T): T {
  if (typeof value !== 'object' || value === null) return defaults;
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [name, fallback] of Object.entries(defaults)) {
    if (!Object.prototype.hasOwnProperty.call(value, name)) continue;
    const given = (value as Record<string, unknown>)[name];
    if (typeof given === typeof fallback) merged[name] = given;
  }
  return merged as T;
}
