import { type ScriptModel } from '../lint/model';
import { type Reporter } from '../lint/report';
import { type LintOptions, type ScriptSummary } from '../types';

/** What every rule receives besides the model. */
export interface RuleContext {
  readonly report: Reporter['report'];
  readonly options: LintOptions;
  /** The other scripts of the workspace (this script's own entry removed). */
  readonly others: readonly ScriptSummary[];
}

export type Rule = (model: ScriptModel, context: RuleContext) => void;
