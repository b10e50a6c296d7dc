/**
 * A plain KFL cell: list_api_calls (hub-api.md §5.14) in time order, paged the way the Hub's
 * schema allows (the call list's CallPager), as rows of the call list. "Load more" appends pages
 * to the same output until the notebook's row cap; beyond it the call list takes over.
 */
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { type TimeWindow } from '../../client/model';
import { type ApiCallQuery } from '../../client/tools';
import { formatCount } from '../../util/format';
import { CallPager, listCapabilities } from '../../webviews/calls/callPager';
import { callRow } from '../../webviews/calls/callRow';
import { LocalClock } from '../../webviews/calls/localClock';
import { type CellDirectives } from '../cell/directives';
import { displayFilter, payloadBase, type RunContext } from './runContext';
import { type ResolvedScope } from './scope';

/** Rows one notebook output holds at most; the call list handles more. */
export const MAX_NOTEBOOK_ROWS = 10_000;

export interface CallsQuery {
  readonly scope: ResolvedScope;
  readonly kfl: string;
  readonly window?: TimeWindow;
  readonly pageSize?: number;
}

export async function startCallsQuery(context: RunContext, query: CallsQuery): Promise<CallPager> {
  const capabilities = listCapabilities(await context.tools.client.tool('list_api_calls', context.signal));
  const { window } = query;
  const list = (q: ApiCallQuery, signal?: AbortSignal) => context.tools.listApiCalls({ start: window?.start, end: window?.end, ...q }, { signal });
  return new CallPager(list, { snapshot: query.scope.scope.snapshotId, dissection: query.scope.dissection, kfl: query.kfl, order: 'asc' }, {
    ...capabilities, maxLimit: Math.min(capabilities.maxLimit, query.pageSize ?? capabilities.maxLimit),
  });
}

/** The first page of a calls cell. */
export async function runQuery(context: RunContext, directives: CellDirectives, scope: ResolvedScope, kfl: string, window?: TimeWindow): Promise<{ payload: NotebookOutput.Calls; pager: CallPager }> {
  const pager = await startCallsQuery(context, { scope, kfl, window, pageSize: directives.limit });
  const empty: NotebookOutput.Calls = { ...payloadBase(context, scope.label), kind: 'calls', scope: scope.scope, kfl: displayFilter(kfl), rows: [], more: true };
  return { payload: await appendPage(context, empty, pager), pager };
}

/** The output with the pager's next page appended (a new payload: outputs are replaced whole). */
export async function appendPage(context: Pick<RunContext, 'zone' | 'now' | 'signal'>, current: NotebookOutput.Calls, pager: CallPager): Promise<NotebookOutput.Calls> {
  const page = await pager.next(context.signal);
  const clock = new LocalClock(context.zone, context.now());
  const room = MAX_NOTEBOOK_ROWS - current.rows.length;
  const rows = [...current.rows, ...page.calls.slice(0, room).map((call) => callRow(call, clock))];
  const capped = rows.length >= MAX_NOTEBOOK_ROWS && (page.more || page.calls.length > room);
  const note = capped
    ? `A notebook output holds at most ${formatCount(MAX_NOTEBOOK_ROWS)} calls; open the query in the call list for the rest.`
    : page.note ?? current.note;
  return { ...current, rows, total: page.total ?? current.total, more: page.more && !capped, note };
}

export function callsSummary(payload: NotebookOutput.Calls): string {
  const total = payload.total ?? payload.rows.length;
  return `${formatCount(total)} ${total === 1 ? 'call' : 'calls'}${payload.rows.length < total ? ` (${formatCount(payload.rows.length)} loaded)` : ''}`;
}
