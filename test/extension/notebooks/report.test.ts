// The forensic report and the markdown fallback with the hostile capture's strings: every string is
// text (jsdom parses the report: no element, attribute or style that runs or loads anything; a
// CommonMark renderer with raw HTML on reads the fallback: no tag but our own), the report's CSP
// allows exactly its one inline style (hash recomputed), times are local with UTC beside them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { EXPORTS_KEY, PINNED_KEY } from '../../../extension/notebooks/format/cellMetadata';
import { markdownOf, MARKDOWN_ROWS } from '../../../extension/notebooks/outputs/markdownFallback';
import { md } from '../../../extension/notebooks/outputs/markdownText';
import { buildReport, REPORT_CSP, type ReportCell, type ReportInput } from '../../../extension/notebooks/report/reportHtml';
import { REPORT_ROWS } from '../../../extension/notebooks/report/outputHtml';
import { NotebookOutput } from '../../../protocol/notebookMessages';
import { type CallDetails, type CallList } from '../../../protocol/webviewMessages';
import { HOSTILE } from '../../support/syntheticCalls';

const ALL_HOSTILE = Object.values(HOSTILE);
const encoder = new TextEncoder();
const BASE = { capturedAt: 1_773_509_025_000, capturedAtText: '2026-03-14 22:53:45 IST (17:23:45 UTC)', source: `snapshot '${HOSTILE.svg}'` };

function row(i: number, overrides: Partial<CallList.Row> = {}): CallList.Row {
  const pick = (k: number): string => ALL_HOSTILE[(i + k) % ALL_HOSTILE.length]!;
  return {
    id: `node/${i}/0`, ts: 1_773_509_025_000 + i, time: '22:53:45.000 IST', timeTitle: '2026-03-14 22:53:45.000 IST (17:23:45.000 UTC)', proto: 'http',
    method: pick(0), path: pick(1), status: 500, statusClass: 'error', elapsedMs: 1.5 + i, src: pick(2), srcTitle: pick(3), dst: pick(4), dstTitle: pick(5),
    node: pick(6), reqSize: 10, respSize: 20, ...overrides,
  };
}

const calls: NotebookOutput.Calls = {
  ...BASE, key: 'c1', kind: 'calls', scope: { snapshotId: 's-1', dissection: 'default', label: HOSTILE.rtl }, kfl: `path == "${HOSTILE.script}"`,
  rows: Array.from({ length: 60 }, (_, i) => row(i)), total: 1234, more: true, note: HOSTILE.iframe, kept: `Kept ${HOSTILE.img}`,
};
const stats: NotebookOutput.StatsResult = {
  ...BASE, key: 's1', kind: 'stats', summary: {
    scope: { label: 'x' }, kfl: HOSTILE.style, window: HOSTILE.zeroWidth, approximate: false,
    totals: { calls: 5, errors: 5, clientErrors: 0, errorRate: 1, reqBytes: 10, respBytes: 20, callsPerSec: 1 },
    latency: { count: 5, min: 1, p50: 2, p90: 3, p99: 4, max: 5, mean: 3 },
    byProtocol: [{ proto: HOSTILE.jsUrl, calls: 5, errors: 5, errorRate: 1, p50: 2, p90: 3, p99: 4 }],
    statusClasses: { '5xx': 5 },
    topEndpoints: [{ proto: 'http', method: HOSTILE.img, path: HOSTILE.script, dst: HOSTILE.svg, calls: 5, errors: 5, errorRate: 1, p50: 2, p99: 4 }],
    topTalkers: [{ src: HOSTILE.iframe, dst: HOSTILE.rtl, calls: 5, errors: 5, bytes: 30 }],
    buckets: [],
  },
};
const table: NotebookOutput.Table = {
  ...BASE, key: 't1', kind: 'table', title: HOSTILE.script, columns: [{ id: 'a', label: HOSTILE.img, type: 'text' }, { id: 'b', label: 'Bytes', type: 'bytes' }],
  rows: [[HOSTILE.svg, 2048], [HOSTILE.rtl, null]],
};
const pcap: NotebookOutput.PcapExport = {
  ...BASE, key: 'p1', kind: 'pcap', file: `/tmp/${HOSTILE.rtl}.pcap`, bytes: 4096, sha256: 'a'.repeat(64), bpf: `host ${HOSTILE.img}`, connections: 2, calls: 3,
  window: 'w', nodes: [HOSTILE.zeroWidth], notes: [HOSTILE.style],
};
const failure: NotebookOutput.Failure = {
  ...BASE, key: 'e1', kind: 'error', title: HOSTILE.svg, message: HOSTILE.script, position: { line: 0, column: 3, length: 2 },
  actions: [{ label: HOSTILE.img, command: 'kubeshark.hub.connect', args: [HOSTILE.jsUrl] }],
};

const pinnedCall: CallDetails.Call = {
  id: 'node/7/0', scope: { label: HOSTILE.rtl }, proto: 'http', method: HOSTILE.img, url: `/x?q=${HOSTILE.svg}`, path: HOSTILE.script, status: 500, statusClass: 'error',
  time: '2026-03-14 22:53:45 IST (17:23:45 UTC)', elapsedMs: 3, reqSize: 1, respSize: 2, node: 'node',
  src: { ip: '10.9.0.1', port: 40000, pod: HOSTILE.svg, namespace: HOSTILE.rtl }, dst: { ip: '10.9.0.2', port: 8080 },
  query: [{ name: 'q', value: HOSTILE.svg }],
  request: { headers: [{ name: 'x-evil', value: HOSTILE.img }], cookies: [{ name: 'session', value: HOSTILE.script }], body: { text: `{"a":${JSON.stringify(HOSTILE.jsUrl)}}`, encoding: 'utf8', contentType: 'application/json', truncated: false, size: 20 } },
  response: { headers: [{ name: 'location', value: HOSTILE.jsUrl }], cookies: [], body: { text: `<html>${HOSTILE.script}${HOSTILE.iframe}${HOSTILE.style}</html>`, encoding: 'utf8', contentType: 'text/html', truncated: true, size: 99 } },
  error: { type: HOSTILE.img, message: HOSTILE.rtl }, partial: false, similarKfl: 'http',
};

function output(payload: NotebookOutput.Payload): ReportCell['outputs'][number] {
  return { items: [{ mime: NotebookOutput.MIME_OF[payload.kind], data: encoder.encode(JSON.stringify(payload)) }, { mime: 'text/markdown', data: encoder.encode(markdownOf(payload)) }] };
}

const input: ReportInput = {
  title: `Outage ${HOSTILE.script}`, generatedAt: 1_773_509_100_000, zone: 'Asia/Kolkata', hub: HOSTILE.jsUrl, source: `snapshot '${HOSTILE.svg}'`, rerun: false,
  snapshots: [{ id: 's-1', name: HOSTILE.img, status: 'completed', window: { start: 1_773_507_600_000, end: 1_773_511_200_000 }, createdAt: 1_773_511_600_000, nodes: [HOSTILE.zeroWidth], packetCount: 5, sizeBytes: 2048 }],
  cells: [
    { kind: 'markdown', language: 'markdown', text: `# Notes ${HOSTILE.script}\n\n${HOSTILE.img} [link](http://127.0.0.1:9/pwned-link) ![pic](http://127.0.0.1:9/pwned.png) <http://127.0.0.1:9/pwned-auto> [js](${HOSTILE.jsUrl})\n\n${HOSTILE.iframe}${HOSTILE.style}`, outputs: [], metadata: {} },
    {
      kind: 'code', language: 'kfl', text: `// @snapshot s-1\npath == "${HOSTILE.script}" ${HOSTILE.rtl}`, executionOrder: 3,
      outputs: [output(calls), output(stats), output(table), output(pcap), output(failure), { items: [{ mime: 'text/plain', data: encoder.encode(HOSTILE.svg) }] }, { items: [{ mime: 'image/png', data: new Uint8Array([1]) }] }],
      metadata: {
        [PINNED_KEY]: [{ call: pinnedCall, pinnedAt: 1, pinnedAtText: HOSTILE.zeroWidth }, { call: { id: 7 } }, 'junk'],
        [EXPORTS_KEY]: [{ file: `/tmp/${HOSTILE.img}.pcap`, sha256: 'b'.repeat(64), bytes: 10, bpf: HOSTILE.svg, snapshotId: 's-1', exportedAt: 1_773_509_100_000 }],
      },
    },
    // Kept outputs come from a file anyone can write: wrong types must not break the report.
    { kind: 'code', language: 'kfl', text: 'x', outputs: [{ items: [{ mime: NotebookOutput.CALLS_MIME, data: encoder.encode('{"kind":"calls","rows":{"length":5},"total":"x","key":1}') }, { mime: NotebookOutput.STATS_MIME, data: encoder.encode('{"kind":"stats","summary":[1]}') }] }], metadata: { [PINNED_KEY]: { nope: true } } },
  ],
};

/** Every URL-bearing attribute, inline handler or loading element of a document. */
function loaders(document: Document): string[] {
  const found: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'img', 'link', 'object', 'embed', 'svg', 'video', 'audio', 'source', 'frame', 'form', 'base', 'a'].includes(tag)) found.push(`<${tag}>`);
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name) || ['src', 'href', 'srcset', 'action', 'formaction', 'poster', 'background', 'data', 'xlink:href', 'ping'].includes(attribute.name.toLowerCase())) found.push(`${tag}[${attribute.name}]`);
      if (attribute.name === 'style') found.push(`${tag}[style]`);
    }
  }
  for (const style of document.querySelectorAll('style')) if (/url\s*\(|@import|expression\s*\(/i.test(style.textContent ?? '')) found.push('url() or @import in <style>');
  return found;
}

describe('forensic report', () => {
  const html = buildReport(input);
  const document = new JSDOM(html).window.document;
  const text = document.body.textContent ?? '';

  it('loads and runs nothing: no script, handler, link, image, frame, URL attribute, inline style or url()', () => {
    assert.deepEqual(loaders(document), []);
    // The same on the raw text: no tag carries a URL attribute or a handler (captured `<` are entities).
    assert.doesNotMatch(html, /<[^>]+\s(src|href|action|srcset|style|on\w+)\s*=/i);
    assert.doesNotMatch(html.slice(html.indexOf('<style>'), html.indexOf('</style>')), /url\(|@import/i);
  });

  it('allows in its own CSP exactly its one inline style, by hash', () => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    assert.equal(meta?.getAttribute('content'), REPORT_CSP);
    const styles = [...document.querySelectorAll('style')];
    assert.equal(styles.length, 1);
    const hash = createHash('sha256').update(styles[0]!.textContent ?? '').digest('base64');
    assert.equal(REPORT_CSP, `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`);
    assert.ok(document.querySelector('meta[name="referrer"][content="no-referrer"]'));
  });

  it('shows every captured string literally, invisible characters as escapes', () => {
    for (const hostile of [HOSTILE.script, HOSTILE.img, HOSTILE.jsUrl, HOSTILE.svg, HOSTILE.iframe, HOSTILE.style]) assert.ok(text.includes(hostile), `shows ${hostile}`);
    assert.ok(text.includes('invoice\\u202Egnp.exe') && !text.includes('\u202e'), 'the right-to-left override is an escape');
    assert.ok(text.includes('pay\\u200Bment\\u200D-service') && !text.includes('\u200b'));
    assert.ok(document.querySelectorAll('.esc').length > 10);
  });

  it('renders notes as markdown with links and images inert, their addresses as text', () => {
    const note = document.querySelector('.note')!;
    assert.equal(note.querySelector('h1')?.textContent, `Notes ${HOSTILE.script}`);
    assert.ok(note.textContent!.includes('link (http://127.0.0.1:9/pwned-link)'));
    assert.ok(note.textContent!.includes('[image: pic (http://127.0.0.1:9/pwned.png)]'));
    assert.ok(note.textContent!.includes(HOSTILE.iframe));
  });

  it('includes queries, outputs, pinned calls, snapshots in local time with UTC, and the PCAP hashes', () => {
    assert.ok(document.querySelector('pre.query')!.textContent!.startsWith('// @snapshot s-1\npath == '));
    assert.ok(text.includes('1,234 calls matching'));
    const [investigated, malformed] = [...document.querySelectorAll('.cell.code')];
    assert.equal(investigated!.querySelectorAll('.output').length, 7, 'calls, stats, table, pcap, error, text/plain, image note');
    assert.match(malformed!.textContent!, /0 calls matching everything/, 'a malformed kept output still reads as something');
    assert.ok(text.includes('Run 3 · kfl'));
    assert.ok(text.includes('2026-03-14 22:30:00 IST (17:00:00 UTC) – 2026-03-14 23:30:00 IST (18:00:00 UTC)'), 'the snapshot window');
    assert.ok(text.includes('generated 2026-03-14 22:55:00 IST (17:25:00 UTC)'));
    assert.ok(text.includes('b'.repeat(64)) && text.includes('a'.repeat(64)), 'the recorded and the output\'s SHA-256');
    const pinned = document.querySelectorAll('.pinned');
    assert.equal(pinned.length, 1, 'the malformed pins are skipped');
    assert.ok(pinned[0]!.textContent!.includes('cut (the whole body is in the Hub)'));
    assert.ok(text.includes(`Kept ${HOSTILE.img}`), 'a kept output says so');
  });

  it('shows at most REPORT_ROWS rows of an output and says so', () => {
    const big = { ...calls, rows: Array.from({ length: REPORT_ROWS + 5 }, (_, i) => row(i)), total: REPORT_ROWS + 5 };
    const doc = new JSDOM(buildReport({ ...input, cells: [{ kind: 'code', language: 'kfl', text: '', outputs: [output(big)], metadata: {} }] })).window.document;
    assert.equal(doc.querySelectorAll('tbody tr').length, REPORT_ROWS);
    assert.match(doc.body.textContent!, new RegExp(`first ${REPORT_ROWS.toLocaleString('en-US')} of ${(REPORT_ROWS + 5).toLocaleString('en-US')} loaded rows`));
  });
});

describe('markdown fallback of outputs', () => {
  // VS Code's markdown renderer allows raw HTML (then sanitises it); render with HTML on to see what would get through.
  const commonMark = new MarkdownIt({ html: true, linkify: true });

  it('keeps captured strings as text in every output kind', () => {
    for (const payload of [calls, stats, table, pcap, failure] as NotebookOutput.Payload[]) {
      const rendered = new JSDOM(commonMark.render(markdownOf(payload))).window.document;
      const tags = new Set([...rendered.body.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()));
      for (const tag of tags) assert.ok(['p', 'strong', 'em', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'a', 'code'].includes(tag), `${payload.kind}: <${tag}>`);
      for (const a of rendered.querySelectorAll('a')) assert.match(a.getAttribute('href') ?? '', /^command:kubeshark\.hub\.connect\?/, `${payload.kind}: only our fix links`);
      const shown = rendered.body.textContent ?? '';
      for (const hostile of [HOSTILE.script, HOSTILE.img, HOSTILE.svg]) if (JSON.stringify(payload).includes(JSON.stringify(hostile).slice(1, -1))) assert.ok(shown.includes(hostile) || shown.includes(hostile.slice(0, 40)), `${payload.kind} shows ${hostile}`);
    }
  });

  it('makes one table row per call up to the markdown limit, pipes and line breaks escaped', () => {
    const piped = { ...calls, rows: Array.from({ length: MARKDOWN_ROWS + 10 }, (_, i) => row(i, { path: `/a|b\n${i}` })) };
    const rendered = new JSDOM(commonMark.render(markdownOf(piped))).window.document;
    assert.equal(rendered.querySelectorAll('tbody tr').length, MARKDOWN_ROWS);
    assert.equal(rendered.querySelector('tbody tr td:nth-child(4)')?.textContent, '/a|b\\n0');
    assert.match(rendered.body.textContent!, /First 50 of 60 loaded rows \(1,234 matches\)/);
  });

  it('escapes every ASCII punctuation character of captured text', () => {
    assert.equal(md('<a href="x">*_`[]|\\'), '\\<a href\\=\\"x\\"\\>\\*\\_\\`\\[\\]\\|\\\\');
    assert.equal(md('x'.repeat(300), 10), `${'x'.repeat(10)}…`);
    assert.equal(commonMark.renderInline(md('&amp; &#60;')), '&amp;amp; &amp;#60;');
  });
});
