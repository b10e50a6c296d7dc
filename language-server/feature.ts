/**
 * The contract between the server and one language it serves (KFL, agent scripts, …). The server
 * owns the connection and the LSP handlers; for each request it asks the first feature whose
 * `handles(document)` is true. A feature maps its pure language service to LSP types and may add
 * its own custom messages on `context.connection` when it is created.
 */
import {
  type CancellationToken,
  type CodeAction,
  type CodeActionContext,
  type CompletionContext,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type FormattingOptions,
  type Hover,
  type Position,
  type Range,
  type SemanticTokens,
  type SignatureHelp,
  type SignatureHelpContext,
  type TextDocuments,
  type TextEdit,
} from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type SemanticTokensLegendMap } from './semanticTokensLegend';
import { type Settings } from './settings';

/** What the server gives a feature when creating it. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** Per-resource settings pulled from the client (workspace/configuration), cached. */
  readonly settings: Settings;
  /** Indices of the server's semantic token legend. */
  readonly legend: SemanticTokensLegendMap;
  /**
   * Re-validates the documents this feature serves (after its live context changed): asks pull
   * clients to refresh, re-publishes for push clients.
   */
  refreshDiagnostics(): void;
}

export interface LanguageFeature {
  /** Short name, for logs. */
  readonly name: string;
  /** Whether this feature serves `document` (by language id, URI or content). */
  handles(document: TextDocument): boolean;
  /** Characters that open completion in this feature's documents. */
  readonly completionTriggerCharacters?: readonly string[];
  readonly signatureTriggerCharacters?: readonly string[];
  /** Kinds of the code actions this feature offers (`quickfix`, `source.fixAll`, …). */
  readonly codeActionKinds?: readonly string[];
  /** A change in one document can change another's diagnostics (pull clients then re-pull the others). */
  readonly interFileDependencies?: boolean;
  diagnose?(document: TextDocument, token: CancellationToken): Promise<Diagnostic[]>;
  complete?(document: TextDocument, position: Position, context: CompletionContext | undefined): Promise<CompletionItem[]> | CompletionItem[];
  hover?(document: TextDocument, position: Position): Promise<Hover | null> | Hover | null;
  signatureHelp?(document: TextDocument, position: Position, context: SignatureHelpContext | undefined): Promise<SignatureHelp | null> | SignatureHelp | null;
  semanticTokens?(document: TextDocument): Promise<SemanticTokens> | SemanticTokens;
  format?(document: TextDocument, options: FormattingOptions): Promise<TextEdit[]> | TextEdit[];
  codeActions?(document: TextDocument, range: Range, context: CodeActionContext): Promise<CodeAction[]> | CodeAction[];
  /** The document closed: drop what was kept for it. */
  forget?(uri: string): void;
}

/** Creates a feature; called once when the client has initialized. */
export type FeatureFactory = (context: ServerContext) => LanguageFeature;
