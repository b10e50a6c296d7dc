/**
 * Semantic tokens on top of the TextMate grammar: what only the checker knows (a schema field vs a
 * macro variable vs a map key, built-in vs unknown functions). kfl's tokens never span lines, so
 * each maps to one LSP token.
 */
import { type SemanticTokens, SemanticTokensBuilder } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { semanticTokens, type ServiceOptions } from '../../kfl';
import { type SemanticTokensLegendMap } from '../semanticTokensLegend';

export function semanticTokensKfl(document: TextDocument, legend: SemanticTokensLegendMap, options: ServiceOptions): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const token of semanticTokens(document.getText(), options)) {
    const type = legend.typeIndex(token.type);
    if (type === undefined) continue;
    const start = document.positionAt(token.start);
    builder.push(start.line, start.character, token.length, type, legend.modifierBits(token.modifiers));
  }
  return builder.build();
}
