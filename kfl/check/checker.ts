/**
 * The type checker (spec §6): walks the tree once, gives every node a type, resolves names to
 * schema fields or macro variables and operators/calls to overloads, and reports errors. Types
 * flow bottom-up; a sub-expression with an error has type `error`, which every rule accepts
 * silently, so one mistake is reported once. Warnings, infos and hints that need the whole typed
 * tree run afterwards (lints.ts).
 */
import { type Expr, type Span } from '../ast';
import { type Reference } from '../checked';
import { type DiagnosticSink } from '../diagnostics';
import { type OverloadDecl } from '../functions';
import { type Schema } from '../schema';
import { type KflType, Types, formatType, isOpen } from '../types';
import { checkList, checkMap } from './aggregates';
import { checkCall, checkComprehension } from './calls';
import { type Binding, type CheckContext } from './context';
import { checkHas, checkIdent, checkIndex, checkSelect } from './members';
import { checkBinary, checkConditional, checkUnary } from './operators';

export interface CheckFacts {
  readonly resultType: KflType;
  readonly types: readonly (KflType | undefined)[];
  readonly references: readonly (Reference | undefined)[];
  readonly overloads: readonly (OverloadDecl | undefined)[];
  readonly parents: readonly (Expr | undefined)[];
}

export function checkTree(text: string, root: Expr, nodeCount: number, parents: readonly (Expr | undefined)[], schema: Schema, sink: DiagnosticSink, timeZone: string | undefined): CheckFacts {
  const checker = new Checker(text, nodeCount, parents, schema, sink, timeZone);
  const resultType = checker.check(root);
  if (!isOpen(resultType) && resultType !== Types.bool) sink.report('kfl/not-bool', root, { type: formatType(resultType) });
  return { resultType, types: checker.types, references: checker.references, overloads: checker.overloads, parents: checker.parents };
}

class Checker implements CheckContext {
  readonly types: (KflType | undefined)[];
  readonly references: (Reference | undefined)[];
  readonly overloads: (OverloadDecl | undefined)[];
  private readonly _scopes: { name: string; binding: Binding }[] = [];

  constructor(
    readonly text: string,
    nodeCount: number,
    readonly parents: readonly (Expr | undefined)[],
    readonly schema: Schema,
    readonly sink: DiagnosticSink,
    readonly timeZone: string | undefined,
  ) {
    this.types = new Array<KflType | undefined>(nodeCount);
    this.references = new Array<Reference | undefined>(nodeCount);
    this.overloads = new Array<OverloadDecl | undefined>(nodeCount);
  }

  check(node: Expr): KflType {
    const known = this.types[node.id];
    if (known) return known;
    // Rules may look at a sibling first (`GET == POST`: is the other side a string?); a node being
    // checked reads as `error` meanwhile, so such look-ups cannot go round in circles.
    this.types[node.id] = Types.error;
    const type = this._compute(node);
    this.types[node.id] = type;
    return type;
  }

  private _compute(node: Expr): KflType {
    switch (node.kind) {
      case 'literal':
        return node.literal.type === 'null' ? Types.null : Types[node.literal.type];
      case 'ident':
        return checkIdent(this, node);
      case 'select':
        return checkSelect(this, node);
      case 'index':
        return checkIndex(this, node);
      case 'call':
        return checkCall(this, node);
      case 'unary':
        return checkUnary(this, node);
      case 'binary':
        return checkBinary(this, node);
      case 'conditional':
        return checkConditional(this, node);
      case 'list':
        return checkList(this, node);
      case 'map':
        return checkMap(this, node);
      case 'has':
        return checkHas(this, node);
      case 'comprehension':
        return checkComprehension(this, node);
      case 'missing':
        return Types.error;
      case 'error':
        node.children.forEach((c) => this.check(c));
        return Types.error;
    }
  }

  typeOf(node: Expr): KflType {
    return this.types[node.id] ?? Types.error;
  }

  setReference(node: Expr, reference: Reference): void {
    this.references[node.id] = reference;
  }

  referenceOf(node: Expr): Reference | undefined {
    return this.references[node.id];
  }

  setOverload(node: Expr, overload: OverloadDecl): void {
    this.overloads[node.id] = overload;
  }

  parentOf(node: Expr): Expr | undefined {
    return this.parents[node.id];
  }

  lookupVariable(name: string): Binding | undefined {
    for (let i = this._scopes.length - 1; i >= 0; i--) if (this._scopes[i].name === name) return this._scopes[i].binding;
    return undefined;
  }

  variableNames(): string[] {
    return this._scopes.map((s) => s.name).reverse();
  }

  withVariable<T>(name: string, binding: Binding, body: () => T): T {
    this._scopes.push({ name, binding });
    try {
      return body();
    } finally {
      this._scopes.pop();
    }
  }

  textOf(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}
