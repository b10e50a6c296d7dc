// The call list bundle in jsdom: the ready handshake, rendering, virtualization at 100,000 rows,
// paging requests, sorting (the Hub's time order versus loaded-row sorts), the quick filter,
// column show/hide, filter diagnostics, exports, persisted state and hostile strings.
import assert from 'node:assert/strict';
import { type CallList } from '../../protocol/webviewMessages';
import { HOSTILE } from '../support/syntheticCalls';
import { type Posted, VIEWPORT_PX, ViewHarness } from './support/viewHarness';

const SCOPE = { snapshotId: 'snap-1', dissection: 'default', label: 'checkout-outage' };
const CAPABILITIES: CallList.Capabilities = { serverTimeOrder: true, exportPcap: true, openInNotebook: false };

function row(i: number, over: Partial<CallList.Row> = {}): CallList.Row {
  return {
    id: `node/${i}/0`, ts: 1_773_509_025_000 + i, time: `17:00:${String(i % 60).padStart(2, '0')}.000 IST`, timeTitle: 'local (UTC)',
    proto: 'http', method: i % 2 ? 'POST' : 'GET', path: `/items/${i}`, status: [200, 404, 500][i % 3]!, statusClass: (['ok', 'client-error', 'error'] as const)[i % 3]!,
    elapsedMs: (i * 37) % 1000, src: `prod/client-${i % 7}`, srcTitle: '', dst: 'prod/items', dstTitle: '', node: 'node-a', reqSize: 100 + i, respSize: 200, ...over,
  };
}

function rows(n: number, start = 0): CallList.Row[] {
  return Array.from({ length: n }, (_, k) => row(start + k));
}

/** A call list that has shaken hands, been initialised and received `initial` rows. */
function open(initial: CallList.Row[], over: { more?: boolean; total?: number; capabilities?: CallList.Capabilities; state?: unknown } = {}): ViewHarness {
  const view = new ViewHarness('callList', over.state);
  view.setHeight(view.document.querySelector('.grid-viewport')!, VIEWPORT_PX);
  view.send({ type: 'init', scope: SCOPE, kfl: 'http', sort: { column: 'time', direction: 'asc' }, capabilities: over.capabilities ?? CAPABILITIES });
  view.send({ type: 'rows', queryId: 1, kfl: 'http', reset: true, rows: initial, total: over.total ?? initial.length, loaded: initial.length, more: over.more ?? false });
  return view;
}

const gridRows = (view: ViewHarness): HTMLElement[] => [...view.document.querySelectorAll<HTMLElement>('.grid-row')];
const cellTexts = (view: ViewHarness, column: number): string[] => gridRows(view)
  .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
  .map((r) => r.children[column]!.textContent ?? '');
const header = (view: ViewHarness, label: string): Element => [...view.document.querySelectorAll('.grid-header-cell')].find((c) => c.textContent?.startsWith(label))!;

describe('call list webview (jsdom)', () => {
  let view: ViewHarness;
  afterEach(() => view?.close());

  it('says ready once its listener is in place, before anything else', () => {
    view = new ViewHarness('callList');
    assert.deepEqual(view.posted, [{ type: 'ready' }]);
  });

  it('renders rows with their columns and status classes', () => {
    view = open(rows(3));
    assert.equal(gridRows(view).length, 3);
    assert.deepEqual(cellTexts(view, 3), ['/items/0', '/items/1', '/items/2']);
    assert.deepEqual(gridRows(view).map((r) => r.querySelector('.status')?.className), ['status status-ok', 'status status-client-error', 'status status-error']);
    assert.match(view.document.querySelector('.status-text')!.textContent!, /3 of 3 loaded/);
  });

  it('keeps the DOM bounded at 100,000 rows and reaches the last row', async () => {
    view = open(rows(100_000));
    const bound = Math.ceil(VIEWPORT_PX / 24) + 2 * 8 + 2;
    assert.ok(gridRows(view).length <= bound, `${gridRows(view).length} rows in the DOM`);
    const viewport = view.document.querySelector<HTMLElement>('.grid-viewport')!;
    assert.equal(view.document.querySelector<HTMLElement>('.grid-spacer')!.style.height, `${100_000 * 24}px`);
    viewport.scrollTop = 100_000 * 24;
    viewport.dispatchEvent(new view.dom.window.Event('scroll'));
    await view.frame();
    assert.ok(gridRows(view).length <= bound);
    assert.ok(gridRows(view).some((r) => r.dataset.index === '99999'), 'the last row is rendered');
    assert.ok(cellTexts(view, 3).includes('/items/99999'));
  });

  it('asks the host for the next page near the end, once per page', async () => {
    view = open(rows(30), { more: true, total: 100 });
    const viewport = view.document.querySelector<HTMLElement>('.grid-viewport')!;
    viewport.scrollTop = 30 * 24;
    viewport.dispatchEvent(new view.dom.window.Event('scroll'));
    await view.next((m) => m.type === 'loadMore');
    viewport.dispatchEvent(new view.dom.window.Event('scroll'));
    await view.frame();
    assert.equal(view.posted.filter((m) => m.type === 'loadMore').length, 1, 'no second request while the page is on its way');
    view.send({ type: 'rows', queryId: 1, kfl: 'http', reset: false, rows: rows(30, 30), total: 100, loaded: 60, more: true });
    assert.match(view.document.querySelector('.status-text')!.textContent!, /60 of 100 loaded/);
  });

  it('sorts other columns over the loaded rows and asks the Hub for time order', async () => {
    view = open(rows(6));
    view.click(header(view, 'Status'));
    assert.deepEqual(cellTexts(view, 4), ['500', '500', '404', '404', '200', '200']);
    assert.match(view.document.querySelector('.status-text')!.textContent!, /sorted by status within the loaded rows/);
    view.click(header(view, 'Time'));
    view.click(header(view, 'Time'));
    const order = await view.next((m) => m.type === 'order' && m.direction === 'desc');
    assert.deepEqual(order, { type: 'order', direction: 'desc' });
  });

  it('sorts time over the loaded rows when the Hub cannot order', () => {
    view = open([row(2), row(0), row(1)], { capabilities: { ...CAPABILITIES, serverTimeOrder: false } });
    view.click(header(view, 'Time'));
    assert.deepEqual(cellTexts(view, 3), ['/items/2', '/items/1', '/items/0']);
    assert.equal(view.posted.some((m) => m.type === 'order'), false);
  });

  it('narrows the loaded rows with the quick filter and keeps it in the saved state', () => {
    view = open(rows(20));
    const quick = view.document.querySelector<HTMLInputElement>('.quick-filter')!;
    quick.value = 'items/1';
    quick.dispatchEvent(new view.dom.window.Event('input'));
    assert.deepEqual(cellTexts(view, 3), ['/items/1', ...Array.from({ length: 10 }, (_, k) => `/items/${10 + k}`)]);
    assert.equal((view.state as CallList.PersistedState).quickFilter, 'items/1');
  });

  it('hides a column from the Columns menu', () => {
    view = open(rows(2));
    view.click(view.document.querySelector('.columns-picker button'));
    const box = view.document.querySelector<HTMLInputElement>('input[data-column="node"]')!;
    box.checked = false;
    box.dispatchEvent(new view.dom.window.Event('change'));
    assert.equal([...view.document.querySelectorAll('.grid-header-cell')].some((c) => c.textContent === 'Node'), false);
    assert.equal(gridRows(view)[0]!.children.length, 8);
    assert.deepEqual((view.state as CallList.PersistedState).hidden, ['node']);
  });

  it('checks the filter through the host and marks the problem range; Enter runs it', async () => {
    view = open(rows(2));
    const input = view.document.querySelector<HTMLInputElement>('.filter-input')!;
    input.value = 'http && stauts == 1';
    input.dispatchEvent(new view.dom.window.Event('input'));
    const request = await view.next((m) => m.type === 'request' && (m.params as { text: string }).text === 'http && stauts == 1');
    view.send({ type: 'reply', requestId: request.requestId, ok: true, result: { hasErrors: true, diagnostics: [{ code: 'kfl/unknown-field', severity: 'error', message: "Unknown field 'stauts'", start: 8, end: 14 }] } });
    const mark = await waitFor(() => view.document.querySelector('mark.range.error'));
    assert.equal(mark.textContent, 'stauts');
    assert.equal(input.classList.contains('invalid'), true);
    input.dispatchEvent(new view.dom.window.KeyboardEvent('keydown', { key: 'Enter' }));
    assert.deepEqual(view.posted.at(-1), { type: 'query', kfl: 'http && stauts == 1', force: false });
  });

  it('keeps the last good rows when a query fails, and offers Send Anyway', () => {
    view = open(rows(4));
    view.send({ type: 'queryFailed', queryId: 2, kfl: 'bad ==', message: 'The filter has errors', diagnostics: [{ code: 'kfl/syntax', severity: 'error', message: 'Expected an operand', start: 6, end: 6 }] });
    assert.equal(gridRows(view).length, 4);
    const anyway = [...view.document.querySelectorAll('button')].find((b) => b.textContent === 'Send Anyway')!;
    assert.equal(anyway.hidden, false);
  });

  it('exports the rows on screen in their order', () => {
    view = open(rows(5));
    view.click(header(view, 'Elapsed'));
    view.click([...view.document.querySelectorAll('button')].find((b) => b.textContent === 'CSV')!);
    const exported = view.posted.at(-1) as Posted & { ids: string[] };
    assert.equal(exported.type, 'export');
    assert.equal(exported.format, 'csv');
    assert.deepEqual(exported.ids, ['node/4/0', 'node/3/0', 'node/2/0', 'node/1/0', 'node/0/0']);
  });

  it('opens details on double click and on Enter', () => {
    view = open(rows(3));
    gridRows(view)[1]!.dispatchEvent(new view.dom.window.MouseEvent('dblclick', { bubbles: true }));
    assert.deepEqual(view.posted.at(-1), { type: 'action', action: 'details', id: 'node/1/0' });
    const viewport = view.document.querySelector('.grid-viewport')!;
    viewport.dispatchEvent(new view.dom.window.KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    viewport.dispatchEvent(new view.dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    assert.deepEqual(view.posted.at(-1), { type: 'action', action: 'details', id: 'node/2/0' });
  });

  it('labels rows for the context menu', () => {
    view = open(rows(1));
    assert.deepEqual(JSON.parse(gridRows(view)[0]!.getAttribute('data-vscode-context')!), {
      webviewSection: 'callRow', callId: 'node/0/0', callProto: 'http', callPcap: true, preventDefaultContextMenuItems: true,
    });
  });

  it('shows hostile strings as text and invisible characters as escapes', () => {
    view = open([row(0, { path: HOSTILE.script, method: HOSTILE.img, src: HOSTILE.svg, dst: HOSTILE.rtl, node: HOSTILE.zeroWidth, proto: HOSTILE.jsUrl })]);
    const element = gridRows(view)[0]!;
    assert.equal(element.querySelectorAll('script, img, svg, iframe, a, link').length, 0);
    assert.equal(element.children[3]!.textContent, HOSTILE.script);
    assert.equal(element.children[2]!.textContent, HOSTILE.img);
    assert.equal(element.children[6]!.textContent, `${HOSTILE.svg} → invoice\\u202Egnp.exe`);
    assert.equal(element.children[7]!.textContent, 'pay\\u200Bment\\u200D-service');
    assert.equal(element.querySelectorAll('.escape').length, 3);
    assert.equal(element.textContent!.includes('\u202E'), false);
  });

  it('restores its draft, sort, columns and quick filter from the saved state', () => {
    const state: CallList.PersistedState = {
      scope: SCOPE, kfl: 'http', draft: 'http && status_code >= 500', sort: { column: 'elapsed', direction: 'asc' }, hidden: ['size'], quickFilter: 'items/1',
    };
    view = open(rows(12), { state });
    assert.equal(view.document.querySelector<HTMLInputElement>('.filter-input')!.value, 'http && status_code >= 500');
    assert.equal(view.document.querySelector<HTMLInputElement>('.quick-filter')!.value, 'items/1');
    assert.equal([...view.document.querySelectorAll('.grid-header-cell')].some((c) => c.textContent === 'Sizes'), false);
    assert.deepEqual(cellTexts(view, 3), ['/items/1', '/items/10', '/items/11']);
  });
});

/** Resolves with the element once it exists (the view fills it in after a reply's promise settles). */
async function waitFor<T>(find: () => T | null): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found) return found;
    await Promise.resolve();
  }
  throw new Error('never appeared');
}
