/**
 * Completion. The context comes from the tokens before the caret (they exist even when the text
 * does not parse) and the types from the analysis:
 * - inside a string: known values of the field it is compared with, or known keys of the map it
 *   indexes (schema values plus values the client pushed);
 * - after `.`: the object's fields, the map's keys, and the methods and macros of the receiver's
 *   type;
 * - after a complete operand: the operators that accept its type;
 * - elsewhere: macro variables in scope, quoted values when the other side of `==` is a field
 *   with known values, fields (protocol flags first), functions and `true`/`false`.
 */
import { type Expr, type Span, childrenOf, nodePathAt } from '../ast';
import { type CheckedAnalysis } from '../checked';
import { fits } from '../check/overloads';
import { BINARY_OPERATORS, FUNCTIONS, type FunctionDecl, MACROS } from '../functions';
import { type FieldInfo, type Schema } from '../schema';
import { quoteString } from '../syntax/quote';
import { OPERAND_END, type Token } from '../syntax/tokens';
import { type KflType, Types, formatType, isOpen } from '../types';
import { fieldMarkdown, functionMarkdown, macroMarkdown, signatureLabel } from './docs';
import { analysisOf, inComment, knownValues, tokenBefore } from './session';
import { type KflCompletionItem, type ServiceOptions } from './types';

const WORD_TOKENS: ReadonlySet<string> = new Set(['ident', 'in', 'true', 'false', 'null']);

export function complete(text: string, offset: number, options: ServiceOptions = {}): KflCompletionItem[] {
  const analysis = analysisOf(text, options);
  if (offset < 0 || offset > text.length || inComment(analysis, offset)) return [];
  const tokens = analysis.tokens;
  let index = tokenBefore(tokens, offset);
  const token = index >= 0 ? tokens[index] : undefined;
  if (token && (token.kind === 'string' || token.kind === 'bytes') && offset <= token.end) return stringItems(analysis, token, offset, options);
  let replace: Span | undefined;
  if (token && WORD_TOKENS.has(token.kind) && offset <= token.end) {
    replace = { start: token.start, end: token.end };
    index--;
  }
  const previous = index >= 0 ? tokens[index] : undefined;
  const withRange = (items: KflCompletionItem[]): KflCompletionItem[] => (replace ? items.map((item) => ({ ...item, replace })) : items);
  if (previous?.kind === '.') return withRange(memberItems(analysis, previous, options));
  if (previous && OPERAND_END.has(previous.kind)) return withRange(operatorItems(analysis, previous));
  return withRange(operandItems(analysis, offset, previous, options));
}

// ── after `.` ────────────────────────────────────────────────────────────────────────────

function memberItems(analysis: CheckedAnalysis, dot: Token, options: ServiceOptions): KflCompletionItem[] {
  const operand = operandBeforeDot(analysis, dot);
  if (!operand) return [];
  const type = analysis.typeOf(operand);
  const items: KflCompletionItem[] = [];
  if (type.kind === 'object') items.push(...analysis.schema.members(type.path).map((f) => fieldItem(f, '1')));
  if (type.kind === 'map') {
    const map = fieldOf(analysis, operand);
    const keys = map ? knownValues(map.path, map.keys, options) : [];
    items.push(...keys.filter((k) => /^[_a-zA-Z][_a-zA-Z0-9]*$/.test(k)).map((k): KflCompletionItem => ({ label: k, kind: 'key', detail: formatType(type.value), sortText: `1${k}` })));
  }
  if (type.kind !== 'object' && type.kind !== 'error') items.push(...methodItems(type, analysis.text.slice(operand.start, operand.end)));
  return items;
}

/** The receiver expression of the member access that the `.` token belongs to. */
function operandBeforeDot(analysis: CheckedAnalysis, dot: Token): Expr | undefined {
  const gap = (from: number, to: number): boolean => from <= to && analysis.text.slice(from, to).trim() === '';
  let found: Expr | undefined;
  const visit = (node: Expr): void => {
    const operand = node.kind === 'select' ? node.operand : node.kind === 'call' || node.kind === 'comprehension' ? node.target : undefined;
    const name = node.kind === 'select' ? node.field : node.kind === 'call' || node.kind === 'comprehension' ? node.function : undefined;
    if (operand && name && gap(operand.end, dot.start) && gap(dot.end, name.start)) found = operand;
    if (!found) childrenOf(node).forEach(visit);
  };
  if (analysis.ast) visit(analysis.ast);
  return found;
}

function methodItems(type: KflType, receiverText: string): KflCompletionItem[] {
  const items: KflCompletionItem[] = [];
  for (const decl of FUNCTIONS.values()) {
    const overloads = decl.overloads.filter((o) => o.receiver && (isOpen(type) || fits(o.receiver, type, new Map())));
    if (overloads.length === 0) continue;
    const params = overloads[0].params.map((_, i) => `\${${i + 1}:${decl.paramNames[i] ?? 'arg'}}`).join(', ');
    items.push({
      label: decl.name,
      kind: 'method',
      detail: signatureLabel(decl, overloads[0]).label,
      documentation: functionMarkdown(decl),
      insertText: `${decl.name}(${params})`,
      snippet: true,
      sortText: `${decl.status === 'documented' ? '2' : '4'}${decl.name}`,
    });
  }
  if (type.kind === 'list' || type.kind === 'map' || isOpen(type)) {
    const variable = variableFor(receiverText);
    for (const macro of MACROS.values()) {
      if (macro.name === 'has') continue;
      items.push({
        label: macro.name,
        kind: 'macro',
        detail: `${macro.name}(${macro.forms[0].join(', ')})`,
        documentation: macroMarkdown(macro),
        insertText: macro.snippet.replace('${1:x}', `\${1:${variable}}`),
        snippet: true,
        sortText: `3${macro.name === 'exists' ? '0' : '1'}${macro.name}`,
      });
    }
  }
  return items;
}

/** `q` for dns_questions, `h` for request.headers: the first letter of the collection's name. */
function variableFor(receiverText: string): string {
  return /[a-z]/.exec(receiverText.replace(/^.*\./, '').replace(/^dns_/, ''))?.[0] ?? 'x';
}

// ── after a complete operand ──────────────────────────────────────────────────────────────

function operatorItems(analysis: CheckedAnalysis, previous: Token): KflCompletionItem[] {
  const ending = nodesEndingAt(analysis, previous.end);
  const innermost = ending[ending.length - 1];
  if (!innermost) return [];
  const type = analysis.typeOf(innermost);
  const anyBool = ending.some((n) => analysis.typeOf(n) === Types.bool);
  const items: KflCompletionItem[] = [];
  for (const [op, decl] of BINARY_OPERATORS) {
    const logical = op === '&&' || op === '||';
    const applies = logical ? anyBool || isOpen(type) : isOpen(type) || decl.overloads.some((o) => fits(o.params[0], type, new Map()));
    if (!applies) continue;
    items.push({ label: op, kind: 'operator', detail: decl.doc.split('.')[0], documentation: decl.doc, insertText: `${op} `, sortText: `${logical ? '0' : '1'}${op}` });
  }
  if (anyBool) items.push({ label: '? :', kind: 'operator', detail: 'conditional', documentation: 'Conditional: `c ? a : b`; only the chosen branch is evaluated.', insertText: '? ${1} : ${2}', snippet: true, sortText: '2?' });
  return items;
}

/** Nodes that end exactly at `end`, outermost first. */
function nodesEndingAt(analysis: CheckedAnalysis, end: number): Expr[] {
  const out: Expr[] = [];
  const visit = (node: Expr): void => {
    if (node.start > end || node.end < end) return;
    if (node.end === end && node.kind !== 'missing') out.push(node);
    childrenOf(node).forEach(visit);
  };
  if (analysis.ast) visit(analysis.ast);
  return out;
}

// ── operand position ──────────────────────────────────────────────────────────────────────

function operandItems(analysis: CheckedAnalysis, offset: number, previous: Token | undefined, options: ServiceOptions): KflCompletionItem[] {
  const items: KflCompletionItem[] = [];
  for (const { name, type } of variablesInScope(analysis, offset)) items.push({ label: name, kind: 'variable', detail: formatType(type), sortText: `0${name}` });
  const compared = previous ? comparedField(analysis, previous) : undefined;
  if (compared) {
    for (const value of knownValues(compared.path, compared.values, options)) {
      items.push({ label: quoteString(value), kind: 'value', detail: compared.path, sortText: `1${value}` });
    }
  }
  items.push(...topLevelItems(analysis.schema));
  return items;
}

const topLevelCache = new WeakMap<Schema, readonly KflCompletionItem[]>();

/** Fields, functions, `has`, `true` and `false`: the same for every caret, so made once per schema. */
function topLevelItems(schema: Schema): readonly KflCompletionItem[] {
  const cached = topLevelCache.get(schema);
  if (cached) return cached;
  const items: KflCompletionItem[] = [];
  // Protocol flags in the spec's order (http, dns, tls, …), other fields alphabetically.
  schema.members('').forEach((field, i) => items.push(fieldItem(field, field.flag ? `2${String(i).padStart(4, '0')}` : '3')));
  for (const decl of FUNCTIONS.values()) {
    const overload = decl.overloads.find((o) => !o.receiver);
    if (overload) items.push(functionItem(decl, overload.params.length));
  }
  const has = MACROS.get('has')!;
  items.push({ label: 'has', kind: 'macro', detail: 'has(x.f)', documentation: macroMarkdown(has), insertText: has.snippet, snippet: true, sortText: '5has' });
  items.push({ label: 'true', kind: 'keyword', sortText: '6true' }, { label: 'false', kind: 'keyword', sortText: '6false' });
  const frozen = Object.freeze(items.map((item) => Object.freeze(item)));
  topLevelCache.set(schema, frozen);
  return frozen;
}

function fieldItem(field: FieldInfo, rank: string): KflCompletionItem {
  const kind = field.flag ? 'flag' : field.type.kind === 'object' ? 'object' : 'field';
  return { label: field.name, kind, detail: field.type.kind === 'object' ? 'object' : formatType(field.type), documentation: fieldMarkdown(field), sortText: `${rank}${field.name}` };
}

function functionItem(decl: FunctionDecl, arity: number): KflCompletionItem {
  const params = Array.from({ length: arity }, (_, i) => `\${${i + 1}:${decl.paramNames[i] ?? 'arg'}}`);
  // timestamp("…") and duration("…") take text: put the caret inside the quotes.
  const insertText = decl.name === 'timestamp' ? 'timestamp("${1:2026-03-14T17:00:00Z}")' : decl.name === 'duration' ? 'duration("${1:5m}")' : `${decl.name}(${params.join(', ')})`;
  return { label: decl.name, kind: 'function', detail: signatureLabel(decl, decl.overloads.find((o) => !o.receiver)!).label, documentation: functionMarkdown(decl), insertText, snippet: true, sortText: `${decl.status === 'documented' ? '4' : '7'}${decl.name}` };
}

/** Macro variables visible at the caret, innermost first. */
function variablesInScope(analysis: CheckedAnalysis, offset: number): { name: string; type: KflType }[] {
  if (!analysis.ast) return [];
  const scopes: { name: string; type: KflType }[] = [];
  for (const node of nodePathAt(analysis.ast, offset)) {
    if (node.kind !== 'comprehension' || offset <= node.variable.end) continue;
    const target = analysis.typeOf(node.target);
    scopes.push({ name: node.variable.name, type: target.kind === 'list' ? target.element : target.kind === 'map' ? target.key : Types.dyn });
  }
  return scopes.reverse();
}

/** `method == |`, `method in [|`: the field on the other side of the comparison just typed. */
function comparedField(analysis: CheckedAnalysis, previous: Token): FieldInfo | undefined {
  if (!analysis.ast) return undefined;
  let found: FieldInfo | undefined;
  const visit = (node: Expr): void => {
    if (found) return;
    if (node.kind === 'binary' && (node.op === '==' || node.op === '!=') && node.opSpan.start === previous.start) found = valuedField(analysis, node.left);
    else if (node.kind === 'binary' && node.op === 'in' && node.right.kind === 'list' && node.right.start <= previous.start && previous.end <= node.right.end) found = valuedField(analysis, node.left);
    childrenOf(node).forEach(visit);
  };
  visit(analysis.ast);
  return found;
}

// ── inside a string ───────────────────────────────────────────────────────────────────────

function stringItems(analysis: CheckedAnalysis, token: Token, offset: number, options: ServiceOptions): KflCompletionItem[] {
  const opening = /^[rRbB]{0,2}("""|'''|"|')/.exec(analysis.text.slice(token.start, token.end));
  if (!opening) return [];
  const quote = opening[1];
  const contentStart = token.start + opening[0].length;
  const closed = token.end - contentStart >= quote.length && analysis.text.slice(token.end - quote.length, token.end) === quote;
  const contentEnd = closed ? token.end - quote.length : token.end;
  if (offset < contentStart || offset > contentEnd) return [];
  const literal = literalAt(analysis, token);
  const context = literal ? stringContext(analysis, literal) : undefined;
  if (!context) return [];
  const escape = (value: string): string => (quote.startsWith('"') ? quoteString(value).slice(1, -1) : value.replace(/\\/g, '\\\\').replace(/'/g, "\\'"));
  const values = knownValues(context.field.path, context.kind === 'key' ? context.field.keys : context.field.values, options);
  return values.map((value) => ({ label: value, kind: context.kind, detail: context.field.path, insertText: escape(value), replace: { start: contentStart, end: contentEnd } }));
}

function literalAt(analysis: CheckedAnalysis, token: Token): Expr | undefined {
  if (!analysis.ast) return undefined;
  const path = nodePathAt(analysis.ast, token.start + 1);
  const node = path[path.length - 1];
  return node?.kind === 'literal' && node.start === token.start ? node : undefined;
}

/** Which field's values (or map keys) a string literal stands for, from where it sits. */
function stringContext(analysis: CheckedAnalysis, literal: Expr): { kind: 'value' | 'key'; field: FieldInfo } | undefined {
  const parent = analysis.parentOf(literal);
  const key = (map: Expr): { kind: 'key'; field: FieldInfo } | undefined => {
    const field = fieldOf(analysis, map);
    return field ? { kind: 'key', field } : undefined;
  };
  const value = (other: Expr): { kind: 'value'; field: FieldInfo } | undefined => {
    const field = valuedField(analysis, other);
    return field ? { kind: 'value', field } : undefined;
  };
  if (!parent) return undefined;
  if (parent.kind === 'index' && parent.index === literal) return key(parent.operand);
  if (parent.kind === 'call' && parent.function.name === 'map_get' && parent.args[1] === literal) return key(parent.args[0]);
  if (parent.kind === 'binary' && parent.op === 'in' && parent.left === literal) {
    return analysis.typeOf(parent.right).kind === 'map' ? key(parent.right) : value(parent.right);
  }
  if (parent.kind === 'binary' && (parent.op === '==' || parent.op === '!=')) return value(parent.left === literal ? parent.right : parent.left);
  const grandparent = parent.kind === 'list' ? analysis.parentOf(parent) : undefined;
  if (grandparent?.kind === 'binary' && grandparent.op === 'in' && grandparent.right === parent) return value(grandparent.left);
  return undefined;
}

function fieldOf(analysis: CheckedAnalysis, node: Expr): FieldInfo | undefined {
  const reference = node.kind === 'ident' || node.kind === 'select' ? analysis.referenceOf(node) : undefined;
  return reference?.kind === 'field' ? reference.field : undefined;
}

/** The field whose values a node takes: a field itself, or a macro variable over a list field. */
function valuedField(analysis: CheckedAnalysis, node: Expr): FieldInfo | undefined {
  const reference = node.kind === 'ident' || node.kind === 'select' ? analysis.referenceOf(node) : undefined;
  if (reference?.kind === 'field') return reference.field;
  if (reference?.kind === 'variable') return fieldOf(analysis, reference.binder.target);
  return undefined;
}
