import { type AnyNode } from 'acorn';
import { analyze, convertToKfl2, messageOf } from '../../kfl/index';
import { stringValue } from '../lint/literals';
import { type ScriptModel } from '../lint/model';
import { es5StringLiteral } from '../text/source';
import { kflMessages as m } from '../messages';
import { type RuleContext } from './context';

/** How many KFL diagnostics a warning lists before it stops. */
const MAX_LISTED = 3;

/**
 * kfl/query-literal (spec §9.3): query literals of `kfl.match`, `kfl.validate` and
 * `wrapper.kflPcapS3` `kflArr`, checked with the KFL core. Valid KFL2 passes; valid v1 gets an info
 * with the KFL2 form; anything else a warning with the KFL diagnostics.
 */
export function checkKflQueries(model: ScriptModel, ctx: RuleContext): void {
  for (const query of queryLiterals(model)) {
    const text = stringValue(query)!;
    const errors = analyze(text).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) continue;
    const converted = convertToKfl2(text);
    if (converted.changed && !analyze(converted.text).diagnostics.some((d) => d.severity === 'error')) {
      ctx.report('kfl/query-literal', query.start, query.end, m.v1Syntax(converted.text), {
        severity: 'info',
        fixes: [{ title: 'Convert to KFL2', edits: [{ start: query.start, end: query.end, newText: es5StringLiteral(converted.text) }] }],
      });
      continue;
    }
    const listed = errors.slice(0, MAX_LISTED).map((d) => messageOf(d)).join(' ');
    const more = errors.length > MAX_LISTED ? ` (${errors.length - MAX_LISTED} more)` : '';
    ctx.report('kfl/query-literal', query.start, query.end, m.invalid(`${listed}${more}`), { severity: 'warning' });
  }
}

function queryLiterals(model: ScriptModel): AnyNode[] {
  const out: AnyNode[] = [];
  for (const ref of model.helperRefs) {
    const args = ref.call?.arguments ?? [];
    if ((ref.path === 'kfl.match' || ref.path === 'kfl.validate') && args[0] && stringValue(args[0]) !== undefined) out.push(args[0]);
    const options = ref.path === 'wrapper.kflPcapS3' ? args[1] : undefined;
    if (options?.type !== 'ObjectExpression') continue;
    for (const prop of options.properties) {
      if (prop.type !== 'Property' || prop.computed || prop.value.type !== 'ArrayExpression') continue;
      const key = prop.key.type === 'Identifier' ? prop.key.name : stringValue(prop.key);
      if (key !== 'kflArr') continue;
      for (const el of prop.value.elements) if (el && stringValue(el) !== undefined) out.push(el);
    }
  }
  return out;
}
