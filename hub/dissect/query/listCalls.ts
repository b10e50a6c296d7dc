/**
 * `list_api_calls` over one call store (hub-api.md §5.14): KFL filter, time window on `ts`,
 * order by ts then id, paging by cursor or offset, `group_by` counts over all matches, and the
 * number of rows whose filter evaluation failed.
 */
import { type CallCompact, type CallFull, type ListApiCallsResult } from '../../../protocol/hubApi';
import { type CallStore } from '../store/callStore';
import { decodeCursor, encodeCursor, queryKey } from './cursor';
import { compileFilter } from './filter';
import { rawRecord } from './kflRecord';
import { RowView } from './rowView';
import { compactCall, fullCall } from './shapes';

export type CallFormat = 'compact' | 'full' | 'raw';
export type GroupBy = 'node' | 'ns' | 'worker';

export interface ListCallsQuery {
  kfl: string;
  startTime?: number;
  endTime?: number;
  limit: number;
  format: CallFormat;
  groupBy?: GroupBy;
  order: 'asc' | 'desc';
  cursor?: string;
  offset?: number;
  /** `now()` of the filter (Unix ms). */
  now?: number;
}

export type ShapedCall = CallCompact | CallFull | Record<string, unknown>;

export function listCalls(store: CallStore, q: ListCallsQuery): ListApiCallsResult<ShapedCall> {
  const filter = compileFilter(q.kfl, store, q.now);
  const key = queryKey([q.kfl, q.startTime ?? null, q.endTime ?? null, q.order]);
  const skip = q.cursor !== undefined ? decodeCursor(q.cursor, store.generation, key) : (q.offset ?? 0);
  const view = new RowView(store);
  const ts = store.columns.tsUs;
  const startUs = q.startTime === undefined ? -Infinity : q.startTime * 1000;
  const endUs = q.endTime === undefined ? Infinity : (q.endTime + 1) * 1000;
  const order = store.order;
  const n = order.length;
  const kinds = store.columns.kind;
  const allowed = new Uint8Array(256);
  for (let k = 0; k < 256; k++) allowed[k] = filter.kindAllowed(k) ? 1 : 0;
  const page: number[] = [];
  const groups = q.groupBy ? new Map<string, number>() : null;
  let total = 0;
  let evalErrors = 0;
  for (let k = 0; k < n; k++) {
    const row = order[q.order === 'asc' ? k : n - 1 - k]!;
    const t = ts[row]!;
    // Window bounds are ms, inclusive: a row belongs by its ts truncated to ms.
    if (t < startUs || t >= endUs) continue;
    if (allowed[kinds[row]!] === 0) continue;
    if (!filter.all) {
      const outcome = filter.evaluate(row);
      if (outcome !== true) {
        if (outcome !== false) evalErrors++;
        continue;
      }
    }
    if (total >= skip && page.length < q.limit) page.push(row);
    total++;
    if (groups) {
      const g = groupKey(view, row, q.groupBy!);
      groups.set(g, (groups.get(g) ?? 0) + 1);
    }
  }
  const end = skip + page.length;
  const truncated = total > end;
  const result: ListApiCallsResult<ShapedCall> = {
    calls: page.map((row) => shape(view, row, q.format)),
    total,
    truncated,
    next_cursor: truncated ? encodeCursor(store.generation, key, end) : null,
    offset: skip,
  };
  if (groups) result.groups = [...groups].map(([k, t]) => ({ key: k, total: t })).sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  if (evalErrors > 0) result.eval_errors = evalErrors;
  return result;
}

export function shape(view: RowView, row: number, format: CallFormat): ShapedCall {
  if (format === 'full') return fullCall(view, row);
  if (format === 'raw') return rawRecord(view, row);
  return compactCall(view, row);
}

function groupKey(view: RowView, row: number, by: GroupBy): string {
  if (by === 'ns') {
    const dst = view.dst(row);
    const src = view.src(row);
    return dst.podNamespace || dst.serviceNamespace || src.podNamespace || src.serviceNamespace || '';
  }
  return view.store.nodes[view.store.columns.node[row]!] ?? '';
}
