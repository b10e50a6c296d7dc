// The stats bundle in jsdom: tiles, SVG charts (one bar per bucket, lines broken at empty
// buckets), tables whose rows open their calls by index, and hostile labels as text.
import assert from 'node:assert/strict';
import { type Stats } from '../../protocol/webviewMessages';
import { HOSTILE } from '../support/syntheticCalls';
import { ViewHarness } from './support/viewHarness';

const SCOPE = { label: 'Live traffic' };

function summary(over: Partial<Stats.Summary> = {}): Stats.Summary {
  return {
    scope: SCOPE, kfl: 'http', approximate: false,
    totals: { calls: 1200, errors: 30, clientErrors: 12, errorRate: 0.025, reqBytes: 1000, respBytes: 5000, callsPerSec: 2.5 },
    latency: { count: 1190, min: 0.4, p50: 18.2, p90: 96.7, p99: 2210.5, max: 30000, mean: 61.4 },
    byProtocol: [{ proto: 'http', calls: 1200, errors: 30, errorRate: 0.025, p50: 18.2, p90: 96.7, p99: 2210.5 }],
    statusClasses: { '2xx': 1150, '4xx': 12, '5xx': 30 },
    topEndpoints: [{ proto: 'http', method: 'POST', path: '/orders/{id}', dst: 'prod/payments', calls: 400, errors: 30, errorRate: 0.075, p50: 40, p99: 900 }],
    topTalkers: [{ src: 'prod/gateway', dst: 'prod/payments', calls: 400, errors: 30, bytes: 4096 }],
    buckets: [
      { ts: 0, label: '17:00:00 IST', title: 't0', calls: 600, errors: 10, p50: 17, p99: 200 },
      { ts: 60000, label: '17:01:00 IST', title: 't1', calls: 0, errors: 0, p50: null, p99: null },
      { ts: 120000, label: '17:02:00 IST', title: 't2', calls: 600, errors: 20, p50: 19, p99: 2200 },
    ],
    ...over,
  };
}

describe('stats webview (jsdom)', () => {
  let view: ViewHarness;
  afterEach(() => view?.close());

  it('shows totals, percentiles and the charts', () => {
    view = new ViewHarness('stats');
    view.send({ type: 'stats', summary: summary() });
    const text = view.document.querySelector('main')!.textContent!;
    for (const expected of ['1,200', '2.5 %', '18.2 ms', '2.21 s', 'Filter: http']) assert.ok(text.includes(expected), `shows ${expected}`);
    const [calls, latency] = [...view.document.querySelectorAll('svg.chart')];
    assert.equal(calls!.querySelectorAll('rect.series-calls').length, 3);
    assert.equal(calls!.querySelectorAll('rect.series-errors').length, 2, 'no error bar where there were none');
    const p50 = latency!.querySelector('path.series-p50')!.getAttribute('d')!;
    assert.equal((p50.match(/M/g) ?? []).length, 2, 'the line breaks at the empty bucket');
    assert.deepEqual(view.state, { scope: SCOPE, kfl: 'http' });
  });

  it('opens the calls of a table row by its index (the host builds the filter)', () => {
    view = new ViewHarness('stats');
    view.send({ type: 'stats', summary: summary() });
    const rows = [...view.document.querySelectorAll('tr.clickable')];
    view.click(rows[1]!);
    assert.deepEqual(view.posted.at(-1), { type: 'openCalls', table: 'endpoint', index: 0 });
  });

  it('shows hostile labels as text', () => {
    view = new ViewHarness('stats');
    view.send({ type: 'stats', summary: summary({ topTalkers: [{ src: HOSTILE.svg, dst: HOSTILE.rtl, calls: 1, errors: 0, bytes: 1 }], kfl: HOSTILE.script }) });
    const main = view.document.querySelector('main')!;
    assert.equal(main.querySelectorAll('script, img, iframe, a').length, 0);
    assert.ok(main.textContent!.includes(HOSTILE.svg) && main.textContent!.includes('invoice\\u202Egnp.exe'));
  });

  it('shows an error and keeps Refresh', () => {
    view = new ViewHarness('stats');
    view.send({ type: 'failed', scope: SCOPE, kfl: '', message: 'This Hub does not offer `get_api_stats`' });
    assert.ok(view.document.querySelector('.error-text')!.textContent!.includes('get_api_stats'));
    view.click([...view.document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh')!);
    assert.deepEqual(view.posted.at(-1), { type: 'refresh' });
  });
});
