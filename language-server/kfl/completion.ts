/** Completion: kfl's items (fields, methods by receiver type, macros as snippets, operators, values) as LSP items. */
import { type CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, type Position } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { complete, type KflCompletionItem, type KflCompletionKind, type ServiceOptions } from '../../kfl';
import { rangeOf } from './positions';

/** `.` members, quotes and `[` values and map keys. */
export const COMPLETION_TRIGGERS = ['.', '"', "'", '['] as const;

const KIND: Readonly<Record<KflCompletionKind, CompletionItemKind>> = {
  field: CompletionItemKind.Field,
  flag: CompletionItemKind.EnumMember,
  object: CompletionItemKind.Module,
  method: CompletionItemKind.Method,
  function: CompletionItemKind.Function,
  macro: CompletionItemKind.Snippet,
  variable: CompletionItemKind.Variable,
  operator: CompletionItemKind.Operator,
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.Value,
  key: CompletionItemKind.Property,
};

export function completeKfl(document: TextDocument, position: Position, options: ServiceOptions): CompletionItem[] {
  return complete(document.getText(), document.offsetAt(position), options).map((item) => toLspItem(document, item));
}

function toLspItem(document: TextDocument, item: KflCompletionItem): CompletionItem {
  const newText = item.insertText ?? item.label;
  const lsp: CompletionItem = {
    label: item.label,
    kind: KIND[item.kind],
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (item.replace) lsp.textEdit = { range: rangeOf(document, item.replace.start, item.replace.end), newText };
  else lsp.insertText = newText;
  if (item.detail !== undefined) lsp.detail = item.detail;
  if (item.documentation !== undefined) lsp.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  if (item.sortText !== undefined) lsp.sortText = item.sortText;
  return lsp;
}
