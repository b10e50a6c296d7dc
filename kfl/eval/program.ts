// Turns a checked AST into one closure tree. Sub-expressions that read neither the record nor a
// macro variable are evaluated once here (constant folding): `timestamp("…")`, `duration("5m")`,
// `now() - duration("5m")`, list literals of constants. Folding keeps CEL's semantics because
// evaluation is pure and `now()` is fixed at compile time; a folded error stays an error.
import { type BinaryExpr, type CallExpr, type ComprehensionExpr, type Expr, type LiteralValue, type UnaryExpr } from '../ast';
import { type CheckedAnalysis } from '../checked';
import { type OverloadDecl } from '../functions';
import { type KflType } from '../types';
import { type Activation, constant, constantOf, type Eval, type ProgramState, resetWork } from './closures';
import { emitHas, emitIndex, emitReference } from './emitAccess';
import { buildEntries, type Entries } from './entries';
import { emitCall } from './emitCalls';
import { type FieldAccess, fusedTest } from './emitFused';
import { type EmitContext } from './emitContext';
import { emitComprehension } from './emitMacros';
import { emitBinary, emitConditional, emitUnary } from './emitOperators';
import { intFromBig } from './int64';
import { fieldUse } from './recordValues';
import { type Timestamp } from './time';
import { DoubleValue, EvalError, KflMap, type Result, UintValue, type Value } from './values';

const NO_RECORD: Activation = Object.freeze(Object.create(null) as Activation);

/** The closure tree of a checked filter and its guarded entry points (entries.ts). */
export function buildProgram(analysis: CheckedAnalysis, ast: Expr, now: Timestamp): Entries {
  return buildEntries(ast, new ProgramBuilder(analysis, now));
}

class ProgramBuilder implements EmitContext {
  readonly state: ProgramState = { frame: [] };
  private readonly _slots = new Map<ComprehensionExpr, number>();
  private readonly _constant = new Map<Expr, boolean>();

  constructor(readonly analysis: CheckedAnalysis, readonly now: Timestamp) {}

  emit(node: Expr): Eval {
    const run = this._emitNode(node);
    if (node.kind === 'literal' || !this._isConstant(node)) return run;
    resetWork();
    return constant(run(NO_RECORD));
  }

  typeOf(node: Expr): KflType {
    return this.analysis.typeOf(node);
  }

  staticOverload(node: CallExpr | UnaryExpr | BinaryExpr, operands: readonly Expr[]): OverloadDecl | undefined {
    return operands.some((operand) => this.typeOf(operand).kind === 'dyn') ? undefined : this.analysis.overloadOf(node);
  }

  constantOf(node: Expr): { value: Result } | undefined {
    return this._isConstant(node) ? constantOf(this.emit(node)) : undefined;
  }

  directRead(node: Expr): FieldAccess | undefined {
    if (node.kind !== 'ident' && node.kind !== 'select') return undefined;
    const reference = this.analysis.referenceOf(node);
    if (reference?.kind === 'field') return { use: fieldUse(reference.field.path.split('.')), type: reference.field.type };
    if (reference?.kind !== 'variable') return undefined;
    const { frame } = this.state;
    const slot = this.slotOf(reference.binder);
    return { use: (use) => () => use(frame[slot]), type: this.typeOf(node) };
  }

  slotOf(binder: ComprehensionExpr): number {
    let slot = this._slots.get(binder);
    if (slot === undefined) {
      slot = this._slots.size;
      this._slots.set(binder, slot);
      this.state.frame.push(null);
    }
    return slot;
  }

  private _emitNode(node: Expr): Eval {
    switch (node.kind) {
      case 'literal': return constant(literalValue(node.literal));
      case 'ident': case 'select': return emitReference(node, this);
      case 'index': return emitIndex(node, this);
      case 'call': return fusedTest(node, this) ?? emitCall(node, this);
      case 'unary': return fusedTest(node, this) ?? emitUnary(node, this);
      case 'binary': return fusedTest(node, this) ?? emitBinary(node, this);
      case 'conditional': return emitConditional(node, this);
      case 'list': return listLiteral(node.elements.map((element) => this.emit(element)));
      case 'map': return mapLiteral(node.entries.map((entry) => [this.emit(entry.key), this.emit(entry.value)]));
      case 'has': return emitHas(node, this);
      case 'comprehension': return emitComprehension(node, this);
      // A tree without error diagnostics has neither; should the checker let one through, the
      // filter errors on every record instead of throwing.
      case 'missing': case 'error': return constant(new EvalError(`internal: unparsed text at ${node.start}`));
    }
  }

  /** Whether the node's value depends on neither the record nor a macro variable. */
  private _isConstant(node: Expr): boolean {
    const known = this._constant.get(node);
    if (known !== undefined) return known;
    const result = this._computeConstant(node);
    this._constant.set(node, result);
    return result;
  }

  private _computeConstant(node: Expr): boolean {
    switch (node.kind) {
      case 'literal': return true;
      case 'ident': return this.analysis.referenceOf(node)?.kind === 'type';
      case 'select': return this.analysis.referenceOf(node)?.kind === 'map-key' && this._isConstant(node.operand);
      case 'has': return this.analysis.referenceOf(node.argument)?.kind === 'map-key' && this._isConstant(node.argument.operand);
      case 'comprehension': case 'missing': case 'error': return false;
      case 'call': return (node.target === undefined || this._isConstant(node.target)) && node.args.every((arg) => this._isConstant(arg));
      case 'index': return this._isConstant(node.operand) && this._isConstant(node.index);
      case 'unary': return this._isConstant(node.operand);
      case 'binary': return this._isConstant(node.left) && this._isConstant(node.right);
      case 'conditional': return this._isConstant(node.condition) && this._isConstant(node.whenTrue) && this._isConstant(node.whenFalse);
      case 'list': return node.elements.every((element) => this._isConstant(element));
      case 'map': return node.entries.every((entry) => this._isConstant(entry.key) && this._isConstant(entry.value));
    }
  }
}

function literalValue(literal: LiteralValue): Result {
  switch (literal.type) {
    case 'int': return intFromBig(literal.value);
    case 'uint': return new UintValue(literal.value);
    case 'double': return new DoubleValue(literal.value);
    default: return literal.value;
  }
}

function listLiteral(elements: readonly Eval[]): Eval {
  return (record) => {
    const values: Value[] = new Array<Value>(elements.length);
    for (let i = 0; i < elements.length; i++) {
      const value = (elements[i] as Eval)(record);
      if (value instanceof EvalError) return value;
      values[i] = value;
    }
    return values;
  };
}

function mapLiteral(entries: readonly (readonly [Eval, Eval])[]): Eval {
  return (record) => {
    const map = new KflMap();
    for (const [keyOf, valueOf] of entries) {
      const key = keyOf(record);
      if (key instanceof EvalError) return key;
      const value = valueOf(record);
      if (value instanceof EvalError) return value;
      if (!isKeyKind(key)) return new EvalError('unsupported key type: map keys are int, uint, bool or string');
      if (!map.add(key, value)) return new EvalError('Failed with repeated key');
    }
    return map;
  };
}

function isKeyKind(key: Value): boolean {
  return typeof key === 'string' || typeof key === 'boolean' || typeof key === 'number' || typeof key === 'bigint' || key instanceof UintValue;
}
