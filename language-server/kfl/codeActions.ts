/**
 * Code actions: the quick fixes kfl attaches to each diagnostic in the range (keyed on the code,
 * spec §11), and "Convert to KFL2", which applies every v1 fix of the filter at once. Both are
 * quick fixes, so they show in the light bulb next to the problem.
 */
import { type CodeAction, type CodeActionContext, CodeActionKind, type Range } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, type ServiceOptions } from '../../kfl';
import { toLspDiagnostic } from './diagnostics';
import { textEditsOf } from './positions';

export function codeActionsKfl(document: TextDocument, range: Range, context: CodeActionContext, options: ServiceOptions): CodeAction[] {
  // Only quick fixes here: a client asking for other kinds (source, refactor) gets none.
  if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const text = document.getText();
  const v1 = context.diagnostics.filter((d) => d.code === 'kfl/v1-syntax');
  return codeActions(text, document.offsetAt(range.start), document.offsetAt(range.end), options).map((action): CodeAction => ({
    title: action.title,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [document.uri]: textEditsOf(document, action.edits) } },
    ...(action.preferred ? { isPreferred: true } : {}),
    ...(action.diagnostic ? { diagnostics: [toLspDiagnostic(document, action.diagnostic)] } : v1.length > 0 ? { diagnostics: v1 } : {}),
  }));
}
