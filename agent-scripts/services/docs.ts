import { type FieldSpec } from '../catalog/fields';
import { type HelperSpec, helperSignature } from '../catalog/helpers';
import { type HookSpec, hookSignature } from '../catalog/hooks';

const IO_NOTES = {
  network: 'Does network I/O: keep it out of `onPacketCaptured`.',
  file: 'Does file I/O on the node: keep it out of `onPacketCaptured`.',
  log: 'Writes to the script log: keep it out of `onPacketCaptured`.',
  heavy: 'Heavy I/O: keep it out of `onPacketCaptured`.',
} as const;

const fence = (code: string): string => `\`\`\`js\n${code}\n\`\`\``;

/** Markdown for a helper (hover and completion documentation), from the helper table. */
export function helperMarkdown(helper: HelperSpec): string {
  const lines = [fence(helperSignature(helper)), helper.doc, '', `Runs on: ${helper.runsOn}.`];
  if (helper.io) lines.push(IO_NOTES[helper.io]);
  if (helper.unconfirmed) lines.push('Seen only in examples; availability unconfirmed.');
  return lines.join('\n');
}

export function hookMarkdown(hook: HookSpec): string {
  const params = [...hook.params, ...(hook.optionalParams ?? [])].map((p) => `- \`${p.name}\` (${p.type}): ${p.doc}`);
  const lines = [fence(hookSignature(hook)), hook.doc, '', ...params, '', `Runs on: ${hook.runsOn}.`];
  if (hook.unconfirmed) lines.push(`\`${hook.name}\` ${hook.unconfirmed}`);
  return lines.join('\n');
}

export function fieldMarkdown(field: FieldSpec): string {
  const sub = field.fields ? `\n\nFields: ${field.fields.map((f) => `\`${f.name}\``).join(', ')}.` : '';
  return `\`${field.name}\`: ${field.type}\n\n${field.doc}${sub}`;
}
