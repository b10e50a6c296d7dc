// The host side's pure parts against oracles: KFL filters built from calls (the KFL checker),
// curl commands (bash parses them back), CSV (Python's csv module reads it back), connection BPF
// (tcpdump compiles it), the fast clock (kfl/localTime's formatLocalWithUtc) and HAR's shape.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { analyze } from '../../kfl';
import { formatLocalWithUtc } from '../../kfl/localTime';
import { type JsonObject } from '../../extension/client/json';
import { statusClassOf } from '../../extension/webviews/calls/callFields';
import { connectionExport } from '../../extension/webviews/calls/connectionFilter';
import { curlCommand, shellQuote } from '../../extension/webviews/calls/curl';
import { andFilters, kflForCall, kflForLabel, kflForPath, kflLikeCall } from '../../extension/webviews/calls/kflFromCall';
import { LocalClock } from '../../extension/webviews/calls/localClock';
import { CSV_HEADER, csvRecord, csvRow } from '../../extension/webviews/export/csv';
import { harEntry } from '../../extension/webviews/export/har';
import { HOSTILE } from '../support/syntheticCalls';

const CALL: JsonObject = {
  id: 'node-a/204/0', ts: 1_773_509_025_123, end_ts: 1_773_509_025_140,
  src: { ip: '10.0.1.5', port: 51148, pod: 'api-gateway-7d9f8-abcde', ns: 'prod' },
  dst: { ip: '10.0.2.10', port: 8080, svc: 'payment-service', ns: 'prod' },
  proto: 'http', method: 'POST', path: '/api/v1/orders/charge', url: '/api/v1/orders/charge?retry=1&x=%3Cb%3E', status: 503, latency_ms: 12.34,
  node_id: 'node-a', req_size: 412, resp_size: 156, http_version: 'HTTP/1.1',
  req_headers: { host: 'payment-service.prod:8080', 'content-type': 'application/json', 'content-length': '33', 'x-evil': HOSTILE.img, 'x-rtl': HOSTILE.rtl, cookie: "session=a'b; theme=dark" },
  resp_headers: { 'content-type': 'text/plain', 'set-cookie': 'token=abc; Path=/, id=7; HttpOnly' },
  req_body: '{"order":"A-1931","note":"it\'s"}', resp_body: 'upstream connect error', req_body_encoding: 'utf8', resp_body_encoding: 'utf8',
};

const errorsOf = (kfl: string): string[] => analyze(kfl).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${kfl.slice(d.start, d.end)}`);

describe('host models of the webviews', () => {
  describe('KFL built from calls', () => {
    const hostile: JsonObject = { ...CALL, method: HOSTILE.img, path: `${HOSTILE.script}\\"${HOSTILE.rtl}\u0000\u{1F600}`, src: { ip: '10.0.0.1', port: 1, pod: HOSTILE.svg, ns: HOSTILE.zeroWidth } };

    it('are accepted by the KFL checker, hostile strings included', () => {
      for (const call of [CALL, hostile, { ...CALL, proto: 'dns', path: HOSTILE.jsUrl, method: 'A' }, { ...CALL, proto: 'redis', method: 'GET' }, { ...CALL, proto: 'weird-proto' }]) {
        assert.deepEqual(errorsOf(kflForCall(call)), [], kflForCall(call));
        assert.deepEqual(errorsOf(kflLikeCall(call)), [], kflLikeCall(call));
      }
    });

    it('name the exchange: protocol, 4-tuple, method, path and its millisecond', () => {
      assert.equal(kflForCall(CALL), 'http && src.ip == "10.0.1.5" && src.port == 51148 && dst.ip == "10.0.2.10" && dst.port == 8080 && method == "POST" && path == "/api/v1/orders/charge" && timestamp >= timestamp("2026-03-14T17:23:45.123Z") && timestamp < timestamp("2026-03-14T17:23:45.124Z")');
      assert.equal(kflLikeCall(CALL), 'http && method == "POST" && path == "/api/v1/orders/charge" && dst.namespace == "prod" && dst.name == "payment-service"');
      assert.equal(kflLikeCall({ ...CALL, proto: 'dns', path: 'payments.prod.svc', method: 'A', dst: { ip: '10.0.0.10', port: 53 } }), 'dns && "payments.prod.svc" in dns_questions && dst.ip == "10.0.0.10" && dst.port == 53');
    });

    it('escape everything that is not printable ASCII', () => {
      const kfl = kflForCall(hostile);
      assert.ok(kfl.includes('\\u202e') && kfl.includes('\\u0000') && kfl.includes('\\U0001f600') && kfl.includes('\\\\\\"'));
      assert.equal(/[^\x20-\x7e]/.test(kfl), false);
    });

    it('turn stats rows into filters: labels, normalised paths, a base filter with a comment', () => {
      assert.deepEqual(kflForLabel('dst', 'prod/payments'), ['dst.namespace == "prod"', 'dst.name == "payments"']);
      assert.deepEqual(kflForLabel('src', '10.0.0.1'), ['src.ip == "10.0.0.1"']);
      assert.equal(kflForPath('/orders/{id}/items.json'), 'path.matches("^/orders/[^/]+/items\\\\.json$")');
      const combined = andFilters('http // only HTTP', kflForPath('/a/{id}'));
      assert.deepEqual(errorsOf(combined), []);
      assert.match(combined, /^\(http \/\/ only HTTP\n\) && path\.matches/);
    });
  });

  describe('curl commands', () => {
    /** What bash hands to curl: the command run with a curl function that prints its arguments. */
    function argv(command: string): string[] {
      const out = execFileSync('bash', ['-c', `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }; ${command}`], { encoding: 'utf8' });
      return out.split('\0').slice(0, -1);
    }

    it('carry the method, URL, headers and body exactly as captured', () => {
      const { command, warnings } = curlCommand(CALL);
      assert.deepEqual(argv(command), [
        '-X', 'POST', 'http://payment-service.prod:8080/api/v1/orders/charge?retry=1&x=%3Cb%3E',
        '-H', 'content-type: application/json', '-H', "cookie: session=a'b; theme=dark", '-H', `x-evil: ${HOSTILE.img}`, '-H', `x-rtl: ${HOSTILE.rtl}`,
        '--data-raw', '{"order":"A-1931","note":"it\'s"}',
      ]);
      assert.deepEqual(warnings, []);
      assert.equal(command.includes('\u202E'), false, 'the bidi override is an escape in the command, not a raw character');
    });

    it('quote anything a shell would otherwise interpret', () => {
      for (const value of ['$(touch /tmp/pwned)', '`id`', "a'b", '\\', 'x\ny', HOSTILE.rtl, '\u0007bell', '€ \u{1F600}']) {
        assert.deepEqual(argv(`curl ${shellQuote(value)}`), [value]);
      }
    });

    it('decode a binary body and warn about a cut one', () => {
      const binary = curlCommand(CALL, { text: Buffer.from([0, 1, 2, 255]).toString('base64'), encoding: 'base64', truncated: true });
      assert.equal(binary.warnings.length, 2);
      assert.ok(binary.command.includes('base64 -d'));
    });
  });

  it('writes CSV that a CSV reader reads back exactly, with formula cells defused', () => {
    const clock = new LocalClock('Asia/Kolkata', CALL.ts as number);
    const tricky: JsonObject = { ...CALL, method: '=HYPERLINK("http://x")', path: '+1,"quoted"\r\nnext', node_id: '@SUM(A1)', src: { ip: '10.0.0.1', port: 1, pod: 'x', ns: '-2+3' }, dst: { ip: '10.0.0.2', port: 2, pod: 'tab', ns: '\tb' } };
    const text = csvRecord(CSV_HEADER) + csvRow(CALL, clock) + csvRow(tricky, clock);
    assert.equal((text.match(/\r\n/g) ?? []).length, 4, 'CRLF ends each of the three records (one inside a quoted field)');
    const parsed = JSON.parse(execFileSync('python3', ['-c', 'import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))'], { input: text, encoding: 'utf8' })) as string[][];
    assert.deepEqual(parsed[0], CSV_HEADER);
    assert.equal(parsed[1]![0], '2026-03-14T17:23:45.123Z');
    assert.equal(parsed[1]![1], '2026-03-14 22:53:45.123 IST');
    assert.equal(parsed[2]![3], '\'=HYPERLINK("http://x")');
    assert.equal(parsed[2]![4], '\'+1,"quoted"\r\nnext');
    assert.equal(parsed[2]![7], "'-2+3/x");
    assert.equal(parsed[2]![10], "'\tb/tab");
    assert.equal(parsed[2]![13], "'@SUM(A1)");
    assert.equal(parsed[1]![5], '503', 'numbers stay numbers');
  });

  it('builds HAR 1.2 entries with the required fields', () => {
    const entry = harEntry(CALL) as { request: Record<string, unknown>; response: Record<string, unknown>; [k: string]: unknown };
    for (const key of ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']) assert.ok(key in entry, key);
    for (const key of ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize']) assert.ok(key in entry.request, `request.${key}`);
    for (const key of ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize']) assert.ok(key in entry.response, `response.${key}`);
    assert.equal(entry.startedDateTime, '2026-03-14T17:23:45.123Z');
    assert.equal(entry.request.url, 'http://payment-service.prod:8080/api/v1/orders/charge?retry=1&x=%3Cb%3E');
    assert.deepEqual(entry.request.queryString, [{ name: 'retry', value: '1' }, { name: 'x', value: '<b>' }]);
    assert.deepEqual(entry.request.cookies, [{ name: 'session', value: "a'b" }, { name: 'theme', value: 'dark' }]);
    assert.deepEqual(entry.response.cookies, [{ name: 'token', value: 'abc' }, { name: 'id', value: '7' }]);
    assert.deepEqual((entry.request.postData as { text: string }).text, CALL.req_body);
  });

  it('exports a connection with a BPF tcpdump compiles, and refuses addresses that are not addresses', () => {
    const plan = connectionExport(CALL, { start: 1_773_509_000_000, end: 1_773_509_028_000 })!;
    assert.equal(plan.bpf, '(src host 10.0.1.5 and src port 51148 and dst host 10.0.2.10 and dst port 8080) or (src host 10.0.2.10 and src port 8080 and dst host 10.0.1.5 and dst port 51148)');
    execFileSync('tcpdump', ['-d', plan.bpf], { stdio: 'ignore' });
    assert.deepEqual(plan.window, { start: 1_773_509_020_123, end: 1_773_509_028_000 }, 'five seconds around it, inside the snapshot');
    assert.equal(plan.node, 'node-a');
    assert.equal(connectionExport({ ...CALL, src: { ip: '10.0.0.1 or host 1.2.3.4', port: 1 } }), undefined);
  });

  it('formats times like formatLocalWithUtc, across DST changes and zones', () => {
    const zones = ['Asia/Kolkata', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC', 'Asia/Kathmandu'];
    const instants = [Date.UTC(2026, 2, 29, 0, 59, 59, 999), Date.UTC(2026, 2, 29, 1, 0, 0, 1), Date.UTC(2026, 10, 1, 5, 59, 59), Date.UTC(2026, 10, 1, 6, 0, 0, 500), Date.UTC(2026, 3, 4, 15, 0, 0, 0)];
    for (let i = 0; i < 200; i++) instants.push(Date.UTC(2026, 0, 1) + Math.floor(((i * 2654435761) % 2 ** 32) / 2 ** 32 * 365 * 86_400_000));
    for (const zone of zones) {
      const clock = new LocalClock(zone, Date.UTC(2020, 0, 1));
      for (const ms of instants) assert.equal(clock.full(ms), formatLocalWithUtc(ms, zone), `${zone} ${new Date(ms).toISOString()}`);
    }
  });

  it('classes outcomes like get_api_stats counts errors', () => {
    const cls = (over: JsonObject): string => statusClassOf({ ...CALL, ...over });
    assert.deepEqual([cls({ status: 200 }), cls({ status: 302 }), cls({ status: 404 }), cls({ status: 503 }), cls({ status: 0 })], ['ok', 'redirect', 'client-error', 'error', 'no-response']);
    assert.deepEqual([cls({ proto: 'grpc', status: 200, grpc_status: 14 }), cls({ proto: 'dns', status: 3 }), cls({ proto: 'redis', status: 1 }), cls({ status: 200, error: { type: 'timeout', msg: '' } })], ['error', 'error', 'error', 'error']);
  });
});
