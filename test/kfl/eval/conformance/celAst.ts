// KFL's syntax tree as a cel.expr.Expr, with macros expanded the way cel-go expands them, so that
// the parser suite's expected debug strings (produced by cel-go) can be compared with KFL's parse.
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { type ConstantSchema, type Expr as CelExpr, ExprSchema } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { type ComprehensionExpr, type Expr, type LiteralValue } from '../../../../kfl/ast';

type Init = MessageInitShape<typeof ExprSchema>;
type ConstantKind = MessageInitShape<typeof ConstantSchema>['constantKind'];

const ACCUMULATOR = '@result';
const BINARY_FUNCTIONS: Record<string, string> = {
  '&&': '_&&_', '||': '_||_', '==': '_==_', '!=': '_!=_', '<': '_<_', '<=': '_<=_', '>': '_>_', '>=': '_>=_',
  in: '@in', '+': '_+_', '-': '_-_', '*': '_*_', '/': '_/_', '%': '_%_',
};

export function toCelExpr(node: Expr): CelExpr {
  return create(ExprSchema, toInit(node));
}

function toInit(node: Expr): Init {
  switch (node.kind) {
    case 'literal': return constant(node.literal);
    case 'ident': return ident(node.name);
    case 'select': return { exprKind: { case: 'selectExpr', value: { operand: toInit(node.operand), field: node.field.name } } };
    case 'has': return { exprKind: { case: 'selectExpr', value: { operand: toInit(node.argument.operand), field: node.argument.field.name, testOnly: true } } };
    case 'index': return call('_[_]', [toInit(node.operand), toInit(node.index)]);
    case 'call': return {
      exprKind: { case: 'callExpr', value: { function: node.function.name, target: node.target && toInit(node.target), args: node.args.map(toInit) } },
    };
    case 'unary': {
      // cel-go folds a minus in front of a number literal into a negative constant.
      if (node.op === '-' && node.operand.kind === 'literal' && (node.operand.literal.type === 'int' || node.operand.literal.type === 'double')) {
        const literal = node.operand.literal;
        return literal.type === 'int' ? constant({ type: 'int', value: -literal.value }) : constant({ type: 'double', value: -literal.value });
      }
      return call(node.op === '!' ? '!_' : '-_', [toInit(node.operand)]);
    }
    case 'binary': return call(BINARY_FUNCTIONS[node.op] as string, [toInit(node.left), toInit(node.right)]);
    case 'conditional': return call('_?_:_', [toInit(node.condition), toInit(node.whenTrue), toInit(node.whenFalse)]);
    case 'list': return { exprKind: { case: 'listExpr', value: { elements: node.elements.map(toInit) } } };
    case 'map': return {
      exprKind: {
        case: 'structExpr',
        value: { entries: node.entries.map((entry) => ({ keyKind: { case: 'mapKey', value: toInit(entry.key) }, value: toInit(entry.value) })) },
      },
    };
    case 'comprehension': return comprehension(node);
    case 'missing': case 'error': throw new Error(`cannot render a ${node.kind} node`);
  }
}

function constant(literal: LiteralValue): Init {
  return { exprKind: { case: 'constExpr', value: { constantKind: constantKindOf(literal) } } };
}

function constantKindOf(literal: LiteralValue): ConstantKind {
  switch (literal.type) {
    case 'int': return { case: 'int64Value', value: literal.value };
    case 'uint': return { case: 'uint64Value', value: literal.value };
    case 'double': return { case: 'doubleValue', value: literal.value };
    case 'string': return { case: 'stringValue', value: literal.value };
    case 'bytes': return { case: 'bytesValue', value: literal.value };
    case 'bool': return { case: 'boolValue', value: literal.value };
    case 'null': return { case: 'nullValue', value: 0 };
  }
}

function ident(name: string): Init {
  return { exprKind: { case: 'identExpr', value: { name } } };
}

function call(fn: string, args: Init[]): Init {
  return { exprKind: { case: 'callExpr', value: { function: fn, args } } };
}

const bool = (value: boolean): Init => constant({ type: 'bool', value });
const int = (value: bigint): Init => constant({ type: 'int', value });

/** cel-go's expansions (parser/macro.go): accumulator `@result`, conditions and steps per macro. */
function comprehension(node: ComprehensionExpr): Init {
  const result = ident(ACCUMULATOR);
  const predicate = node.predicate === undefined ? undefined : toInit(node.predicate);
  const transform = node.transform === undefined ? undefined : toInit(node.transform);
  let init: Init;
  let condition: Init = bool(true);
  let step: Init;
  let output: Init = ident(ACCUMULATOR);
  const append = (element: Init): Init => call('_+_', [ident(ACCUMULATOR), { exprKind: { case: 'listExpr', value: { elements: [element] } } }]);
  switch (node.macro) {
    case 'exists':
      init = bool(false);
      condition = call('@not_strictly_false', [call('!_', [result])]);
      step = call('_||_', [ident(ACCUMULATOR), predicate as Init]);
      break;
    case 'all':
      init = bool(true);
      condition = call('@not_strictly_false', [result]);
      step = call('_&&_', [ident(ACCUMULATOR), predicate as Init]);
      break;
    case 'exists_one':
      init = int(0n);
      step = call('_?_:_', [predicate as Init, call('_+_', [ident(ACCUMULATOR), int(1n)]), ident(ACCUMULATOR)]);
      output = call('_==_', [ident(ACCUMULATOR), int(1n)]);
      break;
    case 'filter':
      init = { exprKind: { case: 'listExpr', value: {} } };
      step = call('_?_:_', [predicate as Init, append(ident(node.variable.name)), ident(ACCUMULATOR)]);
      break;
    case 'map':
      init = { exprKind: { case: 'listExpr', value: {} } };
      step = predicate === undefined ? append(transform as Init) : call('_?_:_', [predicate, append(transform as Init), ident(ACCUMULATOR)]);
      break;
  }
  return {
    exprKind: {
      case: 'comprehensionExpr',
      value: {
        iterVar: node.variable.name, iterRange: toInit(node.target), accuVar: ACCUMULATOR,
        accuInit: init, loopCondition: condition, loopStep: step, result: output,
      },
    },
  };
}
