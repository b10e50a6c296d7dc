import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readScriptingConfig } from '../../agent-scripts/index';
import { AGENT_FIXTURES } from './helpers';

export const CORPUS_DIR = path.join(AGENT_FIXTURES, 'corpus');

export interface CorpusWorkspace {
  readonly name: string;
  readonly files: { path: string; text: string }[];
  /** From the folder's values.yaml; undefined when it has none. */
  readonly envNames: ReadonlySet<string> | undefined;
}

/** Every corpus folder as a workspace (see corpus/README.md). */
export function corpusWorkspaces(): CorpusWorkspace[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = path.join(CORPUS_DIR, d.name);
      const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort()
        .map((f) => ({ path: `${d.name}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
      const values = path.join(dir, 'values.yaml');
      const config = existsSync(values) ? readScriptingConfig(readFileSync(values, 'utf8')) : undefined;
      return { name: d.name, files, envNames: config ? new Set(config.envNames) : undefined };
    });
}

/** `line rule` or `line rule(severity)` for each annotated expectation, in the annotation's own form. */
export function expectations(text: string): { line: number; rule: string; severity: string | undefined }[] {
  const out: { line: number; rule: string; severity: string | undefined }[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = /\/\/\s*expect(?:@(\d+))?:\s*(.+)$/.exec(line);
    if (!m) return;
    for (const item of m[2]!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const parts = /^([\w/-]+)(?:\((\w+)\))?$/.exec(item);
      if (!parts) throw new Error(`bad annotation "${item}" on line ${i + 1}`);
      out.push({ line: m[1] ? Number(m[1]) : i + 1, rule: parts[1]!, severity: parts[2] });
    }
  });
  return out;
}
