/**
 * KFL filters for queries: compiled by kfl/ (the same checker as the language server), rejected
 * with 400 KFL_SYNTAX / KFL_TYPE and the first error's position (hub-api.md §2.3), and bound to a
 * store through a projection of just the fields the filter reads.
 */
import { compile, type EvalOutcome, type KflDiagnostic, lineColumnOf, messageOf } from '../../../kfl/index';
import { HubError } from '../../server/errors';
import { type CallStore } from '../store/callStore';
import { EntryKind } from '../store/entryKind';
import { projector, shapeOf } from './kflRecord';
import { RowView } from './rowView';

const SYNTAX_CODES = new Set([
  'kfl/invalid-char', 'kfl/unterminated-string', 'kfl/bad-escape', 'kfl/bad-number', 'kfl/unexpected-token', 'kfl/unexpected-end',
  'kfl/unbalanced', 'kfl/reserved-word', 'kfl/limits', 'kfl/v1-syntax',
]);

export interface RowFilter {
  /** true / false, or an evaluation error (the row does not match; counted as eval_errors). */
  evaluate(row: number): EvalOutcome;
  /** The filter matches every row of an allowed kind (empty text): no evaluation needed. */
  readonly all: boolean;
  /** By entry kind: can a row of this kind match at all? (a cheap test before evaluating) */
  readonly kindAllowed: (kind: EntryKind) => boolean;
}

/** Compiles `text` for `store`; throws HubError KFL_SYNTAX / KFL_TYPE on an error-level diagnostic. */
export function compileFilter(text: string, store: CallStore, now = Date.now()): RowFilter {
  const result = compile(text, { now });
  if (!result.ok) throw kflError(text, result.diagnostics);
  if (text.trim() === '' || /^(\s|\/\/[^\n]*(\n|$))*$/.test(text)) return { all: true, evaluate: () => true, kindAllowed: isApiCallKind };
  const view = new RowView(store);
  const shape = shapeOf(text);
  const project = projector(view, shape.names);
  const evaluate = result.evaluate;
  const kinds = shape.kinds;
  const asksForL4 = [...shape.names].some((name) => L4_NAME.test(name));
  const byShape = kinds === null ? (): boolean => true : (kind: EntryKind): boolean => kinds.has(kind);
  return { all: false, evaluate: (row) => evaluate(project(row)), kindAllowed: asksForL4 ? byShape : (kind) => isApiCallKind(kind) && byShape(kind) };
}

/**
 * Connection and flow records are L4 bookkeeping, not API calls: a query lists them only when its
 * filter names an L4 flag or field (`conn && conn_state == "open"`), so the empty filter and
 * `src.ip == "…"` list calls, as a person reading "API calls" expects.
 */
const L4_NAME = /^(conn|flow|tcp_conn|udp_conn|tcp_flow|udp_flow)$|^(conn|flow)_/;

function isApiCallKind(kind: EntryKind): boolean {
  return kind !== EntryKind.Conn && kind !== EntryKind.Flow;
}

export function kflError(text: string, diagnostics: readonly KflDiagnostic[]): HubError {
  const d = diagnostics.find((x) => x.severity === 'error') ?? diagnostics[0];
  if (!d) return new HubError('KFL_SYNTAX', 'invalid KFL filter');
  const { line, column } = lineColumnOf(text, d.start);
  const code = SYNTAX_CODES.has(d.code) ? 'KFL_SYNTAX' : 'KFL_TYPE';
  return new HubError(code, `${d.code} at line ${line}, column ${column}: ${messageOf(d)}`, {
    offset: d.start, line, column, length: Math.max(0, d.end - d.start), diagnostic: d.code,
  });
}
