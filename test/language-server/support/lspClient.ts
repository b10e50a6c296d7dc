/**
 * A real LSP client for tests: spawns `node dist/language-server.js --stdio` and talks JSON-RPC
 * to it through vscode-languageserver-protocol, with the capabilities VS Code announces (pull
 * diagnostics, workspace/configuration, refresh) or without them (push diagnostics). Waits are on
 * the server's messages, never on time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import {
  type ClientCapabilities,
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../../support/paths';

export const SERVER = path.join(REPO_ROOT, 'dist', 'language-server.js');

export interface ClientOptions {
  /** Announce pull diagnostics (LSP 3.17), as VS Code does. Default true. */
  pull?: boolean;
  /** Answer workspace/configuration: settings per section and scope URI. Without it the capability is not announced. */
  configuration?: (section: string, scopeUri: string | undefined) => unknown;
  /** Custom server notifications to record (for nextNotification). */
  record?: readonly string[];
}

/** Resolves when a message matching `accept` arrives; remembers every message for later waiters. */
class Inbox<T> {
  private readonly _seen: T[] = [];
  private readonly _waiters = new Set<{ accept: (value: T) => boolean; resolve: (value: T) => void }>();

  push(value: T): void {
    this._seen.push(value);
    for (const waiter of this._waiters) {
      if (!waiter.accept(value)) continue;
      this._waiters.delete(waiter);
      waiter.resolve(value);
    }
  }

  /** The first message from now on (or already seen, when `includeSeen`) that `accept` takes. */
  next(accept: (value: T) => boolean, includeSeen = false): Promise<T> {
    const earlier = includeSeen ? this._seen.find(accept) : undefined;
    if (earlier !== undefined) return Promise.resolve(earlier);
    return new Promise((resolve) => this._waiters.add({ accept, resolve }));
  }

  get seen(): readonly T[] {
    return this._seen;
  }
}

export class LspClient {
  private readonly _versions = new Map<string, number>();

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly _process: ChildProcess,
    readonly initializeResult: InitializeResult,
    readonly pull: boolean,
    /** Every textDocument/publishDiagnostics (push mode). */
    readonly published: Inbox<PublishDiagnosticsParams>,
    /** Counts the server's workspace/diagnostic/refresh requests. */
    readonly refreshes: Inbox<number>,
    /** The custom notifications named in ClientOptions.record. */
    readonly notifications: Inbox<{ method: string; params: unknown }>,
  ) {}

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const pull = options.pull ?? true;
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    if (!child.stdout || !child.stdin) throw new Error('no stdio pipes to the server');
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Inbox<PublishDiagnosticsParams>();
    const refreshes = new Inbox<number>();
    const notifications = new Inbox<{ method: string; params: unknown }>();
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => published.push(params));
    for (const method of options.record ?? []) {
      connection.onNotification(method, (params: unknown) => notifications.push({ method, params }));
    }
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => refreshes.push(refreshes.seen.length + 1));
    if (options.configuration) {
      const answer = options.configuration;
      connection.onRequest(ConfigurationRequest.type, ({ items }) => items.map((item) => answer(item.section ?? '', item.scopeUri)));
    }
    connection.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration !== undefined,
        didChangeConfiguration: { dynamicRegistration: true },
        ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
        ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    };
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return new LspClient(connection, child, result, pull, published, refreshes, notifications);
  }

  async open(uri: string, text: string, languageId = 'kfl'): Promise<void> {
    this._versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this._versions.get(uri) ?? 0) + 1;
    this._versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    this._versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async configurationChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /**
   * The diagnostics of the document's current version: pulled when the client announced pull,
   * else the first publication for that version.
   */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    if (this.pull) {
      const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      if (report.kind !== DocumentDiagnosticReportKind.Full) throw new Error(`expected a full report, got ${report.kind}`);
      return report.items;
    }
    const version = this._versions.get(uri);
    const published = await this.published.next((p) => p.uri === uri && (version === undefined || p.version === version), true);
    return published.diagnostics;
  }

  /** Resolves on the server's next `workspace/diagnostic/refresh` request. */
  nextRefresh(): Promise<number> {
    const after = this.refreshes.seen.length;
    return this.refreshes.next((n) => n > after, true);
  }

  /** Resolves on the next custom notification `method` whose params `accept` takes. */
  nextNotification<P>(method: string, accept: (params: P) => boolean = () => true): Promise<P> {
    return this.notifications.next((n) => n.method === method && accept(n.params as P)).then((n) => n.params as P);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this._process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/**
 * A text with a caret marker `‸` (the first one; `|` is an operator), as in yaml-language-server's tests: returns the
 * text without it and the caret's LSP position.
 */
export function caret(marked: string): { text: string; offset: number; position: Position } {
  const offset = marked.indexOf('‸');
  if (offset < 0) throw new Error(`no caret in ${marked}`);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { text, offset, position: { line: before.length - 1, character: before[before.length - 1]?.length ?? 0 } };
}
