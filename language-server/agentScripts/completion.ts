import { type CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, type Position } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type AgentCompletionItem, completeAgentScript, type CompletionKind } from '../../agent-scripts/index';
import { rangeOf } from './lsp';
import { type ScriptContext } from './workspaceIndex';

/** Characters that open completion: members (`vendor.`, `env.`, `data.`). */
export const COMPLETION_TRIGGERS = ['.'];

const KIND: Readonly<Record<CompletionKind, CompletionItemKind>> = {
  hook: CompletionItemKind.Snippet,
  helper: CompletionItemKind.Method,
  namespace: CompletionItemKind.Module,
  env: CompletionItemKind.Constant,
  field: CompletionItemKind.Field,
};

export function completeAgentScriptAt(document: TextDocument, position: Position, context: ScriptContext): CompletionItem[] {
  if (!context.isScript) return [];
  const items = completeAgentScript(document.getText(), document.offsetAt(position), context.envNames ? { envNames: context.envNames } : {});
  return items.map((item: AgentCompletionItem): CompletionItem => ({
    label: item.label,
    kind: KIND[item.kind],
    detail: item.detail,
    documentation: { kind: MarkupKind.Markdown, value: item.documentation },
    textEdit: { range: rangeOf(document, item.start, item.end), newText: item.insertText },
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Hooks first at the top level; the rest alphabetically.
    sortText: `${item.kind === 'hook' ? 0 : 1}${item.label}`,
  }));
}
