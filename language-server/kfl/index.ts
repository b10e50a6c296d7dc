/**
 * The KFL feature: `kfl` documents in any scheme (`file`, `untitled`, `vscode-notebook-cell` —
 * URIs are used exactly as the client sends them, cell fragments included). Each request maps to
 * a pure kfl/ service; the live schema comes from `kfl/setSchema`.
 */
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { Analyze, SetSchema } from '../../protocol/kflLsp';
import { type FeatureFactory } from '../feature';
import { analyzeFilter } from './analyzeRequest';
import { diagnoseKfl } from './diagnostics';
import { LiveSchema } from './liveSchema';

export const KFL_LANGUAGE_ID = 'kfl';

export const createKflFeature: FeatureFactory = (context) => {
  const live = new LiveSchema();
  context.connection.onNotification(SetSchema.method, (params: SetSchema.Params) => {
    live.set(params);
    context.refreshDiagnostics();
  });
  context.connection.onRequest(Analyze.method, (params: Analyze.Params) => analyzeFilter(live, params));

  return {
    name: 'kfl',
    handles: (document: TextDocument) => document.languageId === KFL_LANGUAGE_ID,
    diagnose: (document) => diagnoseKfl(context, live, document),
  };
};
