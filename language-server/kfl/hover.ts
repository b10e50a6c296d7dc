/** Hover: field docs and types, operator semantics, timestamps in local time with UTC beside them. */
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { hover, type ServiceOptions } from '../../kfl';
import { rangeOf } from './positions';

export function hoverKfl(document: TextDocument, position: Position, options: ServiceOptions): Hover | null {
  const found = hover(document.getText(), document.offsetAt(position), options);
  if (!found) return null;
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: rangeOf(document, found.start, found.end) };
}
