import { type Hover, MarkupKind, type Position } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAgentScript } from '../../agent-scripts/index';
import { rangeOf } from './lsp';
import { type ScriptContext } from './workspaceIndex';

/** `timeZone`: the zone cron runs are shown in (kubeshark.timeZone); undefined = the server's. */
export function hoverAgentScriptAt(document: TextDocument, position: Position, context: ScriptContext, timeZone: string | undefined): Hover | null {
  if (!context.isScript) return null;
  const found = hoverAgentScript(document.getText(), document.offsetAt(position), {
    ...(context.envNames ? { envNames: context.envNames } : {}),
    ...(timeZone ? { timeZone } : {}),
    cronTimeZone: context.settings.cronTimeZone || 'UTC',
  });
  return found ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: rangeOf(document, found.start, found.end) } : null;
}
