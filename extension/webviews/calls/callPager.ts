/**
 * Pages of one query of list_api_calls (hub-api.md §5.14), in the way the Hub's schema allows:
 * by `cursor` when declared, else by `offset`, else by time slices (the next query starts at the
 * last `ts` received — or ends there, newest first — and ids already seen are dropped), else the
 * first page only with "first N of total".
 */
import { type ToolDescriptor } from '../../../protocol/hubApi';
import { schemaProperties, takes } from '../../client/adapt';
import { arr, asObject, type JsonObject, num, prop, str } from '../../client/json';
import { type ApiCallPage, type ApiCallQuery } from '../../client/tools';

export type PagingMode = 'cursor' | 'offset' | 'time' | 'none';

/** What the Hub's list_api_calls declares (read from its live schema by the caller). */
export interface ListCapabilities {
  readonly paging: PagingMode;
  readonly order: boolean;
  readonly full: boolean;
  /** The schema's maximum page size (1,000 on the Local Hub). */
  readonly maxLimit: number;
}

/** Reads paging, order, format and page size from the live schema of list_api_calls (§2.4). */
export function listCapabilities(tool: ToolDescriptor): ListCapabilities {
  const properties = schemaProperties(tool);
  // A schema without properties gets the Local canonical names (§2.4 rule 3).
  if (properties === undefined) return { paging: 'cursor', order: true, full: true, maxLimit: LATER_PAGE };
  const declared = (name: string): boolean => prop(properties, name) !== undefined;
  const paging: PagingMode = declared('cursor') ? 'cursor' : declared('offset') ? 'offset' : takes(tool, 'start') || takes(tool, 'end') ? 'time' : 'none';
  const formats = arr(asObject(prop(properties, 'format')), 'enum');
  const maximum = num(asObject(prop(properties, 'limit')), 'maximum') ?? num(asObject(prop(properties, 'page_size')), 'maximum');
  return {
    paging,
    order: declared('order'),
    full: formats?.includes('full') ?? false,
    maxLimit: maximum !== undefined && maximum >= 1 ? Math.min(maximum, LATER_PAGE) : LATER_PAGE,
  };
}

export interface PagerQuery {
  readonly snapshot?: string;
  readonly dissection?: string;
  readonly kfl: string;
  readonly order: 'asc' | 'desc';
}

export interface Page {
  /** Calls not delivered before (duplicates of time slicing removed). */
  readonly calls: readonly JsonObject[];
  readonly total?: number;
  readonly more: boolean;
  readonly note?: string;
}

export type ListPage = (query: ApiCallQuery, signal?: AbortSignal) => Promise<ApiCallPage>;

/** The first page is small, so the first rows show quickly; later pages are as large as the Hub allows. */
export const FIRST_PAGE = 200;
export const LATER_PAGE = 1000;
/** Time slicing stops when a slice brings nothing new this many times in a row (calls sharing one ms). */
const STALLED_SLICES = 2;

export class CallPager {
  private _cursor?: string;
  private _loaded = 0;
  private _pages = 0;
  private _more = true;
  private _total?: number;
  private readonly _seen = new Set<string>();
  private _sliceAt?: number;
  private _stalled = 0;

  constructor(
    private readonly _list: ListPage,
    private readonly _query: PagerQuery,
    private readonly _capabilities: ListCapabilities,
  ) {}

  get loaded(): number {
    return this._loaded;
  }

  get more(): boolean {
    return this._more;
  }

  async next(signal?: AbortSignal): Promise<Page> {
    if (!this._more) return { calls: [], total: this._total, more: false };
    const caps = this._capabilities;
    const limit = Math.min(caps.maxLimit, this._pages === 0 ? FIRST_PAGE : LATER_PAGE);
    const query: ApiCallQuery = {
      snapshot: this._query.snapshot, dissection: this._query.dissection, kfl: this._query.kfl, limit,
      order: caps.order ? this._query.order : undefined, format: caps.full ? 'full' : undefined,
    };
    if (this._pages > 0) {
      if (caps.paging === 'cursor') query.cursor = this._cursor;
      else if (caps.paging === 'offset') query.offset = this._loaded;
      else if (caps.paging === 'time' && this._sliceAt !== undefined) {
        if (this._query.order === 'desc') query.end = this._sliceAt;
        else query.start = this._sliceAt;
      }
    }
    const page = await this._list(query, signal);
    this._pages++;
    if (page.total !== undefined) this._total = page.total;
    const calls = page.calls.filter((call) => {
      const id = str(call, 'id') ?? '';
      if (this._seen.has(id)) return false;
      this._seen.add(id);
      return true;
    });
    this._loaded += calls.length;
    this._more = this._hasMore(page, calls);
    return { calls, total: this._total, more: this._more, note: this._note(page) };
  }

  private _hasMore(page: ApiCallPage, fresh: readonly JsonObject[]): boolean {
    const reachedTotal = this._total !== undefined && this._loaded >= this._total;
    switch (this._capabilities.paging) {
      case 'cursor':
        this._cursor = page.nextCursor;
        return page.nextCursor !== undefined && !reachedTotal;
      case 'offset':
        return page.truncated && page.calls.length > 0 && !reachedTotal;
      case 'time': {
        const last = page.calls.length > 0 ? num(page.calls[page.calls.length - 1]!, 'ts') : undefined;
        this._sliceAt = last;
        this._stalled = fresh.length === 0 ? this._stalled + 1 : 0;
        return page.truncated && last !== undefined && !reachedTotal && this._stalled < STALLED_SLICES;
      }
      case 'none':
        return false;
    }
  }

  private _note(page: ApiCallPage): string | undefined {
    const mode = this._capabilities.paging;
    if (mode === 'none' && page.truncated) {
      return `This Hub returns one page per query: showing the first ${this._loaded.toLocaleString('en-US')}${this._total === undefined ? '' : ` of ${this._total.toLocaleString('en-US')}`}. Narrow the filter to see the rest.`;
    }
    if (mode === 'time') return 'This Hub does not page list_api_calls: later rows are fetched by time slices.';
    return undefined;
  }
}
