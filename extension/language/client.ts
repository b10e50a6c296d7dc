/**
 * The language client of `dist/language-server.js` (over stdio): every document with language
 * `kfl` — `.kfl` files, untitled editors and notebook cells alike (a plain language selector:
 * combining a notebook type with the cell scheme would never match) — and JavaScript files, of
 * which the server's agent-scripts feature lints those that are Network Agent scripts.
 */
import type * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

export const CLIENT_ID = 'kubeshark.kfl';
const CLIENT_NAME = 'KFL Language Server';

export function createKflClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/language-server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'kfl' }, { language: 'javascript', scheme: 'file' }],
    // The server pulls its settings per resource (workspace/configuration); no synchronize section.
    outputChannelName: CLIENT_NAME,
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
