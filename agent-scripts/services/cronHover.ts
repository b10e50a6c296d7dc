import { CronExpressionParser } from 'cron-parser';
import { formatLocalWithUtc } from '../../kfl/localTime';
import { sixFieldEquivalent } from '../cron/descriptors';
import { canonicalCron, validateCron } from '../cron/validate';

export interface CronHoverOptions {
  /** IANA zone the times are shown in (local time, with UTC beside it); default the process zone. */
  readonly timeZone?: string;
  /** IANA zone the Hub/worker evaluates cron in (spec §5: normally UTC in containers; unconfirmed). */
  readonly cronTimeZone?: string;
  /** Unix ms the next runs are counted from; default now. */
  readonly now?: number;
}

/** How many upcoming runs the hover lists. */
const RUNS = 3;

/** The next runs of a valid six-field expression, as Unix ms; empty if it never fires. */
export function nextRuns(cron: string, count: number, from: number, cronTimeZone: string): number[] {
  try {
    const expression = CronExpressionParser.parse(cron, { currentDate: new Date(from), tz: cronTimeZone });
    const runs: number[] = [];
    for (let i = 0; i < count && expression.hasNext(); i++) runs.push(expression.next().getTime());
    return runs;
  } catch {
    return [];
  }
}

/** Hover text for a `jobs.schedule` cron string: validity, then the next three runs. */
export function cronHoverMarkdown(cron: string, options: CronHoverOptions = {}): string {
  const heading = `**Cron** \`${cron}\``;
  if (cron.trim().startsWith('@')) {
    const six = sixFieldEquivalent(cron);
    return `${heading}\n\nA descriptor; support is unconfirmed.${six ? ` Six fields: \`${six}\`.` : ''}`;
  }
  const result = validateCron(cron);
  if (!result.ok) return `${heading}\n\nInvalid: ${result.problem.message}`;
  const zone = options.cronTimeZone ?? 'UTC';
  const runs = nextRuns(canonicalCron(result.fields), RUNS, options.now ?? Date.now(), zone);
  const fields = 'second minute hour day-of-month month day-of-week';
  const list = runs.length > 0 ? runs.map((ms) => `- ${formatLocalWithUtc(ms, options.timeZone)}`).join('\n') : '- never (no date matches)';
  return `${heading} — ${fields}\n\nNext runs (cron evaluated in ${zone}, the Hub/worker zone; unconfirmed):\n${list}`;
}
