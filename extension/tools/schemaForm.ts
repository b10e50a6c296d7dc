/**
 * Arguments of any tool, asked from its JSON schema (hub-api.md §2.5): enums and booleans from a
 * list, numbers and strings typed and checked, arrays of strings comma-separated, objects as JSON.
 * Required properties are always asked; optional ones only when picked.
 */
import * as vscode from 'vscode';
import { type JsonSchema, type ToolDescriptor } from '../../protocol/hubApi';
import { declaredType, schemaProperties } from '../client/adapt';
import { arr, asObject, prop, str, strings } from '../client/json';
import { valueOf } from './schemaValues';

interface Property {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
}

function toolProperties(tool: ToolDescriptor): Property[] {
  const properties = schemaProperties(tool) ?? {};
  const required = new Set(strings(arr(asObject(tool.inputSchema as unknown), 'required')));
  return Object.keys(properties)
    .map((name) => ({ name, schema: (asObject(prop(properties, name)) ?? {}) as JsonSchema, required: required.has(name) }))
    .sort((a, b) => Number(b.required) - Number(a.required));
}

function describe(p: Property): string {
  const type = declaredType(p.schema) ?? 'any';
  const items = type === 'array' ? ` of ${declaredType(p.schema.items) ?? 'any'}` : '';
  return `${type}${items}${p.required ? ', required' : ''}${p.schema.description ? ` — ${p.schema.description}` : ''}`;
}

/** Asks for a tool's arguments; undefined when the person dismissed a step. */
export async function askArguments(tool: ToolDescriptor): Promise<Record<string, unknown> | undefined> {
  const properties = toolProperties(tool);
  const optional = properties.filter((p) => !p.required);
  let chosen = properties.filter((p) => p.required);
  if (optional.length > 0) {
    const picked = await vscode.window.showQuickPick(optional.map((p) => ({ label: p.name, description: describe(p), property: p })), {
      title: `${tool.name}: optional arguments`, placeHolder: 'Which optional arguments to give (none: Enter)', canPickMany: true, ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    chosen = [...chosen, ...picked.map((p) => p.property)];
  }
  const args: Record<string, unknown> = {};
  for (const [index, property] of chosen.entries()) {
    const value = await askOne(tool.name, property, `${index + 1}/${chosen.length}`);
    if (value === undefined) return undefined;
    args[property.name] = value.value;
  }
  return args;
}

/**
 * Asks only for `names` (required properties a feature could not fill, §2.4 rule 4); undefined
 * when the person dismissed a step.
 */
export async function askRequired(tool: ToolDescriptor, names: readonly string[]): Promise<Record<string, unknown> | undefined> {
  const wanted = toolProperties(tool).filter((p) => names.includes(p.name));
  const args: Record<string, unknown> = {};
  for (const [index, property] of wanted.entries()) {
    const value = await askOne(tool.name, property, `${index + 1}/${wanted.length}, required by this Hub`);
    if (value === undefined) return undefined;
    args[property.name] = value.value;
  }
  return args;
}

async function askOne(toolName: string, property: Property, step: string): Promise<{ value: unknown } | undefined> {
  const title = `${toolName} (${step}): ${property.name}`;
  const choices = arr(asObject(property.schema as unknown), 'enum') ?? (declaredType(property.schema) === 'boolean' ? [true, false] : undefined);
  if (choices) {
    const picked = await vscode.window.showQuickPick(choices.map((c) => ({ label: JSON.stringify(c), value: c })), { title, placeHolder: describe(property), ignoreFocusOut: true });
    return picked ? { value: picked.value } : undefined;
  }
  const fallback = prop(asObject(property.schema as unknown), 'default');
  const text = await vscode.window.showInputBox({
    title,
    prompt: describe(property),
    value: fallback === undefined ? '' : typeof fallback === 'string' ? fallback : JSON.stringify(fallback),
    placeHolder: declaredType(property.schema) === 'array' ? 'a, b, c  or  ["a", "b"]' : str(asObject(property.schema as unknown), 'format'),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const result = valueOf(v, property.schema);
      return 'problem' in result ? result.problem : undefined;
    },
  });
  if (text === undefined) return undefined;
  const result = valueOf(text, property.schema);
  return 'value' in result ? { value: result.value } : undefined;
}
