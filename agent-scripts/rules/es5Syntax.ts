import { type AnyNode, type Function as FunctionLike } from 'acorn';
import { destructuringFix, forOfFix } from '../fixes/statements';
import { arrowFix, arrowRewrite, arrowShape, arrowTokenOffset, defaultParamFix } from '../fixes/functions';
import { exponentRewrite, optionalChainRewrite, replaceFix, templateRewrite } from '../fixes/expressions';
import { type FunctionNode, type ScriptModel } from '../lint/model';
import { es5Messages as m } from '../messages';
import { type RuleContext } from './context';

/** Spec §2's ES2015+ constructs, each with its own rule and a precise range. */
export function checkEs5Syntax(model: ScriptModel, ctx: RuleContext): void {
  declarations(model, ctx);
  functions(model, ctx);
  expressions(model, ctx);
  patterns(model, ctx);
  objectLiterals(model, ctx);
  modules(model, ctx);
}

function declarations(model: ScriptModel, ctx: RuleContext): void {
  for (const decl of model.nodes('VariableDeclaration')) {
    if (decl.kind === 'var') continue;
    const keywordEnd = decl.start + decl.kind.length;
    if (decl.kind !== 'let' && decl.kind !== 'const') {
      ctx.report('es5/other-syntax', decl.start, keywordEnd, m.usingDeclaration(decl.kind));
      continue;
    }
    const fix = [{ title: `Replace \`${decl.kind}\` with \`var\``, preferred: true, edits: [{ start: decl.start, end: keywordEnd, newText: 'var' }] }];
    const parent = model.parent(decl);
    const inForHead = (parent?.type === 'ForStatement' && parent.init === decl)
      || ((parent?.type === 'ForInStatement' || parent?.type === 'ForOfStatement') && parent.left === decl);
    if (inForHead) ctx.report('es5/other-syntax', decl.start, keywordEnd, m.letInForHead(decl.kind), { fixes: fix });
    else ctx.report('es5/no-let-const', decl.start, keywordEnd, m.letConst(decl.kind), { fixes: fix });
  }
  for (const loop of model.nodes('ForOfStatement')) {
    ctx.report('es5/no-for-of', loop.start, loop.right.end, m.forOf(), { fixes: forOfFix(model, loop) });
    if (loop.await) ctx.report('es5/no-async', loop.start, loop.start + 3, m.async());
  }
  for (const cls of [...model.nodes('ClassDeclaration'), ...model.nodes('ClassExpression')]) {
    ctx.report('es5/no-class', cls.start, cls.id ? cls.id.end : cls.start + 5, m.classes());
  }
}

/** Range of a function's head: `function* gen`, `async run`, or an arrow's `(a) =>`. */
function headRange(model: ScriptModel, fn: FunctionNode): [number, number] {
  const parent = model.parent(fn);
  if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition') && parent.value === fn) return [parent.start, parent.key.end];
  if (fn.type === 'ArrowFunctionExpression') {
    const arrow = arrowTokenOffset(model.text, fn);
    return [fn.start, arrow < 0 ? fn.body.start : arrow + 2];
  }
  return [fn.start, fn.id ? fn.id.end : Math.min(fn.body.start, fn.start + 8)];
}

function functions(model: ScriptModel, ctx: RuleContext): void {
  const all: FunctionNode[] = [...model.nodes('FunctionDeclaration'), ...model.nodes('FunctionExpression'), ...model.nodes('ArrowFunctionExpression')];
  for (const fn of all) {
    const [headStart, headEnd] = headRange(model, fn);
    if (fn.type === 'ArrowFunctionExpression') {
      const rewrite = arrowRewrite(model, fn);
      const shown = rewrite !== undefined && rewrite.length <= 60 ? rewrite : arrowShape(model, fn);
      ctx.report('es5/no-arrow', headStart, headEnd, m.arrow(shown), { fixes: arrowFix(fn, rewrite) });
    }
    if (fn.generator) ctx.report('es5/no-generator', headStart, headEnd, m.generator());
    if (fn.async) ctx.report('es5/no-async', headStart, headStart + 5, m.async());
    params(model, ctx, fn);
  }
  for (const aw of model.nodes('AwaitExpression')) {
    const owner = model.enclosingFunction(aw) as FunctionLike | undefined;
    if (!owner?.async) ctx.report('es5/no-async', aw.start, aw.start + 5, m.async());
  }
  for (const y of model.nodes('YieldExpression')) {
    const owner = model.enclosingFunction(y) as FunctionLike | undefined;
    if (!owner?.generator) ctx.report('es5/no-generator', y.start, y.start + 5, m.generator());
  }
}

function params(model: ScriptModel, ctx: RuleContext, fn: FunctionNode): void {
  for (const param of fn.params) {
    if (param.type === 'AssignmentPattern') {
      ctx.report('es5/no-default-param', param.start, param.end, m.defaultParam(), { fixes: defaultParamFix(model, fn, param) });
    } else if (param.type === 'RestElement') {
      ctx.report('es5/no-rest-param', param.start, param.end, m.restParam());
    }
  }
}

function expressions(model: ScriptModel, ctx: RuleContext): void {
  for (const tpl of model.nodes('TemplateLiteral')) {
    const parent = model.parent(tpl);
    if (parent?.type === 'TaggedTemplateExpression' && parent.quasi === tpl) continue;
    const rewrite = templateRewrite(model, tpl);
    ctx.report('es5/no-template-literal', tpl.start, tpl.end, m.template(rewrite), { fixes: replaceFix('Convert to string concatenation', tpl, rewrite) });
  }
  for (const tagged of model.nodes('TaggedTemplateExpression')) {
    ctx.report('es5/no-template-literal', tagged.start, tagged.end, m.taggedTemplate());
  }
  for (const chain of model.nodes('ChainExpression')) {
    const rewrite = optionalChainRewrite(model, chain);
    ctx.report('es5/no-optional-chaining', chain.start, chain.end, m.optionalChaining(rewrite), { fixes: replaceFix('Convert to `&&` guards', chain, rewrite) });
  }
  for (const spread of model.nodes('SpreadElement')) {
    const inObject = model.parent(spread)?.type === 'ObjectExpression';
    ctx.report('es5/no-spread', spread.start, spread.end, inObject ? m.objectSpread() : m.spread());
  }
  for (const logical of model.nodes('LogicalExpression')) {
    if (logical.operator === '??') ctx.report('es5/no-nullish', logical.start, logical.end, m.nullish());
  }
  for (const binary of model.nodes('BinaryExpression')) {
    if (binary.operator !== '**') continue;
    const rewrite = exponentRewrite(model, binary);
    ctx.report('es5/no-exponent', binary.start, binary.end, m.exponent(rewrite), { fixes: replaceFix('Use `Math.pow`', binary, rewrite) });
  }
  for (const assign of model.nodes('AssignmentExpression')) {
    const op = assign.operator;
    if (op === '**=') {
      const rewrite = exponentRewrite(model, assign);
      ctx.report('es5/no-exponent', assign.start, assign.end, m.exponentAssignment(rewrite), { fixes: replaceFix('Use `Math.pow`', assign, rewrite) });
    } else if (op === '||=' || op === '&&=' || op === '??=') {
      const target = model.text.slice(assign.left.start, assign.left.end);
      const value = model.text.slice(assign.right.start, assign.right.end);
      const es5 = op === '??='
        ? `if (${target} === undefined || ${target} === null) { ${target} = ${value}; }`
        : `${target} = ${target} ${op.slice(0, 2)} ${value}`;
      ctx.report('es5/no-nullish', assign.start, assign.end, m.logicalAssignment(op, es5.length <= 60 ? es5 : `a = a ${op.slice(0, 2)} b`));
    }
  }
}

/** Destructuring is reported once, on the outermost pattern. */
function patterns(model: ScriptModel, ctx: RuleContext): void {
  for (const pattern of [...model.nodes('ObjectPattern'), ...model.nodes('ArrayPattern')].sort((a, b) => a.start - b.start)) {
    if (isNestedPattern(model, pattern)) continue;
    const parent = model.parent(pattern);
    const fixes = parent?.type === 'VariableDeclarator' && parent.id === pattern ? destructuringFix(model, parent) : [];
    ctx.report('es5/no-destructuring', pattern.start, pattern.end, m.destructuring(), { fixes });
  }
}

function isNestedPattern(model: ScriptModel, pattern: AnyNode): boolean {
  for (let p = model.parent(pattern); p; p = model.parent(p)) {
    if (p.type === 'ObjectPattern' || p.type === 'ArrayPattern') return true;
    if (p.type !== 'Property' && p.type !== 'AssignmentPattern' && p.type !== 'RestElement') return false;
  }
  return false;
}

function objectLiterals(model: ScriptModel, ctx: RuleContext): void {
  for (const obj of model.nodes('ObjectExpression')) {
    for (const prop of obj.properties) {
      if (prop.type !== 'Property') continue;
      const key = prop.key;
      if (prop.computed) {
        const keyText = model.text.slice(key.start, key.end);
        const valueText = model.text.slice(prop.value.start, prop.value.end);
        ctx.report('es5/no-computed-key', key.start, key.end, m.computedKey(`obj[${keyText}] = ${valueText.length <= 20 ? valueText : 'value'}`));
      }
      const name = key.type === 'Identifier' ? key.name : model.text.slice(key.start, key.end);
      if (prop.shorthand) {
        ctx.report('es5/no-shorthand-property', key.start, key.end, m.shorthandProperty(name), {
          fixes: [{ title: `Write \`${name}: ${name}\``, preferred: true, edits: [{ start: key.start, end: key.end, newText: `${name}: ${name}` }] }],
        });
      } else if (prop.method) {
        const fn = prop.value;
        const plain = fn.type === 'FunctionExpression' && !fn.async && !fn.generator;
        const fixes = plain ? [{ title: 'Write a function expression', preferred: true, edits: [{ start: fn.start, end: fn.start, newText: ': function ' }] }] : [];
        ctx.report('es5/no-shorthand-property', key.start, key.end, m.shorthandMethod(name), { fixes });
      }
    }
  }
}

function modules(model: ScriptModel, ctx: RuleContext): void {
  const nodes: AnyNode[] = [
    ...model.nodes('ImportDeclaration'), ...model.nodes('ExportNamedDeclaration'), ...model.nodes('ExportDefaultDeclaration'),
    ...model.nodes('ExportAllDeclaration'), ...model.nodes('ImportExpression'),
    ...model.nodes('MetaProperty').filter((mp) => mp.meta.name === 'import'),
  ];
  for (const node of nodes) ctx.report('es5/no-modules', node.start, node.end, m.modules());
}
