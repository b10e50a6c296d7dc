import { ENTRY_FIELDS, fieldAt, type FieldSpec, PACKET_FIELDS, POD_FIELDS } from '../catalog/fields';
import { helperAt, helperSignature, HELPER_ROOTS, isNamespace, membersOf } from '../catalog/helpers';
import { HOOKS, hookSignature } from '../catalog/hooks';
import { helperMarkdown, hookMarkdown, fieldMarkdown } from './docs';
import { lexContextAt } from './lexContext';

export type CompletionKind = 'hook' | 'helper' | 'namespace' | 'env' | 'field';

export interface AgentCompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** One line: a signature or a type. */
  readonly detail: string;
  readonly documentation: string;
  readonly insertText: string;
  /** `insertText` is a snippet with `${1:…}` placeholders. */
  readonly snippet: boolean;
  /** The range the item replaces (the partly typed word). */
  readonly start: number;
  readonly end: number;
}

export interface CompletionOptions {
  readonly envNames?: ReadonlySet<string>;
}

/**
 * Completion in an agent script (pure; works on text that does not parse): hooks as snippets at
 * the top level, helpers after a namespace, `env.` names, and the fields of a hook's `data`,
 * `info` and `pod` parameters.
 */
export function completeAgentScript(text: string, offset: number, options: CompletionOptions = {}): AgentCompletionItem[] {
  const caret = Math.max(0, Math.min(offset, text.length));
  const context = lexContextAt(text, caret);
  if (context.inCommentOrString) return [];
  const before = text.slice(Math.max(0, caret - 512), caret);
  const word = /[A-Za-z_$][\w$]*$/.exec(before)?.[0] ?? '';
  const start = caret - word.length;
  const ahead = before.slice(0, before.length - word.length);
  const chain = /((?:[A-Za-z_$][\w$]*\s*\.\s*)+)$/.exec(ahead);
  if (chain) {
    const path = chain[1]!.split('.').map((s) => s.trim()).filter(Boolean);
    return memberItems(text, path, options).map((item) => ({ ...item, start, end: caret }));
  }
  if (/\.\s*$/.test(ahead)) return [];
  const afterFunction = /\bfunction\s+$/.test(ahead);
  const items: Omit<AgentCompletionItem, 'start' | 'end'>[] = [];
  if (context.braceDepth === 0 && (afterFunction || /(^|[;}\n])\s*$/.test(ahead))) items.push(...hookItems(afterFunction));
  if (!afterFunction) items.push(...[...HELPER_ROOTS].sort().map(namespaceItem));
  return items.map((item) => ({ ...item, start, end: caret }));
}

function hookItems(afterFunction: boolean): Omit<AgentCompletionItem, 'start' | 'end'>[] {
  return HOOKS.map((hook) => {
    const params = hook.params.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ');
    const body = `${hook.name}(${params}) {\n\t$0\n}`;
    return {
      label: hook.name, kind: 'hook', detail: hookSignature(hook), documentation: hookMarkdown(hook),
      insertText: afterFunction ? body : `function ${body}`, snippet: true,
    };
  });
}

function namespaceItem(name: string): Omit<AgentCompletionItem, 'start' | 'end'> {
  const doc = name === 'env' ? 'Values of `scripting.env` (names only are known to the editor).' : `Helpers: ${membersOf(name).map((m) => `\`${m}\``).join(', ')}.`;
  return { label: name, kind: 'namespace', detail: name === 'env' ? 'scripting.env' : 'helper namespace', documentation: doc, insertText: name, snippet: false };
}

function memberItems(text: string, path: readonly string[], options: CompletionOptions): Omit<AgentCompletionItem, 'start' | 'end'>[] {
  const joined = path.join('.');
  if (joined === 'env') {
    return [...(options.envNames ?? [])].sort().map((name) => ({
      label: name, kind: 'env' as const, detail: 'scripting.env', documentation: `\`env.${name}\` from \`scripting.env\`.`, insertText: name, snippet: false,
    }));
  }
  if (isNamespace(joined)) {
    return membersOf(joined).map((member) => {
      const helper = helperAt(`${joined}.${member}`);
      if (!helper) return { label: member, kind: 'namespace' as const, detail: `${joined}.${member}`, documentation: `Helpers: ${membersOf(`${joined}.${member}`).map((m) => `\`${m}\``).join(', ')}.`, insertText: member, snippet: false };
      return { label: member, kind: 'helper' as const, detail: helperSignature(helper), documentation: helperMarkdown(helper), insertText: member, snippet: false };
    });
  }
  const fields = fieldsOf(text, path[0]!);
  const level = path.length === 1 ? fields : fieldAt(fields, path.slice(1))?.fields;
  return (level ?? []).map((f: FieldSpec) => ({ label: f.name, kind: 'field' as const, detail: f.type, documentation: fieldMarkdown(f), insertText: f.name, snippet: false }));
}

/**
 * The field table of a hook parameter name: the entry of `onItemCaptured`/`onItemQueried` (and any
 * `data`), the packet of `onPacketCaptured`, the pod of `onPodEvent` — found by the hooks' headers.
 */
function fieldsOf(text: string, name: string): readonly FieldSpec[] {
  if (name === 'data') return ENTRY_FIELDS;
  const header = /function\s+(onItemCaptured|onItemQueried|onPacketCaptured|onPodEvent)\s*\(([^)]*)\)/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const params = m[2]!.split(',').map((p) => p.trim());
    if ((m[1] === 'onItemCaptured' || m[1] === 'onItemQueried') && params[0] === name) return ENTRY_FIELDS;
    if (m[1] === 'onPacketCaptured' && params[0] === name) return PACKET_FIELDS;
    if (m[1] === 'onPodEvent' && params[1] === name) return POD_FIELDS;
  }
  return [];
}
