// Grouping, comparison and detectors on hand-made data: flows grouped at each level keep their
// addresses; compare respects minimum counts and effect sizes; detectors redact credentials,
// suppress what the baseline already had, and find bursts in the densest minute.
import assert from 'node:assert/strict';
import { AddressClassifier } from '../../../extension/analysis/addresses';
import { type CallRecord } from '../../../extension/analysis/calls';
import { callRecordOf, redact } from '../../../extension/analysis/calls';
import { compareSides, DEFAULT_THRESHOLDS } from '../../../extension/analysis/compare';
import { dnsFailureBursts } from '../../../extension/analysis/findings/dnsFailures';
import { DEFAULT_FINDING_SETTINGS, type DetectorInput } from '../../../extension/analysis/findings/finding';
import { plaintextCredentials } from '../../../extension/analysis/findings/credentials';
import { toolOf, toolUserAgents } from '../../../extension/analysis/findings/userAgents';
import { highVolume } from '../../../extension/analysis/findings/volume';
import { flowOf, groupFlows } from '../../../extension/analysis/flows';
import { workloadOf } from '../../../extension/analysis/peers';
import { buildServiceGraph } from '../../../extension/analysis/serviceGraph';
import { type SideData } from '../../../extension/analysis/sideData';

const classifier = new AddressClassifier();
const pod = (ip: string, name: string, ns = 'shop'): Record<string, unknown> => ({ ip, port: 0, pod: name, ns });

function call(fields: Record<string, unknown>): CallRecord {
  return callRecordOf({ id: `n/${Math.random()}`, ts: 1000, proto: 'http', method: 'GET', path: '/', status: 200, latency_ms: 10, src: pod('10.0.0.1', 'web-6f8b5c4d9f-abcde'), dst: { ...pod('10.0.0.2', 'api-7d9f8c6b5d-fghij'), port: 80 }, ...fields });
}

function side(label: string, calls: CallRecord[], flows: Record<string, unknown>[] = [], window = { start: 0, end: 60_000 }): SideData {
  const collected = <T>(items: T[]) => ({ items, total: items.length, truncated: false });
  return { label, window, calls: collected(calls), flows: collected(flows.map(flowOf)), toolCalls: collected(calls.filter((c) => toolOf(c.userAgent))), credentialCalls: collected(calls.filter((c) => c.credentials.length > 0)), workloadIps: [] };
}

const input = (target: SideData, baseline?: SideData): DetectorInput => ({ target, baseline, classifier, settings: DEFAULT_FINDING_SETTINGS, formatTime: (ms) => String(ms) });

const flow = (client: Record<string, unknown>, server: Record<string, unknown>, bytes: number): Record<string, unknown> =>
  ({ proto: 'tcp', client, server, client_stats: { tx_bytes: bytes / 2, rx_bytes: bytes / 2 }, totals: { pkts: 10, bytes, pps: 1, bps: 2 } });

describe('analysis grouping, comparison and detectors', () => {
  it('names workloads after their generated pods', () => {
    assert.deepEqual(['orders-594487879c-7ddxf', 'kube-proxy-x2k4p', 'postgres-0', 'plain'].map(workloadOf), ['orders', 'kube-proxy', 'postgres-0', 'plain']);
  });

  it('groups flows by pod, workload, namespace and node, keeping member addresses and ports', () => {
    const flows = [
      flow({ ...pod('10.0.0.1', 'web-6f8b5c4d9f-abcde'), node: 'n1' }, { ip: '10.0.0.9', port: 80, svc: 'api', ns: 'shop' }, 100),
      flow({ ...pod('10.0.0.3', 'web-6f8b5c4d9f-zzzzz'), node: 'n2' }, { ip: '10.0.0.9', port: 80, svc: 'api', ns: 'shop' }, 300),
      flow({ ip: '192.168.1.1' }, { ip: '8.8.8.8', port: 53 }, 50),
    ].map(flowOf);
    assert.equal(groupFlows(flows, 'flow', classifier).length, 3);
    const byWorkload = groupFlows(flows, 'workload', classifier);
    assert.deepEqual(byWorkload.map((g) => [g.client.label, g.server.label, g.bytes, g.flows]), [['shop/web', 'shop/api', 400, 2], ['192.168.1.1', '8.8.8.8', 50, 1]]);
    assert.deepEqual(byWorkload[0]!.client.ips, ['10.0.0.1', '10.0.0.3']);
    assert.deepEqual(byWorkload[0]!.pairs.map((p) => p.client), ['10.0.0.1', '10.0.0.3']);
    assert.equal(byWorkload[1]!.server.kind, 'external');
    assert.equal(byWorkload[1]!.client.kind, 'internal');
    assert.deepEqual(groupFlows(flows, 'node', classifier).map((g) => g.client.label), ['n2', 'n1', '192.168.1.1']);
    assert.deepEqual(groupFlows(flows, 'namespace', classifier).map((g) => `${g.client.label}→${g.server.label}`), ['shop→shop', '192.168.1.1→8.8.8.8']);
  });

  it('builds the service graph: workload nodes, external nodes, edges with bytes, calls and errors', () => {
    const calls = [call({}), call({ status: 503 }), call({ dst: { ip: '8.8.4.4', port: 443 } })];
    const graph = buildServiceGraph([flowOf(flow(pod('10.0.0.1', 'web-6f8b5c4d9f-abcde'), { ...pod('10.0.0.2', 'api-7d9f8c6b5d-fghij'), port: 80 }, 1000))], calls, 'workload', classifier);
    assert.deepEqual(graph.nodes.map((n) => [n.id, n.kind]), [['8.8.4.4', 'external'], ['shop/api', 'workload'], ['shop/web', 'workload']]);
    const edge = graph.edges.find((e) => e.target === 'shop/api')!;
    assert.deepEqual([edge.bytes, edge.calls, edge.errors], [1000, 2, 1]);
  });

  it('compares only with enough calls, and sorts the significant rows first', () => {
    const many = (n: number, f: (i: number) => Record<string, unknown>): CallRecord[] => Array.from({ length: n }, (_, i) => call({ ts: i * 100, ...f(i) }));
    const a = side('a', [...many(50, () => ({})), ...many(10, () => ({ path: '/few', dst: { ...pod('10.0.0.5', 'x-7d9f8c6b5d-fghij'), port: 80 } }))]);
    const b = side('b', [...many(50, (i) => ({ status: i % 2 ? 500 : 200 })), ...many(10, () => ({ path: '/few', status: 500, dst: { ...pod('10.0.0.5', 'x-7d9f8c6b5d-fghij'), port: 80 } }))]);
    const comparison = compareSides(a, b, DEFAULT_THRESHOLDS, classifier);
    assert.deepEqual(comparison.rows.slice(0, 2).map((r) => r.label).sort(), ['http GET / → shop/api', 'shop/web → shop/api']);
    assert.ok(comparison.rows[1]!.score > 3);
    const few = comparison.rows.find((r) => r.label === 'shop/web → shop/x')!;
    assert.equal(few.score, 0, 'ten calls a side are below minCalls');
    assert.equal(few.tests.length, 0);
  });

  it('shows a credential only redacted, and reports it per client, server and place', () => {
    assert.equal(redact('Bearer abcdef'), 'Bearer ••• (6 characters)');
    assert.equal(redact('s3cr3t'), '••• (6 characters)');
    const leaky = call({ url: '/login?user=a&password=hunter2&Token=zz', req_headers: { authorization: 'Basic dXNlcjpwYXNz', 'user-agent': 'curl/8.0' } });
    assert.deepEqual(leaky.credentials.map((c) => [c.where, c.name, c.redacted]), [['header', 'authorization', 'Basic ••• (12 characters)'], ['query', 'password', '••• (7 characters)'], ['query', 'token', '••• (2 characters)']]);
    const findings = plaintextCredentials(input(side('t', [leaky])));
    assert.equal(findings.length, 3);
    const text = JSON.stringify(findings);
    assert.ok(!text.includes('hunter2') && !text.includes('dXNlcjpwYXNz') && !text.includes('"zz"'));
  });

  it('reports tools in workloads, except those the same workload used in the baseline', () => {
    assert.deepEqual(['curl/8.5.0', 'Go-http-client/1.1', 'python-requests/2.31', 'Mozilla/5.0 curl', 'curlish/1', 'Wget'].map(toolOf), ['curl', 'go-http-client', 'python-requests', undefined, undefined, 'wget']);
    const curl = call({ req_headers: { 'user-agent': 'curl/8.5.0' } });
    const go = call({ req_headers: { 'user-agent': 'Go-http-client/1.1' } });
    assert.deepEqual(toolUserAgents(input(side('t', [curl, go]))).map((f) => f.title).sort(), ['curl in shop/web', 'go-http-client in shop/web']);
    assert.deepEqual(toolUserAgents(input(side('t', [curl, go]), side('b', [go]))).map((f) => f.title), ['curl in shop/web']);
  });

  it('finds a burst of failed lookups in the densest minute only', () => {
    const lookup = (ts: number, status: number): CallRecord => call({ ts, proto: 'dns', method: 'A', path: `n${ts}.example`, status, dst: { ip: '10.0.0.10', port: 53 } });
    const spread = Array.from({ length: 12 }, (_, i) => lookup(i * 61_000, 3));
    assert.deepEqual(dnsFailureBursts(input(side('t', spread, [], { start: 0, end: 800_000 }))), [], 'one a minute is no burst');
    const burst = [...spread, ...Array.from({ length: 10 }, (_, i) => lookup(900_000 + i * 100, 3)), lookup(900_500, 0)];
    const found = dnsFailureBursts(input(side('t', burst, [], { start: 0, end: 1_000_000 })));
    assert.equal(found.length, 1);
    assert.equal(found[0]!.evidence.calls, 10);
  });

  it('calls a connection high-volume against the median, or against its own baseline rate', () => {
    const flows = [100, 200, 300, 5 << 20].map((bytes, i) => flow(pod(`10.0.0.${i + 1}`, `c${i}-6f8b5c4d9f-abcde`), { ...pod('10.0.0.9', 'api-7d9f8c6b5d-fghij'), port: 80 }, bytes));
    assert.deepEqual(highVolume(input(side('t', [], flows))).map((f) => f.id), ['high-volume:shop/c3 → shop/api']);
    assert.deepEqual(highVolume(input(side('t', [], flows), side('b', [], flows))), [], 'the same rate as in the baseline');
    assert.equal(highVolume(input(side('t', [], flows), side('b', [], flows.slice(0, 3)))).length, 1, 'a new pair over the minimum');
  });
});
