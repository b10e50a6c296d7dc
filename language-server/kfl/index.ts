/**
 * The KFL feature: `kfl` documents in any scheme (`file`, `untitled`, `vscode-notebook-cell` —
 * URIs are used exactly as the client sends them, cell fragments included). Each request maps to
 * a pure kfl/ service; the live schema comes from `kfl/setSchema`.
 */
import { CodeActionKind } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { Analyze, SetSchema } from '../../protocol/kflLsp';
import { type FeatureFactory } from '../feature';
import { analyzeFilter } from './analyzeRequest';
import { codeActionsKfl } from './codeActions';
import { COMPLETION_TRIGGERS, completeKfl } from './completion';
import { diagnoseKfl } from './diagnostics';
import { formatKfl } from './formatting';
import { hoverKfl } from './hover';
import { LiveSchema } from './liveSchema';
import { semanticTokensKfl } from './semanticTokens';
import { serviceOptionsFor } from './serviceOptions';
import { DEFAULT_SETTINGS, SECTION } from './settings';
import { SIGNATURE_TRIGGERS, signatureHelpKfl } from './signatureHelp';

export const KFL_LANGUAGE_ID = 'kfl';

export const createKflFeature: FeatureFactory = (context) => {
  const live = new LiveSchema();
  context.connection.onNotification(SetSchema.method, (params: SetSchema.Params) => {
    live.set(params);
    context.refreshDiagnostics();
  });
  context.connection.onRequest(Analyze.method, (params: Analyze.Params) => analyzeFilter(live, params));
  const options = (document: TextDocument) => serviceOptionsFor(context, live, document.uri);

  return {
    name: 'kfl',
    handles: (document) => document.languageId === KFL_LANGUAGE_ID,
    completionTriggerCharacters: COMPLETION_TRIGGERS,
    signatureTriggerCharacters: SIGNATURE_TRIGGERS,
    codeActionKinds: [CodeActionKind.QuickFix],
    diagnose: (document) => diagnoseKfl(context, live, document),
    complete: async (document, position) => completeKfl(document, position, await options(document)),
    hover: async (document, position) => hoverKfl(document, position, await options(document)),
    signatureHelp: async (document, position) => signatureHelpKfl(document, position, await options(document)),
    semanticTokens: async (document) => semanticTokensKfl(document, context.legend, await options(document)),
    format: async (document) => formatKfl(document, await options(document)),
    codeActions: async (document, range, actionContext) => {
      const settings = await context.settings.get(document.uri, SECTION, DEFAULT_SETTINGS);
      return settings.validate ? codeActionsKfl(document, range, actionContext, await options(document)) : [];
    },
  };
};
