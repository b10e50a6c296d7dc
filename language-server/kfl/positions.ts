/** kfl/ speaks UTF-16 offsets; LSP speaks line/character (UTF-16 too). TextDocument converts. */
import { type Range, type TextEdit } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type KflTextEdit } from '../../kfl';

export function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function textEditsOf(document: TextDocument, edits: readonly KflTextEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: rangeOf(document, e.start, e.end), newText: e.newText }));
}
