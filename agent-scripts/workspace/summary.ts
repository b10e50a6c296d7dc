import { sharedGlobalNames } from '../lint/globalNames';
import { ScriptModel } from '../lint/model';
import { findTitle } from '../lint/title';
import { parseScript } from '../parse/parse';
import { scheduleCalls } from '../rules/jobs';
import { type ScriptSummary } from '../types';

/** What one script contributes to the cross-file rules of the others (titles, job tags, shared globals). */
export function summarizeScript(path: string, text: string): ScriptSummary {
  const parsed = parseScript(text);
  const title = findTitle(text, parsed.comments)?.title || undefined;
  if (!parsed.program) return { path, title, jobTags: [], dynamicTagPrefixes: [], globalNames: [] };
  const model = new ScriptModel(text, parsed.program, parsed.comments);
  const jobTags: { tag: string; line: number }[] = [];
  const dynamicTagPrefixes: string[] = [];
  for (const s of scheduleCalls(model)) {
    if (s.tag !== undefined) jobTags.push({ tag: s.tag, line: model.lines.lineOf(s.call.arguments[0]!.start) });
    else if (s.tagPrefix !== undefined) dynamicTagPrefixes.push(s.tagPrefix);
  }
  return { path, title, jobTags, dynamicTagPrefixes, globalNames: [...sharedGlobalNames(model)] };
}
