/**
 * Warnings, infos and hints over the typed tree (spec §10–§11): map access that can error
 * (`kfl/unsafe-index`, with the conjunction guard rule), header-key case, semantics the Hub has
 * not confirmed, identity fields with a preferred form, and a protocol flag that should lead its
 * conjunction.
 */
import { type BinaryExpr, type Expr, type IdentExpr, type IndexExpr, type SelectExpr, forEachChild } from '../ast';
import { type DiagnosticSink, type KflFix, replaceFix } from '../diagnostics';
import { type FieldInfo, type Schema } from '../schema';
import { quoteString } from '../syntax/quote';
import { type KflType, Types, defaultValueText } from '../types';
import { type CheckFacts } from './checker';
import { conjuncts, guardingTerms, sameExpr } from './tree';

/** Wire numbering of Kafka API keys (the Local engine's choice, spec §10). */
const KAFKA_KEY_NAMES: ReadonlyMap<bigint, string> = new Map([[0n, 'PRODUCE'], [1n, 'FETCH']]);
const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
const IDENTITY_FIELDS: ReadonlyMap<string, string> = new Map([['src.namespace', 'src.pod.namespace'], ['dst.namespace', 'dst.pod.namespace']]);

export function lint(text: string, root: Expr, facts: CheckFacts, schema: Schema, sink: DiagnosticSink): void {
  new Linter(text, facts, schema, sink).visit(root);
}

function visitChild(child: Expr, linter: Linter): void {
  linter.visit(child);
}

class Linter {
  constructor(private readonly _text: string, private readonly _facts: CheckFacts, private readonly _schema: Schema, private readonly _sink: DiagnosticSink) {}

  visit(node: Expr): void {
    switch (node.kind) {
      case 'index':
        this._index(node);
        break;
      case 'select':
        this._select(node);
        break;
      case 'ident':
        this._ident(node);
        break;
      case 'binary':
        this._binary(node);
        break;
      case 'call':
        if (this._facts.overloads[node.id]?.id === 'map_get') this._headerKey(node.args[0], node.args[1]);
        break;
      default:
        break;
    }
    forEachChild(node, visitChild, this);
  }

  private _index(node: IndexExpr): void {
    const key = node.index.kind === 'literal' && node.index.literal.type === 'string' ? node.index.literal.value : undefined;
    if (key === undefined || this._type(node.operand).kind !== 'map') return;
    const lowered = this._headerKey(node.operand, node.index);
    this._unsafeIndex(node, node.operand, key, lowered ?? key);
  }

  private _select(node: SelectExpr): void {
    const reference = this._facts.references[node.id];
    if (reference?.kind === 'field') {
      const preferred = IDENTITY_FIELDS.get(reference.field.path);
      if (preferred) this._sink.report('kfl/identity-hint', node, { reason: 'namespace', field: reference.field.path, preferred }, [replaceFix(`Use \`${preferred}\``, node, preferred, true)]);
      return;
    }
    if (reference?.kind !== 'map-key') return;
    const map = this._field(node.operand);
    const parent = this._facts.parents[node.id];
    const inHas = parent?.kind === 'has';
    if (map?.lowerCaseKeys && /[A-Z]/.test(node.field.name)) {
      const lower = node.field.name.toLowerCase();
      this._sink.report('kfl/header-case', node.field, { key: quoteString(node.field.name), lower: quoteString(lower) }, [replaceFix(`Change to \`${lower}\``, node.field, lower, true)]);
    }
    const flat = map ? this._schema.field(`${map.path}_${node.field.name}`) : undefined;
    if (flat && !inHas) this._sink.report('kfl/identity-hint', node, { reason: 'prefer-field', preferred: flat.path }, [replaceFix(`Use \`${flat.path}\``, node, flat.path, true)]);
    if (!inHas) this._unsafeIndex(node, node.operand, node.field.name, map?.lowerCaseKeys ? node.field.name.toLowerCase() : node.field.name);
  }

  private _ident(node: IdentExpr): void {
    const reference = this._facts.references[node.id];
    if (reference?.kind !== 'field' || reference.field.path !== 'grpc_status') return;
    const guarded = guardingTerms(node, this._facts.parents).some((t) => t.kind === 'ident' && t.name === 'grpc' && this._facts.references[t.id]?.kind === 'field');
    if (guarded) return;
    const term = this._booleanTerm(node);
    const fixes = term ? [replaceFix('Prepend `grpc && `', { start: term.start, end: term.start }, 'grpc && ', true)] : [];
    this._sink.report('kfl/unconfirmed', node, { topic: 'grpc-status' }, fixes);
  }

  private _binary(node: BinaryExpr): void {
    if (node.op === 'in') this._headerKey(node.right, node.left);
    if (node.op === '&&' && !(this._facts.parents[node.id]?.kind === 'binary' && (this._facts.parents[node.id] as BinaryExpr).op === '&&')) this._flagOrder(node);
    if (!COMPARISONS.has(node.op)) return;
    const [field, literal] = this._field(node.left)?.path === 'kafka_api_key' ? [node.left, node.right] : this._field(node.right)?.path === 'kafka_api_key' ? [node.right, node.left] : [];
    if (!field || literal?.kind !== 'literal' || literal.literal.type !== 'int') return;
    const name = KAFKA_KEY_NAMES.get(literal.literal.value);
    const fixes: KflFix[] = [];
    if (name && (node.op === '==' || node.op === '!=')) {
      const rewrite = `kafka_api_key_name ${node.op} "${name}"`;
      fixes.push(replaceFix(`Replace with \`${rewrite}\` (Kafka wire numbering)`, node, rewrite, true));
    }
    this._sink.report('kfl/unconfirmed', node, { topic: 'kafka-api-key' }, fixes);
  }

  /** `kfl/header-case` on a literal key of a lower-case-keyed map; returns the lower-cased key. */
  private _headerKey(mapNode: Expr | undefined, keyNode: Expr | undefined): string | undefined {
    if (!mapNode || keyNode?.kind !== 'literal' || keyNode.literal.type !== 'string') return undefined;
    const key = keyNode.literal.value;
    if (!this._field(mapNode)?.lowerCaseKeys || !/[A-Z]/.test(key)) return undefined;
    const lower = key.toLowerCase();
    this._sink.report('kfl/header-case', keyNode, { key: quoteString(key), lower: quoteString(lower) }, [replaceFix(`Change to \`${quoteString(lower)}\``, keyNode, quoteString(lower), true)]);
    return lower;
  }

  /**
   * `m["k"]` / `m.k` on a map that may lack the key, unless a conjunct guards it (spec §11).
   * `suggestedKey` is the key the fixes use (lower-cased for header maps).
   */
  private _unsafeIndex(node: Expr, mapNode: Expr, key: string, suggestedKey: string): void {
    const field = this._field(mapNode);
    if (field?.fixedKeys && field.keys.includes(key)) return;
    const isGuard = (term: Expr): boolean =>
      (term.kind === 'binary' && term.op === 'in' && term.left.kind === 'literal' && term.left.literal.value === key && sameExpr(term.right, mapNode)) ||
      (term.kind === 'has' && term.argument.field.name === key && sameExpr(term.argument.operand, mapNode));
    if (guardingTerms(node, this._facts.parents).some(isGuard)) return;
    const mapText = this._textOf(mapNode);
    const valueType = this._type(mapNode);
    const fallback = valueType.kind === 'map' ? defaultValueText(valueType.value) : undefined;
    const quotedKey = quoteString(suggestedKey);
    const fixes: KflFix[] = [];
    if (fallback) {
      const rewrite = `map_get(${mapText}, ${quotedKey}, ${fallback})`;
      fixes.push(replaceFix(`Replace with \`${rewrite}\``, node, rewrite, true));
    }
    const term = this._booleanTerm(node);
    if (term) fixes.push(replaceFix(`Guard with \`${quotedKey} in ${mapText}\``, { start: term.start, end: term.start }, `${quotedKey} in ${mapText} && `));
    this._sink.report('kfl/unsafe-index', node, { map: mapText, key: quotedKey, default: fallback ?? '…' }, fixes);
  }

  /** `status_code == 500 && http`: the flag should come first so other protocols are skipped early. */
  private _flagOrder(chain: BinaryExpr): void {
    const terms = conjuncts(chain);
    if (this._isFlag(terms[0]) || terms.some((t) => this._type(t).kind === 'error')) return;
    const flag = terms.find((t) => this._isFlag(t));
    if (flag) this._sink.report('kfl/perf', flag, { reason: 'flag-order', flag: this._textOf(flag) });
  }

  private _isFlag(node: Expr): boolean {
    return node.kind === 'ident' && this._field(node)?.flag === true;
  }

  /**
   * The boolean term of a conjunction or disjunction that contains `node`: a guard inserted in
   * front of it (`"k" in m && …`) binds correctly and keeps errors from escaping.
   */
  private _booleanTerm(node: Expr): Expr | undefined {
    let term = node;
    for (let parent = this._facts.parents[term.id]; parent; parent = this._facts.parents[term.id]) {
      const boundary =
        (parent.kind === 'binary' && (parent.op === '&&' || parent.op === '||')) ||
        (parent.kind === 'conditional' && parent.condition === term) ||
        (parent.kind === 'comprehension' && parent.predicate === term);
      if (boundary) break;
      term = parent;
    }
    return this._type(term) === Types.bool ? term : undefined;
  }

  private _field(node: Expr): FieldInfo | undefined {
    const reference = this._facts.references[node.id];
    return reference?.kind === 'field' ? reference.field : undefined;
  }

  private _type(node: Expr): KflType {
    return this._facts.types[node.id] ?? Types.error;
  }

  private _textOf(node: Expr): string {
    return this._text.slice(node.start, node.end);
  }
}
