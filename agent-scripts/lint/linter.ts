import { parseScript } from '../parse/parse';
import { checkEnv } from '../rules/env';
import { checkEs5Literals } from '../rules/es5Literals';
import { checkEs5Other } from '../rules/es5Other';
import { checkEs5Syntax } from '../rules/es5Syntax';
import { checkGlobals } from '../rules/globals';
import { checkHelpers } from '../rules/helpers';
import { checkHooks } from '../rules/hooks';
import { checkJobs } from '../rules/jobs';
import { checkKflQueries } from '../rules/kflQuery';
import { checkPerf } from '../rules/perf';
import { checkRegex } from '../rules/regex';
import { checkShadowHelper, checkThisInFunction, checkUndeclared } from '../rules/scope';
import { checkSecrets } from '../rules/security';
import { checkTitle } from '../rules/title';
import { type Rule, type RuleContext } from '../rules/context';
import { syntaxMessages } from '../messages';
import { LineMap } from '../text/lineMap';
import { type Finding, type LintOptions } from '../types';
import { ScriptModel } from './model';
import { Reporter } from './report';
import { applySuppressions } from './suppression';

/** Rules over the parsed script, in the order their findings are easiest to read when ties sort. */
const RULES: readonly Rule[] = [
  checkEs5Syntax, checkEs5Literals, checkEs5Other, checkRegex, checkGlobals,
  checkHooks, checkUndeclared, checkShadowHelper, checkThisInFunction,
  checkHelpers, checkKflQueries, checkJobs, checkEnv, checkPerf, checkSecrets,
];

/**
 * Lints one agent script. Pure and total: any text gives a list of findings, sorted by position,
 * with every range inside the text.
 */
export function lintScript(text: string, options: LintOptions = {}): Finding[] {
  const reporter = new Reporter(text.length);
  const ctx: RuleContext = {
    report: reporter.report.bind(reporter),
    options,
    others: (options.workspace ?? []).filter((s) => s.path !== options.path),
  };
  const parsed = parseScript(text);
  checkTitle(text, parsed.comments, ctx);
  let lines: LineMap;
  if (parsed.program) {
    const model = new ScriptModel(text, parsed.program, parsed.comments);
    lines = model.lines;
    for (const rule of RULES) rule(model, ctx);
  } else {
    lines = new LineMap(text);
    const error = parsed.syntaxError!;
    ctx.report('syntax/parse-error', error.start, error.end, syntaxMessages.parseError(error.message));
  }
  const findings = applySuppressions(reporter.findings, parsed.comments, lines);
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
}
