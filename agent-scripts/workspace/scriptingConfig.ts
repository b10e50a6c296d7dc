import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';

/** The parts of a Kubeshark Helm values file or CLI config the linter uses (spec §6, §8). */
export interface ScriptingConfig {
  /** Keys of `scripting.env`: names only, the values are never read. */
  readonly envNames: readonly string[];
  /** `scripting.source` and `scripting.sources`, as written. */
  readonly sources: readonly string[];
}

/** Caps hostile or accidental input (a values file is user data like any other). */
const MAX_YAML_LENGTH = 2_000_000;

/**
 * Reads `scripting` from a values/config file: at the top level, or under `kubeshark:` when the
 * chart is a dependency of an umbrella chart. Works on the YAML syntax tree, so aliases are never
 * expanded. Undefined when the file has no scripting section or is not YAML; never throws.
 */
export function readScriptingConfig(text: string): ScriptingConfig | undefined {
  if (text.length > MAX_YAML_LENGTH) return undefined;
  let found: ScriptingConfig | undefined;
  try {
    for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
      if (doc.errors.length > 0) continue;
      const section = doc.getIn(['scripting'], true) ?? doc.getIn(['kubeshark', 'scripting'], true);
      if (!isMap(section)) continue;
      const next = { envNames: keysOf(section.get('env', true)), sources: sourcesOf(section.get('source', true), section.get('sources', true)) };
      found = found ? { envNames: [...found.envNames, ...next.envNames], sources: [...found.sources, ...next.sources] } : next;
    }
  } catch {
    return undefined;
  }
  return found;
}

function keysOf(node: unknown): string[] {
  if (!isMap(node)) return [];
  const names: string[] = [];
  for (const item of node.items) {
    const key = isScalar(item.key) ? item.key.value : item.key;
    if (typeof key === 'string' || typeof key === 'number') names.push(String(key));
  }
  return names;
}

function sourcesOf(source: unknown, sources: unknown): string[] {
  const out: string[] = [];
  const add = (n: YamlNode | unknown): void => {
    if (isScalar(n) && typeof n.value === 'string' && n.value.trim() !== '') out.push(n.value.trim());
  };
  add(source);
  if (isSeq(sources)) for (const item of sources.items) add(item);
  return out;
}
