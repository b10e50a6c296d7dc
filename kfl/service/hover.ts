/**
 * Hover: field documentation and types, function and macro signatures, operator semantics (`==`
 * compares exactly, `matches` searches a pattern), and literals made readable — a
 * `timestamp("…")` as local time with UTC beside it, a duration in plain units, an
 * `elapsed_time` bound in seconds.
 */
import { type CallExpr, type Expr, type Span, nodePathAt } from '../ast';
import { type CheckedAnalysis } from '../checked';
import { parseDuration, parseTimestamp } from '../eval/time';
import { BINARY_OPERATORS, FUNCTIONS, INDEX_OPERATOR, MACROS, UNARY_OPERATORS } from '../functions';
import { formatLocalWithUtc } from '../localTime';
import { type KflType, formatType } from '../types';
import { fieldMarkdown, functionMarkdown, macroMarkdown, operatorMarkdown } from './docs';
import { analysisOf, inComment } from './session';
import { type KflHover, type ServiceOptions } from './types';

export function hover(text: string, offset: number, options: ServiceOptions = {}): KflHover | undefined {
  const analysis = analysisOf(text, options);
  if (!analysis.ast || inComment(analysis, offset)) return undefined;
  const path = nodePathAt(analysis.ast, offset);
  for (let i = path.length - 1; i >= 0; i--) {
    const result = hoverOn(path[i], offset, analysis, options);
    if (result) return result;
  }
  return undefined;
}

const within = (span: Span, offset: number): boolean => span.start <= offset && offset <= span.end && span.end > span.start;
const at = (span: Span, markdown: string): KflHover => ({ start: span.start, end: span.end, markdown });

function hoverOn(node: Expr, offset: number, analysis: CheckedAnalysis, options: ServiceOptions): KflHover | undefined {
  switch (node.kind) {
    case 'ident':
    case 'select': {
      const span = node.kind === 'select' ? node.field : node;
      if (!within(span, offset)) return undefined;
      const reference = analysis.referenceOf(node);
      if (reference?.kind === 'field') return at(span, fieldMarkdown(reference.field));
      if (reference?.kind === 'variable') return at(span, variableMarkdown(reference.name, reference.binder.macro, analysis.typeOf(node), analysis.text.slice(reference.binder.target.start, reference.binder.target.end)));
      if (reference?.kind === 'type') return at(span, `Type name \`${reference.name}\` · \`type\`\n\nThe type as a value (standard CEL), e.g. \`type(x) == ${reference.name}\`.`);
      if (reference?.kind === 'map-key' && node.kind === 'select') {
        const map = analysis.text.slice(node.operand.start, node.operand.end);
        return at(span, `Key \`${reference.key}\` of \`${map}\` · \`${formatType(analysis.typeOf(node))}\`\n\nThe same as \`${map}["${reference.key}"]\`: a missing key is an evaluation error (the entry does not match). \`map_get\` and \`"key" in map\` are safe.`);
      }
      return undefined;
    }
    case 'call': {
      if (!within(node.function, offset)) return undefined;
      const decl = FUNCTIONS.get(node.function.name);
      if (!decl) return undefined;
      const literal = literalNote(node.args[0], analysis, options);
      return at(node.function, functionMarkdown(decl, analysis.overloadOf(node)) + (literal ? `\n\n${literal}` : ''));
    }
    case 'has':
    case 'comprehension': {
      const macro = MACROS.get(node.kind === 'has' ? 'has' : node.macro)!;
      if (within(node.function, offset)) return at(node.function, macroMarkdown(macro));
      if (node.kind === 'comprehension' && within(node.variable, offset)) {
        const element = analysis.typeOf(node.target);
        const type = element.kind === 'list' ? element.element : element.kind === 'map' ? element.key : element;
        return at(node.variable, variableMarkdown(node.variable.name, node.macro, type, analysis.text.slice(node.target.start, node.target.end)));
      }
      return undefined;
    }
    case 'binary':
    case 'unary': {
      if (!within(node.opSpan, offset)) return undefined;
      const decl = node.kind === 'binary' ? BINARY_OPERATORS.get(node.op)! : UNARY_OPERATORS.get(node.op)!;
      const operands = node.kind === 'binary' ? [node.left, node.right] : [node.operand];
      return at(node.opSpan, operatorMarkdown(decl, typedOperands(analysis, node, operands)));
    }
    case 'index': {
      const brackets = { start: node.open, end: node.open + 1 };
      return within(brackets, offset) ? at(brackets, operatorMarkdown(INDEX_OPERATOR, typedOperands(analysis, node, [node.operand, node.index]))) : undefined;
    }
    case 'literal': {
      const note = literalNote(node, analysis, options);
      return at(node, note ?? `\`${formatType(analysis.typeOf(node))}\` literal`);
    }
    default:
      return undefined;
  }
}

/** The operand and result types when the operator type-checked, for the one form that applies. */
function typedOperands(analysis: CheckedAnalysis, node: Expr, operands: readonly Expr[]): { types: KflType[]; result: KflType } | undefined {
  const types = operands.map((o) => analysis.typeOf(o));
  const result = analysis.typeOf(node);
  return [...types, result].some((t) => t.kind === 'error') ? undefined : { types, result };
}

function variableMarkdown(name: string, macro: string, type: ReturnType<CheckedAnalysis['typeOf']>, target: string): string {
  return `Macro variable \`${name}\` · \`${formatType(type)}\`\n\nBound by \`${macro}\` to each element (for a map: each key) of \`${target}\`; visible only inside the macro.`;
}

/** A readable form of a timestamp/duration literal argument, or of a number compared with `elapsed_time`. */
function literalNote(node: Expr | undefined, analysis: CheckedAnalysis, options: ServiceOptions): string | undefined {
  if (node?.kind !== 'literal') return undefined;
  const parent = analysis.parentOf(node);
  const value = node.literal;
  if (value.type === 'string' && parent?.kind === 'call' && parent.args[0] === node) return timeLiteralNote(parent, value.value, options);
  if (value.type === 'int' && parent?.kind === 'binary' && comparesElapsedTime(parent.left === node ? parent.right : parent.left, analysis)) {
    return `${value.value} µs = ${humanSeconds(Number(value.value) / 1e6)} (\`elapsed_time\` is in microseconds)`;
  }
  return undefined;
}

function timeLiteralNote(call: CallExpr, text: string, options: ServiceOptions): string | undefined {
  if (call.function.name === 'timestamp') {
    const parsed = parseTimestamp(text);
    return parsed.ok ? `\`${text}\` = ${formatLocalWithUtc(parsed.value.seconds * 1000 + Math.floor(parsed.value.nanos / 1e6), options.timeZone)}` : undefined;
  }
  if (call.function.name === 'duration') {
    const parsed = parseDuration(text);
    return parsed.ok ? `\`${text}\` = ${humanSeconds(Number(parsed.value.nanos) / 1e9)}` : undefined;
  }
  return undefined;
}

function comparesElapsedTime(other: Expr, analysis: CheckedAnalysis): boolean {
  const reference = other.kind === 'ident' ? analysis.referenceOf(other) : undefined;
  return reference?.kind === 'field' && reference.field.path === 'elapsed_time';
}

/** `5 s`, `250 ms`, `1.5 h`. */
function humanSeconds(seconds: number): string {
  const abs = Math.abs(seconds);
  const round = (n: number): string => String(Math.round(n * 1000) / 1000);
  if (abs >= 3600) return `${round(seconds / 3600)} h`;
  if (abs >= 60) return `${round(seconds / 60)} min`;
  if (abs >= 1 || abs === 0) return `${round(seconds)} s`;
  if (abs >= 1e-3) return `${round(seconds * 1e3)} ms`;
  return `${round(seconds * 1e6)} µs`;
}

