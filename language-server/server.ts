/**
 * The language server: one connection, one set of open documents, and the language features of
 * features.ts. Every LSP request is answered by the first feature that handles the document; the
 * server itself knows no language. Capabilities are negotiated here: pull diagnostics when the
 * client supports them (push otherwise), settings per resource when it offers
 * workspace/configuration.
 */
import {
  type CancellationToken,
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type DiagnosticsChannel, pullDiagnostics, pushDiagnostics } from './diagnosticsChannel';
import { type FeatureFactory, type LanguageFeature, type ServerContext } from './feature';
import { FEATURES } from './features';
import { LEGEND, legendMap } from './semanticTokensLegend';
import { Settings } from './settings';

export const SERVER_NAME = 'kubeshark-forensics-language-server';

export function startServer(connection: Connection, factories: readonly FeatureFactory[] = FEATURES): void {
  const documents = new TextDocuments(TextDocument);
  let features: readonly LanguageFeature[] = [];
  let settings: Settings | undefined;
  let diagnostics: DiagnosticsChannel | undefined;
  let registerForConfigurationChanges = false;

  const featureFor = (uri: string): [LanguageFeature, TextDocument] | undefined => {
    const document = documents.get(uri);
    const feature = document && features.find((f) => f.handles(document));
    return feature && document ? [feature, document] : undefined;
  };

  connection.onInitialize((params): InitializeResult => {
    const client = params.capabilities;
    settings = new Settings(connection, client.workspace?.configuration === true);
    registerForConfigurationChanges = client.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const context: ServerContext = {
      connection,
      documents,
      settings,
      legend: legendMap(),
      refreshDiagnostics: () => diagnostics?.refresh(),
    };
    features = factories.map((create) => create(context));
    const diagnose = async (document: TextDocument, token: CancellationToken) => {
      const feature = features.find((f) => f.handles(document));
      return feature?.diagnose ? feature.diagnose(document, token) : [];
    };
    const pull = client.textDocument?.diagnostic !== undefined;
    diagnostics = pull
      ? pullDiagnostics(connection, documents, diagnose, client.workspace?.diagnostics?.refreshSupport === true)
      : pushDiagnostics(connection, documents, diagnose);
    const union = (pick: (f: LanguageFeature) => readonly string[] | undefined) => [...new Set(features.flatMap((f) => pick(f) ?? []))];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: union((f) => f.completionTriggerCharacters) },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: union((f) => f.signatureTriggerCharacters), retriggerCharacters: [','] },
        semanticTokensProvider: { legend: LEGEND, full: true },
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: union((f) => f.codeActionKinds) },
        ...(pull ? { diagnosticProvider: { interFileDependencies: features.some((f) => f.interFileDependencies), workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(() => {
    if (registerForConfigurationChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: undefined });
  });
  connection.onDidChangeConfiguration(() => {
    settings?.clear();
    diagnostics?.refresh();
  });
  documents.onDidClose((e) => {
    settings?.forget(e.document.uri);
    for (const feature of features) feature.forget?.(e.document.uri);
  });

  connection.onCompletion(async ({ textDocument, position, context }) => {
    const route = featureFor(textDocument.uri);
    return route?.[0].complete ? route[0].complete(route[1], position, context) : [];
  });
  connection.onHover(async ({ textDocument, position }) => {
    const route = featureFor(textDocument.uri);
    return route?.[0].hover ? route[0].hover(route[1], position) : null;
  });
  connection.onSignatureHelp(async ({ textDocument, position, context }) => {
    const route = featureFor(textDocument.uri);
    return route?.[0].signatureHelp ? route[0].signatureHelp(route[1], position, context) : null;
  });
  connection.languages.semanticTokens.on(async ({ textDocument }) => {
    const route = featureFor(textDocument.uri);
    return route?.[0].semanticTokens ? route[0].semanticTokens(route[1]) : { data: [] };
  });
  connection.onDocumentFormatting(async ({ textDocument, options }) => {
    const route = featureFor(textDocument.uri);
    return route?.[0].format ? route[0].format(route[1], options) : [];
  });
  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const route = featureFor(textDocument.uri);
    return route?.[0].codeActions ? route[0].codeActions(route[1], range, context) : [];
  });

  documents.listen(connection);
  connection.listen();
}
