/** A `@stats` cell: get_api_stats of the filter (hub-api.md §5.17), read as the stats view reads it. */
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { type TimeWindow } from '../../client/model';
import { formatCount } from '../../util/format';
import { LocalClock } from '../../webviews/calls/localClock';
import { statsSummary } from '../../webviews/stats/statsModel';
import { type CellDirectives } from '../cell/directives';
import { displayFilter, payloadBase, type RunContext } from './runContext';
import { type ResolvedScope } from './scope';

export async function runStats(context: RunContext, directives: CellDirectives, scope: ResolvedScope, kfl: string, window?: TimeWindow): Promise<NotebookOutput.StatsResult> {
  const { result } = await context.tools.client.call('get_api_stats', {
    scope: scope.scope.snapshotId, dissection: scope.dissection, kfl, start: window?.start, end: window?.end,
  }, directives.top === undefined ? {} : { top: directives.top }, { signal: context.signal });
  const base = payloadBase(context, scope.label);
  return { ...base, kind: 'stats', summary: statsSummary(result, scope.scope, displayFilter(kfl), new LocalClock(context.zone, base.capturedAt)) };
}

export function statsSummaryText(payload: NotebookOutput.StatsResult): string {
  const totals = payload.summary.totals;
  return totals ? `${formatCount(totals.calls)} calls, ${formatCount(totals.errors)} errors` : 'stats';
}
