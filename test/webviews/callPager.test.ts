// Paging of list_api_calls as the Hub's schema allows (hub-api.md §5.14): cursor, offset, time
// slices (duplicates at a slice's edge dropped, both orders) and a single page with a note; the
// pages come from a fake Hub that implements the spec's paging over a list of calls.
import assert from 'node:assert/strict';
import { type JsonSchema } from '../../protocol/hubApi';
import { type JsonObject } from '../../extension/client/json';
import { type ApiCallPage, type ApiCallQuery } from '../../extension/client/tools';
import { CallPager, FIRST_PAGE, listCapabilities, type ListCapabilities, type PagingMode } from '../../extension/webviews/calls/callPager';

/** 2,500 calls; every fourth shares its millisecond with the next (slices must not lose or repeat them). */
const CALLS: JsonObject[] = Array.from({ length: 2500 }, (_, i) => ({ id: `n/${i}/0`, ts: 1_000_000 + Math.floor(i * 0.75) }));

function fakeHub(mode: PagingMode, seen: ApiCallQuery[]) {
  return async (q: ApiCallQuery): Promise<ApiCallPage> => {
    seen.push(q);
    let list = q.order === 'desc' ? [...CALLS].reverse() : CALLS;
    if (q.start !== undefined) list = list.filter((c) => (c.ts as number) >= q.start!);
    if (q.end !== undefined) list = list.filter((c) => (c.ts as number) <= q.end!);
    const skip = mode === 'cursor' && q.cursor ? Number(q.cursor) : mode === 'offset' ? q.offset ?? 0 : 0;
    const limit = q.limit ?? 100;
    const calls = list.slice(skip, skip + limit);
    const truncated = list.length > skip + calls.length;
    return { calls, total: mode === 'time' ? CALLS.length : list.length, truncated, nextCursor: mode === 'cursor' && truncated ? String(skip + limit) : undefined, raw: {} };
  };
}

async function drain(pager: CallPager): Promise<{ ids: string[]; notes: (string | undefined)[] }> {
  const ids: string[] = [];
  const notes: (string | undefined)[] = [];
  for (let guard = 0; pager.more && guard < 100; guard++) {
    const page = await pager.next();
    ids.push(...page.calls.map((c) => c.id as string));
    notes.push(page.note);
  }
  return { ids, notes };
}

const caps = (paging: PagingMode, order = true): ListCapabilities => ({ paging, order, full: true, maxLimit: 1000 });

describe('call pager (list_api_calls paging)', () => {
  for (const mode of ['cursor', 'offset', 'time'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`delivers every call once, in order, by ${mode} (${order})`, async () => {
        const seen: ApiCallQuery[] = [];
        const { ids } = await drain(new CallPager(fakeHub(mode, seen), { kfl: 'http', order }, caps(mode)));
        const expected = (order === 'desc' ? [...CALLS].reverse() : CALLS).map((c) => c.id);
        assert.deepEqual(ids, expected);
        assert.equal(seen[0]!.limit, FIRST_PAGE, 'a small first page paints quickly');
        assert.ok(seen.slice(1).every((q) => q.limit === 1000));
        if (mode === 'time') assert.ok(seen.slice(1).every((q) => (order === 'asc' ? q.start !== undefined : q.end !== undefined)));
      });
    }
  }

  it('stops after one page on a Hub without paging, and says so', async () => {
    const { ids, notes } = await drain(new CallPager(fakeHub('none', []), { kfl: '', order: 'asc' }, caps('none')));
    assert.equal(ids.length, FIRST_PAGE);
    assert.match(notes[0]!, /showing the first 200 of 2,500/);
  });

  it('sends order and format only when declared', async () => {
    const seen: ApiCallQuery[] = [];
    await new CallPager(fakeHub('cursor', seen), { kfl: '', order: 'desc' }, { paging: 'cursor', order: false, full: false, maxLimit: 50 }).next();
    assert.equal(seen[0]!.order, undefined);
    assert.equal(seen[0]!.format, undefined);
    assert.equal(seen[0]!.limit, 50, 'never more than the schema allows');
  });

  it('reads paging, order, format and page size from the live schema', () => {
    const tool = (properties: Record<string, JsonSchema>) => ({ name: 'list_api_calls', inputSchema: { type: 'object' as const, properties } });
    assert.deepEqual(listCapabilities(tool({ kfl: {}, cursor: {}, offset: {}, order: {}, format: { enum: ['compact', 'full', 'raw'] }, limit: { maximum: 1000 } })), { paging: 'cursor', order: true, full: true, maxLimit: 1000 });
    assert.deepEqual(listCapabilities(tool({ kfl: {}, offset: {}, limit: { maximum: 500 } })), { paging: 'offset', order: false, full: false, maxLimit: 500 });
    assert.deepEqual(listCapabilities(tool({ kfl: {}, start: {}, end: {}, format: { type: 'string' } })), { paging: 'time', order: false, full: false, maxLimit: 1000 });
    assert.deepEqual(listCapabilities(tool({ kfl: {}, limit: {} })).paging, 'none');
  });
});
