/**
 * The Network Agent script linter as a pure service (design.md): text and workspace facts in,
 * findings, completions and hovers out. No vscode, no LSP, no I/O. See README.md.
 */
export { lintScript } from './lint/linter';
export { lintWorkspace, type ScriptFile } from './workspace/lintWorkspace';
export { summarizeScript } from './workspace/summary';
export { RULES, RULE_IDS, type RuleId, type RuleInfo, type Severity } from './rules';
export type { Finding, Fix, LintOptions, ScriptSummary, TextEdit } from './types';
export { LineMap, type LineColumn } from './text/lineMap';
export { validateCron, type CronValidation, type CronProblem } from './cron/validate';
export { AGENT_SCRIPT_MARKER } from './lint/title';
export { discoverAgentScripts, definesHook, hasAgentScriptMarker, type Discovery, type DiscoveryInput } from './workspace/discovery';
export { readScriptingConfig, type ScriptingConfig } from './workspace/scriptingConfig';
export { completeAgentScript, type AgentCompletionItem, type CompletionKind, type CompletionOptions } from './services/completion';
export { hoverAgentScript, type AgentHover, type HoverOptions } from './services/hover';
export { cronHoverMarkdown, nextRuns, type CronHoverOptions } from './services/cronHover';
export { type FileReport, totals, type Totals } from './output/fileReport';
export { formatStylish } from './output/stylish';
export { formatJson } from './output/json';
export { formatSarif, type SarifOptions } from './output/sarif';
export { addEnvNameEdit } from './workspace/envEdit';
