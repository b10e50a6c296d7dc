/**
 * The KFL language feature of the extension: the language client (started lazily, on the first
 * KFL document, agent-script candidate or `analyze` call), its status item, its commands, and the API other
 * features use — pushing a connected Hub's schema and checking a filter that is not a document.
 */
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { Analyze, SetSchema, Status } from '../../protocol/kflLsp';
import { createKflClient } from './client';
import { RESTART_COMMAND, SHOW_OUTPUT_COMMAND } from './commands';
import { KflStatusItem } from './statusItem';

export interface KflLanguage {
  /**
   * Gives the server a Hub's extra fields and known values (replacing earlier ones; an empty
   * schema restores the built-in one). Kept and sent again whenever the server (re)starts.
   */
  setSchema(schema: SetSchema.Params): Promise<void>;
  /** Checks a filter that is not a document (the call list's filter bar, a query about to be sent). */
  analyze(text: string): Promise<Analyze.Result>;
}

export function registerKflLanguage(context: vscode.ExtensionContext): KflLanguage {
  const status = new KflStatusItem();
  let starting: Promise<LanguageClient> | undefined;
  let client: LanguageClient | undefined;
  let schema: SetSchema.Params | undefined;

  const start = (): Promise<LanguageClient> => {
    starting ??= (async () => {
      const created = createKflClient(context);
      client = created;
      created.onNotification(Status.method, (params: Status.Params) => status.update(params));
      created.onDidChangeState(({ newState }) => {
        // Also after an automatic restart following a crash: the new process needs the schema again.
        if (newState === State.Running) {
          status.running();
          if (schema) void created.sendNotification(SetSchema.method, schema);
        } else if (newState === State.Stopped) {
          status.stopped('stopped');
        }
      });
      status.starting();
      try {
        await created.start();
      } catch (e) {
        starting = undefined;
        status.stopped(`failed to start: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
      return created;
    })();
    return starting;
  };

  // Lazily: the first KFL document (a file, an untitled editor or a notebook cell) starts the
  // server, or the first JavaScript file while agent-script linting is on.
  const needsServer = (document: vscode.TextDocument) =>
    document.languageId === 'kfl' ||
    (document.languageId === 'javascript' && document.uri.scheme === 'file' &&
      vscode.workspace.getConfiguration('kubeshark.agentScripts', document.uri).get<boolean>('enable', true));
  if (vscode.workspace.textDocuments.some(needsServer)) void start().catch(() => undefined);
  else {
    const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!needsServer(document)) return;
      waiting.dispose();
      void start().catch(() => undefined);
    });
    context.subscriptions.push(waiting);
  }

  context.subscriptions.push(
    status,
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      if (client && starting) await client.restart();
      else await start();
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => client?.outputChannel.show()),
    { dispose: () => void client?.dispose() },
  );

  return {
    async setSchema(next) {
      schema = next;
      if (client?.state === State.Running) await client.sendNotification(SetSchema.method, next);
    },
    async analyze(text) {
      const running = await start();
      return running.sendRequest(Analyze.method, { text } satisfies Analyze.Params);
    },
  };
}
