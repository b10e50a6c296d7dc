/**
 * The server's one semantic-token legend: every standard LSP token type and modifier, so that any
 * feature can use them by name without coordinating indices with the others.
 */
import { SemanticTokenModifiers, SemanticTokenTypes, type SemanticTokensLegend } from 'vscode-languageserver/node';

export const LEGEND: SemanticTokensLegend = {
  tokenTypes: Object.values(SemanticTokenTypes),
  tokenModifiers: Object.values(SemanticTokenModifiers),
};

export interface SemanticTokensLegendMap {
  /** Index of a token type in the legend, or undefined for a type the legend lacks. */
  typeIndex(type: string): number | undefined;
  /** Bit set of modifiers; unknown ones are left out. */
  modifierBits(modifiers: readonly string[]): number;
}

export function legendMap(legend: SemanticTokensLegend = LEGEND): SemanticTokensLegendMap {
  const types = new Map(legend.tokenTypes.map((t, i) => [t, i]));
  const modifiers = new Map(legend.tokenModifiers.map((m, i) => [m, 1 << i]));
  return {
    typeIndex: (type) => types.get(type),
    modifierBits: (names) => names.reduce((bits, name) => bits | (modifiers.get(name) ?? 0), 0),
  };
}
