import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Connection, type TextDocuments } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type Discovery, discoverAgentScripts, hasAgentScriptMarker, type ScriptSummary, summarizeScript } from '../../agent-scripts/index';
import { type Settings } from '../settings';
import { listWorkspaceFiles } from './fsWalk';
import { type AgentScriptSettings, DEFAULT_SETTINGS, sanitized, SECTION } from './settings';

/** What linting one document needs to know about its workspace. */
export interface ScriptContext {
  readonly isScript: boolean;
  /** Workspace-relative path with forward slashes (the URI for documents outside any folder). */
  readonly path: string;
  readonly envNames: ReadonlySet<string> | undefined;
  /** Summaries of the other agent scripts of the workspace. */
  readonly workspace: readonly ScriptSummary[];
  /** Absolute paths of the values files that define `scripting` (for the add-env-name edit). */
  readonly valuesFiles: readonly string[];
  readonly settings: AgentScriptSettings;
}

interface RootIndex {
  readonly root: string;
  readonly discovery: Discovery;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * The server's view of the workspace for agent scripts: which files are scripts (discovery over the
 * workspace folders' files, per settings), the known env names, and summaries of the scripts for
 * the cross-file rules. Open documents count with their current text. Rebuilt when watched files
 * or settings change.
 */
export class AgentWorkspace {
  private _folders: Promise<string[]> | undefined;
  private readonly _roots = new Map<string, Promise<RootIndex>>();
  private readonly _summaries = new Map<string, { key: string; summary: ScriptSummary }>();

  constructor(
    private readonly _connection: Connection,
    private readonly _documents: TextDocuments<TextDocument>,
    private readonly _settings: Settings,
  ) {}

  /** Files changed on disk or the folders changed: forget the indexes. */
  invalidate(): void {
    this._folders = undefined;
    this._roots.clear();
  }

  async settingsFor(uri: string): Promise<AgentScriptSettings> {
    return sanitized(await this._settings.get(uri, SECTION, DEFAULT_SETTINGS));
  }

  async contextFor(document: TextDocument): Promise<ScriptContext> {
    const settings = await this.settingsFor(document.uri);
    const marked = hasAgentScriptMarker(document.getText());
    const settingsEnv = settings.envNames.length > 0 ? new Set(settings.envNames) : undefined;
    const filePath = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : undefined;
    if (!settings.enable || !filePath) {
      return { isScript: settings.enable && marked, path: document.uri, envNames: settingsEnv, workspace: [], valuesFiles: [], settings };
    }
    const index = await this._rootIndex(await this._rootOf(filePath), settings);
    const rel = toPosix(path.relative(index.root, filePath));
    const others = index.discovery.scripts.filter((p) => p !== rel).map((p) => this._summary(index.root, p)).filter((s): s is ScriptSummary => s !== undefined);
    return {
      // A file created since the index was built counts when it lies in a script folder.
      isScript: marked || index.discovery.scripts.includes(rel) || (rel.endsWith('.js') && index.discovery.folders.includes(path.posix.dirname(rel))),
      path: rel,
      envNames: index.discovery.envNames,
      workspace: others,
      valuesFiles: index.discovery.configFiles.map((f) => path.join(index.root, f)),
      settings,
    };
  }

  /** The open document of a file, matched by path (clients spell file URIs in different ways). */
  private _openDocument(file: string): TextDocument | undefined {
    return this._documents.all().find((d) => d.uri.startsWith('file:') && fileURLToPath(d.uri) === file);
  }

  /** The text of a workspace file: the open document's if it is open, else the disk's. */
  textOf(file: string): string | undefined {
    const open = this._openDocument(file);
    if (open) return open.getText();
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  private async _rootOf(file: string): Promise<string> {
    this._folders ??= this._connection.workspace.getWorkspaceFolders()
      .then((folders) => (folders ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri)))
      .catch(() => []);
    const containing = (await this._folders).filter((f) => file.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
    if (containing.length > 0) return containing.sort((a, b) => b.length - a.length)[0]!;
    // Outside every workspace folder (or a client without folders): the enclosing repository.
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, '.git'))) return dir;
      if (path.dirname(dir) === dir) return path.dirname(file);
    }
  }

  private _rootIndex(root: string, settings: AgentScriptSettings): Promise<RootIndex> {
    const key = JSON.stringify([root, settings.folders, settings.valuesFiles, settings.envNames]);
    let pending = this._roots.get(key);
    if (!pending) {
      if (this._roots.size > 16) this._roots.clear();
      pending = this._buildIndex(root, settings);
      this._roots.set(key, pending);
    }
    return pending;
  }

  private async _buildIndex(root: string, settings: AgentScriptSettings): Promise<RootIndex> {
    const paths = await listWorkspaceFiles(root);
    const relative = (p: string): string => toPosix(path.isAbsolute(p) ? path.relative(root, p) : p);
    const discovery = discoverAgentScripts({
      paths,
      root,
      read: (p) => this.textOf(path.join(root, p)),
      readFirstLine: (p) => firstLine(path.join(root, p)),
      folders: settings.folders.map(relative),
      ...(settings.valuesFiles.length > 0 ? { valuesFiles: settings.valuesFiles.map(relative) } : {}),
      envNames: settings.envNames,
    });
    return { root, discovery };
  }

  /** A script's summary, cached by open-document version or file modification time. */
  private _summary(root: string, rel: string): ScriptSummary | undefined {
    const file = path.join(root, rel);
    const open = this._openDocument(file);
    let key: string;
    try {
      key = open ? `v${open.version}` : `m${statSync(file).mtimeMs}`;
    } catch {
      return undefined;
    }
    const cached = this._summaries.get(file);
    if (cached?.key === key) return cached.summary;
    const text = this.textOf(file);
    if (text === undefined) return undefined;
    const summary = summarizeScript(rel, text);
    this._summaries.set(file, { key, summary });
    return summary;
  }
}

function firstLine(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(256);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8').split(/\r?\n/, 1)[0];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
