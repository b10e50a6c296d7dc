import { type RuleId, type Severity } from './rules';

/**
 * Positions are offsets into the script text in UTF-16 code units, `start` inclusive, `end`
 * exclusive (as in kfl/). Line/column conversion happens at the edges (LSP server, CLI).
 */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
  /**
   * For secret fixes: the env name the fix introduces. Editors may offer to add the *name* to the
   * configured env names; the secret value itself is never moved anywhere.
   */
  readonly addEnvName?: string;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fixes: readonly Fix[];
}

/** What other scripts of the workspace contribute to the cross-file rules (see workspace/summary.ts). */
export interface ScriptSummary {
  /** Workspace-relative path with forward slashes; used in messages. */
  readonly path: string;
  readonly title: string | undefined;
  /** Literal job tags passed to `jobs.schedule`, with their 1-based line. */
  readonly jobTags: readonly { readonly tag: string; readonly line: number }[];
  /** Literal prefixes of job tags built at run time (`"flush-" + id` gives `flush-`). */
  readonly dynamicTagPrefixes: readonly string[];
  /** Names the script shares through the global scope (`this.name = …` at top level). */
  readonly globalNames: readonly string[];
}

export interface LintOptions {
  /** Workspace-relative path of the script; names it in other scripts' messages and seeds the title fix. */
  readonly path?: string;
  /**
   * Known env names (settings + `scripting.env` keys of values files). `undefined` means no source
   * is configured: `env/undeclared` is then off and one info per file says why.
   */
  readonly envNames?: ReadonlySet<string>;
  /** Summaries of the workspace's scripts; an entry with this script's own path is ignored. */
  readonly workspace?: readonly ScriptSummary[];
}
