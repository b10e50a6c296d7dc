/**
 * How diagnostics reach the client. Pull (LSP 3.17 `textDocument/diagnostic`) when the client
 * supports it: the client asks when it needs them and the server only says "refresh" when its
 * context changes. Otherwise push (`textDocument/publishDiagnostics`) after each change, coalesced
 * per document so that a burst of edits is checked once, at its latest version.
 */
import {
  type CancellationToken,
  type Connection,
  type Diagnostic,
  DocumentDiagnosticReportKind,
  type TextDocuments,
} from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';

/** Computes a document's diagnostics (the server routes to the feature that handles it). */
export type Diagnose = (document: TextDocument, token: CancellationToken) => Promise<Diagnostic[]>;

export interface DiagnosticsChannel {
  /** Re-checks every open document (the schema or the settings changed). */
  refresh(): void;
}

export function pullDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, diagnose: Diagnose, clientCanRefresh: boolean): DiagnosticsChannel {
  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: document ? await diagnose(document, token) : [] };
  });
  return {
    refresh: () => {
      if (clientCanRefresh) void connection.languages.diagnostics.refresh();
    },
  };
}

/** A token for push checks: they are never cancelled by the client, only superseded by newer versions. */
const NEVER_CANCELLED: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

export function pushDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, diagnose: Diagnose): DiagnosticsChannel {
  const scheduled = new Map<string, NodeJS.Immediate>();
  const schedule = (uri: string) => {
    const pending = scheduled.get(uri);
    if (pending) clearImmediate(pending);
    scheduled.set(uri, setImmediate(() => {
      scheduled.delete(uri);
      void publish(uri);
    }));
  };
  const publish = async (uri: string) => {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const diagnostics = await diagnose(document, NEVER_CANCELLED);
    // A newer version arrived while checking: its own check publishes.
    if (documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
  };
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const pending = scheduled.get(e.document.uri);
    if (pending) clearImmediate(pending);
    scheduled.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return {
    refresh: () => {
      for (const document of documents.all()) schedule(document.uri);
    },
  };
}
