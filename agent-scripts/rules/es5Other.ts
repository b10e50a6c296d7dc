import { type AnyNode } from 'acorn';
import { unusedName } from '../fixes/context';
import { type FunctionNode, type ScriptModel } from '../lint/model';
import { es5Messages as m } from '../messages';
import { significantChars } from '../text/source';
import { type RuleContext } from './context';

/** "Anything else above ES5 the parser reports" (rule es5/other-syntax), each naming its construct. */
export function checkEs5Other(model: ScriptModel, ctx: RuleContext): void {
  const report = (node: { start: number; end: number }, subject: string, version: string): void =>
    ctx.report('es5/other-syntax', node.start, node.end, m.other(subject, version));
  for (const meta of model.nodes('MetaProperty')) {
    if (meta.meta.name === 'new') report(meta, '`new.target` is', 'ES2015');
  }
  for (const field of model.nodes('PropertyDefinition')) report(field.key, 'Class fields are', 'ES2022');
  for (const id of model.nodes('PrivateIdentifier')) report(id, 'Private names like `#x` are', 'ES2022');
  for (const block of model.nodes('StaticBlock')) report({ start: block.start, end: block.start + 6 }, 'Class static blocks are', 'ES2022');
  for (const method of model.nodes('MethodDefinition')) {
    if (method.kind === 'get' || method.kind === 'set') report(method.key, 'Getters and setters in classes are', 'ES2015');
  }
  for (const sup of model.nodes('Super')) report(sup, '`super` is', 'ES2015');
  for (const clause of model.nodes('CatchClause')) {
    if (clause.param) continue;
    const name = unusedName(model, ['e', 'err', 'error']);
    ctx.report('es5/other-syntax', clause.start, clause.start + 5, m.missingCatchBinding(), {
      fixes: [{ title: `Write \`catch (${name})\``, preferred: true, edits: [{ start: clause.start + 5, end: clause.start + 5, newText: ` (${name})` }] }],
    });
  }
  if (model.text.startsWith('#!')) {
    const lineEnd = model.text.search(/[\r\n]/);
    report({ start: 0, end: lineEnd < 0 ? model.text.length : lineEnd }, 'A `#!` line is', 'ES2023');
  }
  trailingCommas(model, ctx);
  identifierSpelling(model, ctx);
}

/** Identifiers ES2015 allows and ES5 refuses: astral letters (surrogate pairs) and `\u{…}` escapes. */
function identifierSpelling(model: ScriptModel, ctx: RuleContext): void {
  const NEW_SPELLING = /[\uD800-\uDFFF]|\\u\{/;
  if (!NEW_SPELLING.test(model.text)) return;
  for (const id of model.nodes('Identifier')) {
    if (!NEW_SPELLING.test(model.text.slice(id.start, id.end))) continue;
    ctx.report('es5/other-syntax', id.start, id.end, m.other('Identifiers with letters outside the Basic Multilingual Plane or `\\u{…}` escapes are', 'ES2015'));
  }
}

/** Trailing commas in argument and parameter lists (ES2017); the AST does not record them, the text does. */
function trailingCommas(model: ScriptModel, ctx: RuleContext): void {
  const text = model.text;
  const commaIn = (from: number, to: number): number | undefined => significantChars(text, from, to).find((i) => text[i] === ',');
  const fix = (at: number) => [{ title: 'Remove the trailing comma', preferred: true, edits: [{ start: at, end: at + 1, newText: '' }] }];
  for (const call of [...model.nodes('CallExpression'), ...model.nodes('NewExpression')]) {
    const last: AnyNode | undefined = call.arguments[call.arguments.length - 1];
    if (!last) continue;
    const at = commaIn(last.end, call.end - 1);
    if (at !== undefined) ctx.report('es5/other-syntax', at, at + 1, m.other('Trailing commas in calls are', 'ES2017'), { fixes: fix(at) });
  }
  const fns: FunctionNode[] = [...model.nodes('FunctionDeclaration'), ...model.nodes('FunctionExpression'), ...model.nodes('ArrowFunctionExpression')];
  for (const fn of fns) {
    const last: AnyNode | undefined = fn.params[fn.params.length - 1];
    if (!last) continue;
    const close = significantChars(text, last.end, fn.body.start).find((i) => text[i] === ')');
    if (close === undefined) continue;
    const at = commaIn(last.end, close);
    if (at !== undefined) ctx.report('es5/other-syntax', at, at + 1, m.other('Trailing commas in parameter lists are', 'ES2017'), { fixes: fix(at) });
  }
}
