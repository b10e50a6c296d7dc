// The call details bundle in jsdom: sections, foldable JSON, hex dumps, caps with "Open in
// Editor", buttons by capability, hostile strings as text, and the state kept for the serializer.
import assert from 'node:assert/strict';
import { type CallDetails } from '../../protocol/webviewMessages';
import { HOSTILE } from '../support/syntheticCalls';
import { ViewHarness } from './support/viewHarness';

const SCOPE = { snapshotId: 'snap-1', dissection: 'default', label: 'checkout-outage' };
const ALL: CallDetails.Capabilities = { curl: true, exportPcap: true, openInNotebook: true };

function call(over: Partial<CallDetails.Call> = {}): CallDetails.Call {
  return {
    id: 'node-a/3/0', scope: SCOPE, proto: 'http', method: 'POST', url: '/orders/charge?retry=1', path: '/orders/charge', status: 503, statusClass: 'error',
    httpVersion: 'HTTP/1.1', time: '2026-03-14 22:30:00.412 IST (17:00:00.412 UTC)', elapsedMs: 12.5, reqSize: 412, respSize: 156, node: 'node-a',
    src: { ip: '10.0.1.5', port: 51148, pod: 'api-gateway', namespace: 'prod' }, dst: { ip: '10.0.2.10', port: 8080, service: 'payment-service', namespace: 'prod' },
    query: [{ name: 'retry', value: '1' }],
    request: { headers: [{ name: 'content-type', value: 'application/json' }], cookies: [], body: { text: '{"order":"A-1931","items":[1,2]}', encoding: 'utf8', contentType: 'application/json', truncated: false, size: 40 } },
    response: { headers: [], cookies: [], body: { text: 'upstream connect error', encoding: 'utf8', contentType: 'text/plain', truncated: false, size: 22 } },
    partial: false, similarKfl: 'http && method == "POST"', ...over,
  };
}

function show(model: CallDetails.Call, capabilities = ALL, pinned = false): ViewHarness {
  const view = new ViewHarness('callDetails');
  view.send({ type: 'call', call: model, capabilities, pinned });
  return view;
}

const text = (view: ViewHarness): string => view.document.querySelector('main')!.textContent ?? '';
const buttons = (view: ViewHarness): string[] => [...view.document.querySelectorAll<HTMLElement>('.actions button')].map((b) => b.dataset.button!);

describe('call details webview (jsdom)', () => {
  let view: ViewHarness;
  afterEach(() => view?.close());

  it('shows request, response, identities and timing', () => {
    view = show(call());
    const all = text(view);
    for (const expected of ['POST', '/orders/charge?retry=1', '503', 'api-gateway', 'payment-service', '12.5 ms', '412 B', 'retry', 'upstream connect error', '17:00:00.412 UTC']) {
      assert.ok(all.includes(expected), `shows ${expected}`);
    }
    assert.deepEqual(view.state, { id: 'node-a/3/0', scope: SCOPE, pinned: false });
  });

  it('pretty-prints a JSON body as a foldable tree', () => {
    view = show(call());
    const tree = view.document.querySelector('.json')!;
    assert.equal(tree.querySelectorAll('details').length, 2, 'the object and its array fold');
    assert.deepEqual([...tree.querySelectorAll('.json-key')].map((k) => k.textContent), ['order', 'items', '0', '1']);
  });

  it('shows a binary body as a hex dump and offers the whole body beyond its cap', () => {
    const bytes = Buffer.alloc(5000, 0xab);
    bytes.write('GIF89a', 0, 'latin1');
    view = show(call({ response: { headers: [], cookies: [], body: { text: bytes.toString('base64'), encoding: 'base64', contentType: 'image/gif', truncated: false, size: 5000 } } }));
    const hex = view.document.querySelector('pre.hex')!.textContent!;
    assert.match(hex.split('\n')[0]!, /^00000000 {2}47 49 46 38 39 61 ab ab ab ab ab ab ab ab ab ab {2}\|GIF89a\.{10}\|$/);
    assert.equal(hex.split('\n').length, 256, '4 KiB shown');
    view.click([...view.document.querySelectorAll('button')].find((b) => b.textContent === 'Open in Editor')!);
    assert.deepEqual(view.posted.at(-1), { type: 'openBody', side: 'response' });
  });

  it('offers the whole body when the Hub sent a preview', () => {
    view = show(call({ request: { headers: [], cookies: [], body: { text: 'abc', encoding: 'utf8', contentType: 'text/plain', truncated: true, size: 100000 } } }));
    assert.ok(text(view).includes('The Hub sent a preview of this body.'));
  });

  it('offers the buttons the call and the Hub allow', () => {
    view = show(call());
    assert.deepEqual(buttons(view), ['copyCurl', 'exportPcap', 'copyJson', 'findSimilar', 'openInNotebook', 'pin']);
    view.close();
    view = show(call({ proto: 'dns' }), { curl: false, exportPcap: false, openInNotebook: false }, true);
    assert.deepEqual(buttons(view), ['copyJson', 'findSimilar']);
    view.click(view.document.querySelector('[data-button="findSimilar"]'));
    assert.deepEqual(view.posted.at(-1), { type: 'button', button: 'findSimilar' });
  });

  it('shows DNS, TLS and SQL parts', () => {
    view = show(call({ proto: 'dns', dns: { questions: ['payments.prod.svc'], answers: ['10.0.2.10'], rcode: 3, questionTypes: ['A'] } }));
    assert.ok(text(view).includes('payments.prod.svc'));
    view.close();
    view = show(call({ proto: 'postgresql', sql: { command: 'SELECT', query: 'SELECT 1', database: 'shop', user: 'app', errorCode: '', errorMessage: '' } }));
    assert.ok(text(view).includes('SELECT 1'));
  });

  it('shows hostile strings as text, never as markup or links', () => {
    view = show(call({
      method: HOSTILE.img, url: HOSTILE.script, path: HOSTILE.svg,
      query: [{ name: HOSTILE.jsUrl, value: HOSTILE.iframe }],
      request: { headers: [{ name: `x-${HOSTILE.zeroWidth}`, value: HOSTILE.rtl }], cookies: [{ name: 'session', value: HOSTILE.script }],
        body: { text: `{${JSON.stringify(HOSTILE.img)}:${JSON.stringify(HOSTILE.jsUrl)},"__proto__":{"x":1}}`, encoding: 'utf8', contentType: 'application/json', truncated: false, size: 10 } },
      response: { headers: [{ name: 'location', value: HOSTILE.jsUrl }], cookies: [], body: { text: `<html>${HOSTILE.script}${HOSTILE.style}</html>`, encoding: 'utf8', contentType: 'text/html', truncated: false, size: 10 } },
      src: { ip: '10.0.0.1', port: 1, pod: HOSTILE.svg, namespace: HOSTILE.rtl },
    }));
    const main = view.document.querySelector('main')!;
    assert.equal(main.querySelectorAll('script, img, svg, iframe, a, link, style').length, 0);
    const all = main.textContent!;
    for (const payload of [HOSTILE.img, HOSTILE.script, HOSTILE.jsUrl, HOSTILE.iframe, HOSTILE.style, HOSTILE.svg]) assert.ok(all.includes(payload), `shows ${payload}`);
    assert.ok(all.includes('invoice\\u202Egnp.exe') && all.includes('pay\\u200Bment'), 'invisible characters as escapes');
    assert.equal(all.includes('\u202E') || all.includes('\u200B'), false);
    assert.ok([...main.querySelectorAll('.json-key')].some((k) => k.textContent === '__proto__'), '__proto__ is a key like any other');
  });
});
