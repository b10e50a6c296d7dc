import { isMap, isScalar, parseAllDocuments } from 'yaml';
import { type TextEdit } from '../types';

/**
 * An edit that adds `NAME: ""` to `scripting.env` of a values file, for the secret quick fix:
 * the name is added with an empty value for the person to fill in the cluster configuration — the
 * secret itself is never written anywhere. Undefined when the file has no `scripting.env` map
 * (block or flow) or already has the name.
 */
export function addEnvNameEdit(yamlText: string, name: string): TextEdit | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  let docs;
  try {
    docs = parseAllDocuments(yamlText, { uniqueKeys: false });
  } catch {
    return undefined;
  }
  for (const doc of docs) {
    if (doc.errors.length > 0) continue;
    const env = doc.getIn(['scripting', 'env'], true) ?? doc.getIn(['kubeshark', 'scripting', 'env'], true);
    if (!isMap(env) || !env.range) continue;
    const keys = env.items.map((i) => (isScalar(i.key) ? String(i.key.value) : ''));
    if (keys.includes(name)) return undefined;
    const entry = `${name}: ""`;
    if (env.flow) {
      const close = yamlText.lastIndexOf('}', env.range[1]);
      if (close < env.range[0]) return undefined;
      return { start: close, end: close, newText: env.items.length === 0 ? entry : `, ${entry}` };
    }
    const last = env.items[env.items.length - 1];
    const firstKey = env.items[0]?.key;
    if (!last || !isScalar(firstKey) || !firstKey.range) return undefined;
    const lineStart = yamlText.lastIndexOf('\n', firstKey.range[0] - 1) + 1;
    const indent = yamlText.slice(lineStart, firstKey.range[0]);
    if (!/^[ ]*$/.test(indent)) return undefined;
    const lastEnd = (isScalar(last.value) || isMap(last.value)) && last.value.range ? last.value.range[1] : env.range[1];
    const newline = yamlText.indexOf('\n', lastEnd);
    const at = newline < 0 ? yamlText.length : newline;
    const eol = yamlText.includes('\r\n') ? '\r\n' : '\n';
    const insertAt = newline > 0 && yamlText[newline - 1] === '\r' ? newline - 1 : at;
    return { start: insertAt, end: insertAt, newText: `${eol}${indent}${entry}` };
  }
  return undefined;
}
