/** Formatting: kfl's canonical layout (comments kept, idempotent) as one edit over the document. */
import { type TextEdit } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { format, type ServiceOptions } from '../../kfl';
import { rangeOf } from './positions';

export function formatKfl(document: TextDocument, options: ServiceOptions): TextEdit[] {
  const text = document.getText();
  const formatted = format(text, options);
  return formatted === text ? [] : [{ range: rangeOf(document, 0, text.length), newText: formatted }];
}
