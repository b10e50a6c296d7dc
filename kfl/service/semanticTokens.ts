/**
 * Semantic tokens: what each name is (schema field, macro variable, function, method, macro),
 * the pattern of `matches` as a regexp, and comments, literals, keywords and operators. Tokens
 * never span lines (a triple-quoted string is cut at its line breaks).
 */
import { type Expr, childrenOf } from '../ast';
import { type CheckedAnalysis } from '../checked';
import { type TokenKind } from '../syntax/tokens';
import { analysisOf } from './session';
import { type KflSemanticToken, type KflTokenType, type ServiceOptions } from './types';

const OPERATORS: ReadonlySet<TokenKind> = new Set<TokenKind>(['==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', '+', '-', '*', '/', '%', '?', ':']);

export function semanticTokens(text: string, options: ServiceOptions = {}): KflSemanticToken[] {
  const analysis = analysisOf(text, options);
  const names = classifyNames(analysis);
  const out: KflSemanticToken[] = [];
  const push = (start: number, end: number, type: KflTokenType, modifiers: string[] = []): void => {
    // One token per line: clients need not support multi-line tokens.
    let from = start;
    for (let i = start; i <= end; i++) {
      if (i === end || text[i] === '\n' || text[i] === '\r') {
        if (i > from) out.push({ start: from, length: i - from, type, modifiers });
        from = i + 1;
      }
    }
  };
  const comments = [...analysis.comments];
  for (const token of analysis.tokens) {
    while (comments.length > 0 && comments[0].start < token.start) {
      const comment = comments.shift()!;
      push(comment.start, comment.end, 'comment');
    }
    switch (token.kind) {
      case 'string':
      case 'bytes':
        push(token.start, token.end, names.get(token.start)?.type ?? 'string');
        break;
      case 'int':
      case 'uint':
      case 'double':
        push(token.start, token.end, 'number');
        break;
      case 'true':
      case 'false':
      case 'null':
      case 'in':
        push(token.start, token.end, 'keyword');
        break;
      case 'ident':
      case 'quoted-ident': {
        const name = names.get(token.start);
        if (name) push(token.start, token.end, name.type, name.modifiers);
        else if (/^(and|or|not)$/.test(text.slice(token.start, token.end))) push(token.start, token.end, 'keyword');
        break;
      }
      default:
        if (OPERATORS.has(token.kind)) push(token.start, token.end, 'operator');
    }
  }
  return out;
}

/** Classification of each name (and `matches` pattern) in the tree, keyed by its start offset. */
function classifyNames(analysis: CheckedAnalysis): Map<number, { type: KflTokenType; modifiers: string[] }> {
  const names = new Map<number, { type: KflTokenType; modifiers: string[] }>();
  const reference = (node: Expr): { type: KflTokenType; modifiers: string[] } => {
    const ref = node.kind === 'ident' || node.kind === 'select' ? analysis.referenceOf(node) : undefined;
    if (ref?.kind === 'variable') return { type: 'parameter', modifiers: [] };
    if (ref?.kind === 'field') return { type: ref.field.type.kind === 'object' ? 'namespace' : 'property', modifiers: ['readonly'] };
    if (ref?.kind === 'type') return { type: 'variable', modifiers: ['readonly', 'defaultLibrary'] };
    return { type: ref?.kind === 'map-key' ? 'property' : 'variable', modifiers: [] };
  };
  const visit = (node: Expr): void => {
    switch (node.kind) {
      case 'ident':
        names.set(node.start, reference(node));
        break;
      case 'select':
        names.set(node.field.start, reference(node));
        break;
      case 'call': {
        const overload = analysis.overloadOf(node);
        names.set(node.function.start, { type: node.target ? 'method' : 'function', modifiers: overload ? ['defaultLibrary'] : [] });
        if (overload?.id === 'matches_string' || overload?.id === 'matches') {
          const pattern = overload.id === 'matches' ? node.args[1] : node.args[0];
          if (pattern?.kind === 'literal') names.set(pattern.start, { type: 'regexp', modifiers: [] });
        }
        break;
      }
      case 'has':
        names.set(node.function.start, { type: 'macro', modifiers: ['defaultLibrary'] });
        break;
      case 'comprehension':
        names.set(node.function.start, { type: 'macro', modifiers: ['defaultLibrary'] });
        names.set(node.variable.start, { type: 'parameter', modifiers: ['declaration'] });
        break;
      default:
        break;
    }
    childrenOf(node).forEach(visit);
  };
  if (analysis.ast) visit(analysis.ast);
  return names;
}
