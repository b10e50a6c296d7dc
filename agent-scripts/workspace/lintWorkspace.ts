import { lintScript } from '../lint/linter';
import { type Finding, type LintOptions } from '../types';
import { summarizeScript } from './summary';

export interface ScriptFile {
  /** Workspace-relative path with forward slashes. */
  readonly path: string;
  readonly text: string;
}

/** Lints a set of scripts together, so titles and job tags are checked across them. */
export function lintWorkspace(files: readonly ScriptFile[], options: Pick<LintOptions, 'envNames'> = {}): Map<string, Finding[]> {
  const workspace = files.map((f) => summarizeScript(f.path, f.text));
  const results = new Map<string, Finding[]>();
  for (const file of files) results.set(file.path, lintScript(file.text, { ...options, path: file.path, workspace }));
  return results;
}
