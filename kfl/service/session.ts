/**
 * What every service needs: the analysis of the text (the last one is kept, since an editor asks
 * for diagnostics, hover and completion on the same text in a row) and token look-ups.
 */
import { analyze } from '../analyze';
import { type CheckedAnalysis } from '../checked';
import { defaultSchema } from '../schema';
import { type Token } from '../syntax/tokens';
import { type ServiceOptions } from './types';

let last: { text: string; options: ServiceOptions; analysis: CheckedAnalysis } | undefined;

export function analysisOf(text: string, options: ServiceOptions = {}): CheckedAnalysis {
  const schema = options.schema ?? defaultSchema;
  if (last && last.text === text && (last.options.schema ?? defaultSchema) === schema && last.options.timeZone === options.timeZone) return last.analysis;
  const analysis = analyze(text, { schema, timeZone: options.timeZone });
  last = { text, options, analysis };
  return analysis;
}

/** Index of the last token that starts before `offset` (-1 when none). Tokens are sorted. */
export function tokenBefore(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset && tokens[mid].kind !== 'eof') {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** True when `offset` lies inside a `//` comment (after its first character). */
export function inComment(analysis: CheckedAnalysis, offset: number): boolean {
  return analysis.comments.some((c) => c.start < offset && offset <= c.end);
}

/** Known values for a field path: the schema's, then the client's, without duplicates. */
export function knownValues(path: string, schemaValues: readonly string[], options: ServiceOptions): string[] {
  const pushed = options.values && Object.prototype.hasOwnProperty.call(options.values, path) ? options.values[path] : [];
  const all = [...schemaValues, ...(Array.isArray(pushed) ? pushed : [])].filter((v): v is string => typeof v === 'string');
  return [...new Set(all)];
}
