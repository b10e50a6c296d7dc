/** Markdown and signature labels for fields, functions, macros and operators: one source for hover, completion and signature help. */
import { type FunctionDecl, type MacroDecl, type OverloadDecl } from '../functions';
import { type FieldInfo } from '../schema';
import { type KflType, formatType } from '../types';

const fieldDocs = new WeakMap<FieldInfo, string>();

export function fieldMarkdown(field: FieldInfo): string {
  let doc = fieldDocs.get(field);
  if (doc === undefined) fieldDocs.set(field, (doc = makeFieldMarkdown(field)));
  return doc;
}

function makeFieldMarkdown(field: FieldInfo): string {
  const kind = field.type.kind === 'object' ? 'object' : formatType(field.type);
  const parts = [`**${field.path}** · \`${kind}\` · ${field.protocol}`, field.description];
  if (field.note) parts.push(`⚠ ${field.note}`);
  if (field.values.length > 0) parts.push(`Values: ${field.values.filter((v) => v !== '').map((v) => `\`${v}\``).join(', ')}`);
  if (field.example) parts.push(`Example: \`${field.example}\``);
  return parts.join('\n\n');
}

/** One overload as `string.contains(substring: string) → bool`, with each parameter's offsets in the label. */
export function signatureLabel(decl: { name: string; paramNames: readonly string[] }, overload: OverloadDecl): { label: string; parameters: [number, number][] } {
  let label = overload.receiver ? `${formatType(overload.receiver)}.${decl.name}(` : `${decl.name}(`;
  const parameters: [number, number][] = [];
  overload.params.forEach((param, i) => {
    if (i > 0) label += ', ';
    const text = `${decl.paramNames[i] ?? `arg${i + 1}`}: ${formatType(param)}`;
    parameters.push([label.length, label.length + text.length]);
    label += text;
  });
  return { label: `${label}) → ${formatType(overload.result)}`, parameters };
}

export function functionMarkdown(decl: FunctionDecl, only?: OverloadDecl): string {
  const overloads = only ? [only] : decl.overloads;
  const signatures = overloads.map((o) => signatureLabel(decl, o).label);
  const parts = [`\`\`\`\n${signatures.join('\n')}\n\`\`\``, decl.doc];
  if (decl.status === 'unconfirmed') parts.push('Standard CEL, supported by the Local engine; not in the documented KFL2 function set, so unconfirmed on the Hub.');
  return parts.join('\n\n');
}

/** `exists(variable, predicate)`. */
export function macroLabels(macro: MacroDecl): { label: string; parameters: [number, number][] }[] {
  return macro.forms.map((form) => {
    let label = `${macro.name}(`;
    const parameters: [number, number][] = [];
    form.forEach((p, i) => {
      if (i > 0) label += ', ';
      parameters.push([label.length, label.length + p.length]);
      label += p;
    });
    return { label: `${label})`, parameters };
  });
}

export function macroMarkdown(macro: MacroDecl): string {
  const target = macro.name === 'has' ? '' : 'list_or_map.';
  return [`\`\`\`\n${macroLabels(macro).map((l) => target + l.label).join('\n')}\n\`\`\``, `Macro. ${macro.doc}`].join('\n\n');
}

/**
 * An operator's forms and meaning; with `operands` (the types at hand) the one form that applies,
 * e.g. `string == string → bool`.
 */
export function operatorMarkdown(decl: FunctionDecl, operands?: { types: readonly KflType[]; result: KflType }): string {
  const forms = operands ? [operatorForm(decl.name, operands.types.map(formatType), formatType(operands.result))] : decl.overloads.map((o) => operatorForm(decl.name, o.params.map(formatType), formatType(o.result)));
  return [`\`\`\`\n${[...new Set(forms)].join('\n')}\n\`\`\``, decl.doc].join('\n\n');
}

function operatorForm(op: string, [a, b]: readonly string[], result: string): string {
  if (op === '[]') return `${a}[${b}] → ${result}`;
  return b === undefined ? `${op}${a} → ${result}` : `${a} ${op} ${b} → ${result}`;
}
