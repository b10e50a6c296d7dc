import { type Diagnostic } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type Finding, lintScript } from '../../agent-scripts/index';
import { toLspDiagnostic } from './lsp';
import { type ScriptContext } from './workspaceIndex';

/** The findings of an agent script in its workspace context (none for other JavaScript). */
export function lintInContext(document: TextDocument, context: ScriptContext): Finding[] {
  if (!context.isScript) return [];
  return lintScript(document.getText(), { path: context.path, envNames: context.envNames, workspace: context.workspace });
}

export function diagnoseAgentScript(document: TextDocument, context: ScriptContext): Diagnostic[] {
  return lintInContext(document, context).map((f) => toLspDiagnostic(document, f));
}
