// The notebook renderer bundle (dist/webviews/renderer.js, the ES module VS Code loads) in jsdom,
// fed the hostile capture's calls as the host shapes them (dissected by dist/cli.js, made rows by
// the call list's callRow): every captured string is text, nothing runs or loads; tables sort and
// come in batches; buttons post the messages the host acts on; host notices reach the output.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { type JsonObject } from '../../extension/client/json';
import { callRow } from '../../extension/webviews/calls/callRow';
import { LocalClock } from '../../extension/webviews/calls/localClock';
import { NotebookOutput, type NotebookRenderer } from '../../protocol/notebookMessages';
import { type CallList } from '../../protocol/webviewMessages';
import { REPO_ROOT } from '../support/paths';
import { HOSTILE, writeHostileCapture } from '../support/syntheticCalls';

interface RendererApi {
  renderOutputItem(item: unknown, element: HTMLElement): void;
  disposeOutputItem(id?: string): void;
}

const BASE = { capturedAt: 1_773_509_025_000, capturedAtText: '2026-03-14 22:53:45 IST (17:23:45 UTC)', source: `snapshot '${HOSTILE.svg}'` };
const GLOBALS = ['window', 'document', 'Element', 'HTMLElement', 'HTMLButtonElement', 'Node', 'MouseEvent', 'KeyboardEvent'] as const;

describe('notebook renderer', function () {
  this.timeout(60_000);
  let scratch: string;
  let hostileRows: CallList.Row[];
  let dom: JSDOM;
  let renderer: RendererApi;
  let posted: NotebookRenderer.ToHost[];
  let toRenderer: ((message: unknown) => void) | undefined;
  let itemId = 0;
  const saved = new Map<string, unknown>();

  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'renderer-'));
    const capture = writeHostileCapture(scratch);
    const ndjson = execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'dissect', capture, '--workloads', path.join(scratch, 'workloads.json')], { encoding: 'utf8' });
    const clock = new LocalClock('Asia/Kolkata', Date.now());
    hostileRows = ndjson.trim().split('\n').map((line) => callRow(JSON.parse(line) as JsonObject, clock));
    assert.ok(hostileRows.length >= 7, 'five HTTP calls and two DNS lookups');
    dom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', { runScripts: 'dangerously', pretendToBeVisual: true });
    for (const name of GLOBALS) {
      saved.set(name, (globalThis as Record<string, unknown>)[name]);
      (globalThis as Record<string, unknown>)[name] = (dom.window as unknown as Record<string, unknown>)[name];
    }
    // An ES module bundle: imported from a copy with the .mjs extension Node needs to see it as one.
    const module = path.join(scratch, 'renderer.mjs');
    copyFileSync(path.join(REPO_ROOT, 'dist', 'webviews', 'renderer.js'), module);
    const { activate } = (await import(pathToFileURL(module).href)) as { activate: (context: unknown) => RendererApi };
    renderer = activate({
      postMessage: (message: NotebookRenderer.ToHost) => posted.push(JSON.parse(JSON.stringify(message)) as NotebookRenderer.ToHost),
      onDidReceiveMessage: (listener: (message: unknown) => void) => {
        toRenderer = listener;
        return { dispose: () => undefined };
      },
      setState: () => undefined,
      getState: () => undefined,
      workspace: { isTrusted: true },
    });
  });
  beforeEach(() => {
    posted = [];
  });
  after(() => {
    for (const [name, value] of saved) (globalThis as Record<string, unknown>)[name] = value;
    dom?.window.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Renders a payload into a new output element, as VS Code does. */
  function render(payload: unknown, mime = NotebookOutput.MIME_OF[(payload as NotebookOutput.Payload).kind]): HTMLElement {
    const element = dom.window.document.createElement('div');
    dom.window.document.body.append(element);
    const json = JSON.stringify(payload);
    renderer.renderOutputItem({ id: `item-${++itemId}`, mime, metadata: undefined, text: () => json, json: () => JSON.parse(json) as unknown, data: () => new TextEncoder().encode(json) }, element);
    return element;
  }

  const calls = (rows: CallList.Row[], extra: Partial<NotebookOutput.Calls> = {}): NotebookOutput.Calls => ({
    ...BASE, key: `calls-${++itemId}`, kind: 'calls', scope: { snapshotId: 's', dissection: 'default', label: 'x' }, kfl: HOSTILE.script, rows, total: rows.length, more: false, ...extra,
  });

  /** Anything in the rendered output that could run or load something. */
  function dangers(root: Element): string[] {
    const found: string[] = [];
    for (const element of root.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      if (!['div', 'span', 'strong', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'button', 'p', 'dl', 'dt', 'dd', 'h4', 'progress'].includes(tag)) found.push(`<${tag}>`);
      for (const attribute of element.attributes) if (/^on|^(src|href|style|srcset|action)$/i.test(attribute.name)) found.push(`${tag}[${attribute.name}]`);
    }
    return found;
  }

  it('shows the hostile capture\'s calls as text: nothing runs, loads or reverses', () => {
    const element = render(calls(hostileRows, { note: HOSTILE.iframe, kept: HOSTILE.img }));
    assert.deepEqual(dangers(element), []);
    assert.equal((dom.window as unknown as { __pwned?: unknown }).__pwned, undefined);
    const text = element.textContent ?? '';
    for (const hostile of ["/api/<script>window.__pwned='path'</script>", "/x\"><svg/onload=window.__pwned='svg-path'>", HOSTILE.script, HOSTILE.iframe, HOSTILE.img]) assert.ok(text.includes(hostile), `shows ${hostile}`);
    assert.ok(text.includes('/files/invoice\\u202Egnp.exe'), 'the right-to-left override as an escape');
    assert.ok(!text.includes('\u202e') && !text.includes('\u200b'));
    assert.ok(element.querySelectorAll('.escape').length >= 3);
    assert.equal(element.querySelectorAll('tbody tr.call').length, hostileRows.length);
    assert.ok(dom.window.document.getElementById('kubeshark-kfl-renderer-style'), 'styles added once');
  });

  it('shows hostile strings of every other output kind as text', () => {
    const outputs: NotebookOutput.Payload[] = [
      { ...BASE, key: 'st', kind: 'stats', summary: {
        scope: { label: 'x' }, kfl: HOSTILE.style, window: HOSTILE.zeroWidth, approximate: true, byProtocol: [{ proto: HOSTILE.jsUrl, calls: 1, errors: 0, errorRate: 0, p50: 1, p90: 1, p99: 1 }],
        topEndpoints: [{ proto: 'http', method: HOSTILE.img, path: HOSTILE.script, dst: HOSTILE.svg, calls: 1, errors: 0, errorRate: 0, p50: null, p99: null }],
        topTalkers: [{ src: HOSTILE.iframe, dst: HOSTILE.rtl, calls: 1, errors: 0, bytes: 1 }], buckets: [],
      } },
      { ...BASE, key: 'tb', kind: 'table', title: HOSTILE.script, columns: [{ id: 'a', label: HOSTILE.img, type: 'text' }, { id: 'b', label: 'n', type: 'bytes' }], rows: [[HOSTILE.svg, 2048]] },
      { ...BASE, key: 'pc', kind: 'pcap', file: HOSTILE.rtl, bytes: 1, sha256: 'ab', bpf: HOSTILE.img, connections: 1, calls: 1, nodes: [HOSTILE.svg], notes: [HOSTILE.iframe] },
      { ...BASE, key: 'er', kind: 'error', title: HOSTILE.svg, message: HOSTILE.script, actions: [{ label: HOSTILE.img, command: 'x' }] },
      { ...BASE, key: 'pr', kind: 'progress', message: HOSTILE.script, percent: 40 },
    ];
    for (const payload of outputs) {
      const element = render(payload);
      assert.deepEqual(dangers(element), [], payload.kind);
      assert.ok((element.textContent ?? '').includes(payload.kind === 'table' || payload.kind === 'error' || payload.kind === 'progress' ? HOSTILE.script : HOSTILE.img), payload.kind);
    }
  });

  const numbered = (n: number): CallList.Row[] => Array.from({ length: n }, (_, i) => ({
    ...hostileRows[0]!, id: `n/${i}/0`, ts: 1000 + i, path: `/p/${i}`, status: [200, 500, 404][i % 3]!, statusClass: (['ok', 'error', 'client-error'] as const)[i % 3]!, elapsedMs: i % 2 === 0 ? (i * 7) % 50 : null,
  }));
  const cellTexts = (element: Element, column: number): string[] => [...element.querySelectorAll(`tbody tr.call td:nth-child(${column})`)].map((td) => td.textContent ?? '');
  const click = (element: Element | null | undefined): void => {
    if (!element) throw new Error('nothing to click');
    element.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true }));
  };

  it('sorts by a column (again to reverse), numbers as numbers, no-response last; the sort survives a re-render', () => {
    const payload = calls(numbered(30));
    let element = render(payload);
    const header = (name: string): Element => [...element.querySelectorAll('th')].find((th) => th.textContent === name)!;
    click(header('Elapsed'));
    const elapsed = cellTexts(element, 6);
    const numbers = elapsed.filter((t) => t !== '–').map((t) => Number.parseFloat(t));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
    assert.deepEqual(elapsed.slice(numbers.length), Array(30 - numbers.length).fill('–'), 'calls without a response last');
    assert.equal(header('Elapsed').getAttribute('aria-sort'), 'ascending');
    click(header('Path'));
    click(header('Path'));
    const paths = cellTexts(element, 4);
    assert.deepEqual(paths.slice(0, 3), ['/p/29', '/p/28', '/p/27'], 'natural order, reversed');
    element = render(payload);
    assert.deepEqual(cellTexts(element, 4).slice(0, 3), ['/p/29', '/p/28', '/p/27'], 'the same output re-rendered keeps its sort');
  });

  it('puts rows into the DOM in batches', () => {
    const element = render(calls(numbered(250)));
    assert.equal(element.querySelectorAll('tbody tr').length, 100);
    click(element.querySelector('button.show-more'));
    assert.equal(element.querySelectorAll('tbody tr').length, 200);
    click(element.querySelector('button.show-more'));
    assert.equal(element.querySelectorAll('tbody tr').length, 250);
    assert.equal(element.querySelector('button.show-more'), null);
  });

  it('posts what the person asks for, naming the output by its key', () => {
    const payload = calls(numbered(3), { more: true, total: 900 });
    const element = render(payload);
    click(element.querySelector('tbody tr.call td'));
    click(element.querySelector('tbody tr.call button.pin'));
    const load = [...element.querySelectorAll('button')].find((b) => b.textContent === 'Load more')!;
    click(load);
    assert.equal(load.disabled, true);
    click([...element.querySelectorAll('button')].find((b) => b.textContent === 'Open in Call List'));
    const first = element.querySelector('tbody tr.call') as HTMLElement;
    first.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    assert.deepEqual(posted, [
      { type: 'openCall', key: payload.key, id: 'n/0/0' },
      { type: 'pinCall', key: payload.key, id: 'n/0/0' },
      { type: 'loadMore', key: payload.key },
      { type: 'openList', key: payload.key },
      { type: 'openCall', key: payload.key, id: 'n/0/0' },
    ], 'Pin does not also open the call');
    toRenderer?.({ type: 'notice', key: payload.key, message: `Loading more failed: ${HOSTILE.script}` });
    assert.equal(element.querySelector('.notice')?.textContent, `Loading more failed: ${HOSTILE.script}`);
    assert.equal(load.disabled, false, 'the button comes back after a failure');
    const failure = render({ ...BASE, key: 'fix', kind: 'error', title: 'No Hub', message: 'm', actions: [{ label: 'Start Local Hub', command: 'kubeshark.hub.startLocal' }, { label: 'Show Hub Log', command: 'kubeshark.hub.showLog' }] });
    click(failure.querySelectorAll('button')[1]);
    assert.deepEqual(posted.at(-1), { type: 'runAction', key: 'fix', index: 1 });
  });

  it('says so, instead of failing, for an output it cannot read', () => {
    const element = render({ kind: 'calls', key: 'k', rows: 'not rows' });
    assert.match(element.textContent ?? '', /could not be shown/);
    const wrongMime = render({ ...calls([]), kind: 'calls' }, NotebookOutput.TABLE_MIME);
    assert.match(wrongMime.textContent ?? '', /could not be shown \(not a application\/vnd\.kubeshark\.table\+json payload\)/);
  });
});
