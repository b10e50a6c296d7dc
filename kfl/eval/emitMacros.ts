// Closures for the comprehension macros over a list (per element) or a map (per key), with CEL's
// error rules: `exists` absorbs errors like `||` (a later `true` wins), `all` like `&&` (a later
// `false` wins), while `exists_one`, `filter` and `map` stop at the first error. Every iteration
// spends the evaluation's budget, so nested macros over large lists stay bounded.
import { type ComprehensionExpr, type Expr } from '../ast';
import { type Activation, budgetExceeded, type Eval, spend } from './closures';
import { elementCoercer } from './emitAccess';
import { type EmitContext } from './emitContext';
import { mapKeys } from './equality';
import { type RawTest, rawTestOf } from './rawTests';
import { EvalError, isMap, type Result, type Value } from './values';

const NO_ITEMS: readonly Value[] = Object.freeze([]);

export function emitComprehension(node: ComprehensionExpr, ctx: EmitContext): Eval {
  const targetType = ctx.typeOf(node.target);
  const itemType = targetType.kind === 'list' ? targetType.element : targetType.kind === 'map' ? targetType.key : targetType;
  const field = ctx.directRead(node.target);
  const listField = field?.type.kind === 'list' ? field : undefined;
  /** The items to iterate, or the error that ends the macro. A list field is read without coercion closures. */
  const itemsOf: Items = listField !== undefined
    ? listField.use((raw) => (Array.isArray(raw) ? (raw as readonly Value[]) : NO_ITEMS))
    : itemsOfCollection(ctx.emit(node.target), node.macro);
  const elementTest = node.macro !== 'map' && node.predicate !== undefined ? rawTestOf(node.predicate, ctx) : undefined;
  if (elementTest !== undefined && node.macro !== 'map' && isVariableOf(elementTest.subject, node, ctx)) {
    const loop = testLoop(node.macro, elementTest.test, elementCoercer(itemType));
    if (listField !== undefined) return listField.use(loop);
    return (record) => {
      const items = itemsOf(record);
      return items instanceof EvalError ? items : loop(items);
    };
  }

  const slot = ctx.slotOf(node);
  const predicate = node.predicate === undefined ? undefined : ctx.emit(node.predicate);
  const transform = node.transform === undefined ? undefined : ctx.emit(node.transform);
  const coerce = elementCoercer(itemType);
  const { frame } = ctx.state;
  const test = predicate ?? ((): Result => true);
  const notBool = (value: Result): EvalError => (value instanceof EvalError ? value : new EvalError(`no matching overload: ${node.macro} predicate is not a bool`));
  /** Spends one iteration and binds the variable; an error when the budget is gone or the item unreadable. */
  const bind = itemType.kind === 'string'
    ? (raw: Value): EvalError | undefined => {
      if (!spend(1)) return budgetExceeded();
      frame[slot] = typeof raw === 'string' ? raw : ''; // the common case, without a coercion call
      return undefined;
    }
    : (raw: Value): EvalError | undefined => {
      if (!spend(1)) return budgetExceeded();
      const item = coerce === undefined ? raw : coerce(raw);
      if (item instanceof EvalError) return item;
      frame[slot] = item;
      return undefined;
    };

  switch (node.macro) {
    case 'exists': return (record) => {
      const items = itemsOf(record);
      if (items instanceof EvalError) return items;
      let error: EvalError | undefined;
      for (const raw of items) {
        const stop = bind(raw);
        if (stop !== undefined) return stop;
        const p = test(record);
        if (p === true) return true;
        if (p !== false) error ??= notBool(p);
      }
      return error ?? false;
    };
    case 'all': return (record) => {
      const items = itemsOf(record);
      if (items instanceof EvalError) return items;
      let error: EvalError | undefined;
      for (const raw of items) {
        const stop = bind(raw);
        if (stop !== undefined) return stop;
        const p = test(record);
        if (p === false) return false;
        if (p !== true) error ??= notBool(p);
      }
      return error ?? true;
    };
    case 'exists_one': return (record) => {
      const items = itemsOf(record);
      if (items instanceof EvalError) return items;
      let count = 0;
      for (const raw of items) {
        const stop = bind(raw);
        if (stop !== undefined) return stop;
        const p = test(record);
        if (p === true) count++;
        else if (p !== false) return notBool(p);
      }
      return count === 1;
    };
    case 'filter':
    case 'map': {
      const produce = transform ?? ((): Result => frame[slot] as Value);
      return (record) => {
        const items = itemsOf(record);
        if (items instanceof EvalError) return items;
        const output: Value[] = [];
        for (const raw of items) {
          const stop = bind(raw);
          if (stop !== undefined) return stop;
          if (predicate !== undefined) {
            const p = predicate(record);
            if (p === false) continue;
            if (p !== true) return notBool(p);
          }
          const value = produce(record);
          if (value instanceof EvalError) return value;
          output.push(value);
        }
        return output;
      };
    }
  }
}

type Items = (record: Activation) => readonly Value[] | EvalError;

function isVariableOf(node: Expr, binder: ComprehensionExpr, ctx: EmitContext): boolean {
  const reference = node.kind === 'ident' ? ctx.analysis.referenceOf(node) : undefined;
  return reference?.kind === 'variable' && reference.binder === binder;
}

/**
 * A macro whose predicate tests only the element against constants (rawTests.ts): a plain loop
 * over the raw elements, with no variable to bind and no closure tree per element, and no error
 * from the predicate; `filter` keeps the elements read through their type. Anything but an array
 * has no elements, as a missing list field.
 */
function testLoop(macro: Exclude<ComprehensionExpr['macro'], 'map'>, test: RawTest, coerce: ((raw: Value) => Result) | undefined): (items: unknown) => Result {
  switch (macro) {
    case 'exists': return (items) => {
      if (!Array.isArray(items)) return false;
      for (let i = 0; i < items.length; i++) {
        if (!spend(1)) return budgetExceeded();
        if (test(items[i])) return true;
      }
      return false;
    };
    case 'all': return (items) => {
      if (!Array.isArray(items)) return true;
      for (let i = 0; i < items.length; i++) {
        if (!spend(1)) return budgetExceeded();
        if (!test(items[i])) return false;
      }
      return true;
    };
    case 'exists_one': return (items) => {
      if (!Array.isArray(items)) return false;
      let count = 0;
      for (let i = 0; i < items.length; i++) {
        if (!spend(1)) return budgetExceeded();
        if (test(items[i])) count++;
      }
      return count === 1;
    };
    case 'filter': return (items) => {
      if (!Array.isArray(items)) return NO_ITEMS;
      const output: Value[] = [];
      for (let i = 0; i < items.length; i++) {
        if (!spend(1)) return budgetExceeded();
        if (!test(items[i])) continue;
        const item = coerce === undefined ? (items[i] as Value) : coerce(items[i] as Value);
        if (item instanceof EvalError) return item;
        output.push(item);
      }
      return output;
    };
  }
}

/** The elements of a list, or the keys of a map; anything else is an error. */
function itemsOfCollection(target: Eval, macro: string): Items {
  return (record) => {
    const collection = target(record);
    if (collection instanceof EvalError) return collection;
    if (Array.isArray(collection)) return collection as readonly Value[];
    return isMap(collection) ? mapKeys(collection) : new EvalError(`no matching overload: ${macro} needs a list or a map`);
  };
}
