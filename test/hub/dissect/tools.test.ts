/**
 * The dissection tools over real HTTP against the spawned Hub (`node dist/cli.js hub`): live
 * data, snapshot dissection lifecycle and restart survival, list_api_calls (KFL errors with
 * positions, paging, order, windows, formats, groups), get_api_call(_details) with bodies and
 * the connection's PCAP, get_api_stats recomputed independently, L4 flows against tshark.
 */
import assert from 'node:assert/strict';
import { execFileSync, type ExecFileSyncOptionsWithStringEncoding } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ApiStats, type CallCompact, type CallFull, type Dissection, type GetApiCallDetailsResult, type HubDescriptor, type ListApiCallsResult, type ListL4FlowsResult } from '../../../protocol/hubApi';
import { CAPTURES_DIR } from '../../support/paths';
import { HubProcess, snapshotSettled, until } from '../support/hubProcess';
import { hasTshark } from './support/oracle';

const TOOLS = [
  'start_snapshot_dissection', 'get_snapshot_dissection_status', 'list_snapshot_dissections', 'stop_snapshot_dissection', 'list_api_calls',
  'get_api_call', 'get_api_call_details', 'get_api_stats', 'list_l4_flows', 'get_l4_flow_summary', 'get_l7_data_boundaries',
  'get_dissection_status', 'enable_dissection', 'disable_dissection',
];

const WORKLOADS = { workloads: [{ name: 'loadgen-7d9f8-abcde', namespace: 'test', kind: 'pod', labels: { app: 'loadgen' }, ips: [{ ip: '127.0.0.1', timestamp: 0 }, { ip: '::1', timestamp: 0 }] }] };

const QUIET: ExecFileSyncOptionsWithStringEncoding = { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] };

type List<C = CallCompact> = ListApiCallsResult<C>;

describe('dissection tools over HTTP', function () {
  this.timeout(120_000);
  let dir: string;
  let hub: HubProcess;
  let snapshotId: string;
  const args = (): string[] => ['--captures', path.join(dir, 'captures'), '--state', path.join(dir, 'state')];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dissect-tools-'));
    execFileSync('mkdir', ['-p', path.join(dir, 'captures')]);
    copyFileSync(path.join(CAPTURES_DIR, 'small.pcap'), path.join(dir, 'captures', 'small.pcap'));
    writeFileSync(path.join(dir, 'captures', 'workloads.json'), JSON.stringify(WORKLOADS));
    hub = await HubProcess.start(args());
    const snap = await hub.ok<{ id: string }>('create_snapshot', {});
    snapshotId = snap.id;
    await snapshotSettled(hub, snapshotId);
  });
  after(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const list = async <C = CallCompact>(a: Record<string, unknown>): Promise<List<C>> => hub.ok<List<C>>('list_api_calls', { snapshot_id: snapshotId, ...a });

  it('declares every dissection tool with a closed argument schema', async () => {
    const d = (await hub.get<HubDescriptor>('/api/mcp')).body;
    for (const name of TOOLS) {
      const tool = d.tools.find((t) => t.name === name);
      assert.ok(tool, name);
      assert.equal(tool.inputSchema.additionalProperties, false, name);
    }
    const bad = await hub.call<{ error: { code: string; details: { argument: string } } }>('list_api_calls', { kfl: 'http', snapshotId: 'x' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'INVALID_ARGUMENT');
    assert.equal(bad.body.error.details.argument, 'snapshotId');
  });

  it('answers from the live database, which back-fills every capture file', async () => {
    const live = await hub.ok<List>('list_api_calls', { kfl: 'http && status_code == 500', limit: 1 });
    assert.equal(live.total, 29);
    const bounds = await hub.ok<{ dissection_enabled: boolean; cluster: { oldest_ts: number; newest_ts: number }; nodes: { name: string }[] }>('get_l7_data_boundaries');
    assert.equal(bounds.dissection_enabled, true);
    assert.deepEqual(bounds.nodes.map((n) => n.name), ['small']);
    const all = await hub.ok<List>('list_api_calls', { kfl: '!conn && !flow', limit: 1000 });
    assert.equal(bounds.cluster.oldest_ts, Math.min(...all.calls.map((c) => c.ts)));
    assert.equal(bounds.cluster.newest_ts, Math.max(...all.calls.map((c) => c.ts)));
  });

  it('lists connection and flow records only when the filter asks for them', async () => {
    const calls = await hub.ok<List>('list_api_calls', { kfl: '!conn && !flow', limit: 1 });
    const everything = await hub.ok<List>('list_api_calls', { kfl: '', limit: 1000 });
    assert.equal(everything.total, calls.total, 'the empty filter lists API calls only');
    assert.ok(everything.calls.every((c) => !/\/(conn|flow)\//.test(c.id)), 'no L4 record ids (<node>/conn/<n>, <node>/flow/<n>)');
    const byAddress = await hub.ok<List>('list_api_calls', { kfl: 'src.ip != ""', limit: 1 });
    assert.equal(byAddress.total, calls.total);
    const conns = await hub.ok<List>('list_api_calls', { kfl: 'conn', limit: 1000 });
    assert.ok(conns.total > 0 && conns.calls.every((c) => c.id.includes('/conn/')));
    const l4 = await hub.ok<List>('list_api_calls', { kfl: 'conn || flow || http', limit: 1 });
    const http = await hub.ok<List>('list_api_calls', { kfl: 'http', limit: 1 });
    const flows = await hub.ok<List>('list_api_calls', { kfl: 'flow', limit: 1 });
    assert.equal(l4.total, conns.total + flows.total + http.total);
  });

  it('switches live dissection off and on', async () => {
    assert.deepEqual(await hub.ok('disable_dissection'), { success: true, enabled: false });
    assert.deepEqual(await hub.ok('get_dissection_status'), { enabled: false });
    assert.deepEqual(await hub.ok('enable_dissection'), { success: true, enabled: true });
    assert.deepEqual(await hub.ok('get_dissection_status'), { enabled: true });
  });

  describe('a snapshot dissection', () => {
    let first: Dissection;

    before(async () => {
      assert.equal((await hub.call('list_api_calls', { snapshot_id: snapshotId })).status, 404, 'no dissection yet');
      first = await hub.ok<Dissection>('start_snapshot_dissection', { snapshot_id: snapshotId });
      const seen: number[] = [];
      first = await until('dissection', async () => {
        const s = await hub.ok<Dissection>('get_snapshot_dissection_status', { snapshot_id: snapshotId });
        seen.push(s.progress);
        return s.status === 'completed' || s.status === 'failed' ? s : undefined;
      });
      assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'progress never decreases');
    });

    it('completes with stats, and is returned instead of run twice', async () => {
      assert.equal(first.status, 'completed');
      assert.equal(first.progress, 100);
      assert.equal(first.entry_count, 1000);
      assert.deepEqual(first.stats?.protocol_counts, { http: 716, dns: 95, grpc: 110, tls: 13, redis: 66 });
      assert.equal(first.stats?.packets_processed, 4043);
      const again = await hub.ok<Dissection>('start_snapshot_dissection', { snapshot_id: snapshotId });
      assert.equal(again.started_at, first.started_at);
      const listed = await hub.ok<{ dissections: Dissection[] }>('list_snapshot_dissections', { snapshot_id: snapshotId });
      assert.deepEqual(listed.dissections.map((d) => [d.name, d.status]), [['default', 'completed']]);
      const missing = await hub.call<{ error: { code: string } }>('start_snapshot_dissection', { snapshot_id: '00000000-0000-4000-8000-000000000000' });
      assert.equal(missing.status, 404);
    });

    it('rejects bad KFL with the position and the diagnostic code', async () => {
      const syntax = await hub.call<{ error: { code: string; details: Record<string, unknown> } }>('list_api_calls', { snapshot_id: snapshotId, kfl: 'http &&\n status_code = 500' });
      assert.equal(syntax.status, 400);
      assert.equal(syntax.body.error.code, 'KFL_SYNTAX');
      assert.deepEqual(syntax.body.error.details, { offset: 21, line: 2, column: 14, length: 1, diagnostic: 'kfl/invalid-char' });
      const type = await hub.call<{ error: { code: string; details: Record<string, unknown> } }>('list_api_calls', { snapshot_id: snapshotId, kfl: 'status_code == "500"' });
      assert.equal(type.body.error.code, 'KFL_TYPE');
      assert.equal(type.body.error.details.diagnostic, 'kfl/type-mismatch');
    });

    it('pages with cursors and offsets over a stable order, both ways', async () => {
      // gRPC calls are HTTP too (spec §9.1): 716 HTTP/1.x and HTTP/2 calls plus 110 gRPC.
      const everything = await list({ kfl: 'http', limit: 1000 });
      assert.equal(everything.total, 826);
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: List = await list({ kfl: 'http', limit: 100, ...(cursor ? { cursor } : {}) });
        ids.push(...page.calls.map((c) => c.id));
        assert.equal(page.total, 826);
        cursor = page.next_cursor;
      } while (cursor);
      assert.deepEqual(ids, everything.calls.map((c) => c.id));
      assert.equal(new Set(ids).size, 826);
      const sorted = [...everything.calls].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
      assert.deepEqual(everything.calls.map((c) => c.id), sorted.map((c) => c.id));
      const desc = await list({ kfl: 'http', limit: 1000, order: 'desc' });
      assert.deepEqual(desc.calls.map((c) => c.id), [...everything.calls].reverse().map((c) => c.id));
      const skipped = await list({ kfl: 'http', limit: 10, offset: 700 });
      assert.deepEqual(skipped.calls.map((c) => c.id), everything.calls.slice(700, 710).map((c) => c.id));
      const bad = await hub.call<{ error: { code: string } }>('list_api_calls', { snapshot_id: snapshotId, kfl: 'dns', cursor: (await list({ kfl: 'http', limit: 1 })).next_cursor });
      assert.equal(bad.body.error.code, 'INVALID_CURSOR');
      assert.equal((await hub.call<{ error: { code: string } }>('list_api_calls', { snapshot_id: snapshotId, cursor: 'garbage!' })).body.error.code, 'INVALID_CURSOR');
    });

    it('windows on ts (inclusive ms) and groups over all matches', async () => {
      const all = (await list({ kfl: 'dns', limit: 1000 })).calls;
      const mid = all[Math.floor(all.length / 2)]!.ts;
      const windowed = await list({ kfl: 'dns', limit: 1000, start_time: mid, end_time: mid });
      assert.deepEqual(windowed.calls.map((c) => c.id), all.filter((c) => c.ts === mid).map((c) => c.id));
      const grouped = await list({ kfl: 'dns', limit: 1, group_by: 'ns' });
      assert.deepEqual(grouped.groups, [{ key: 'test', total: 95 }]);
      const byNode = await list({ kfl: 'dns', limit: 1, group_by: 'node' });
      assert.deepEqual(byNode.groups, [{ key: 'small', total: 95 }]);
    });

    it('gives raw KFL records that are what the filter sees', async () => {
      const raw = await list<Record<string, unknown>>({ kfl: 'http && path.startsWith("/api/users/")', limit: 1000, format: 'raw' });
      assert.ok(raw.total > 200);
      for (const r of raw.calls) {
        assert.equal(r.http, true);
        assert.equal((r.path as string).startsWith('/api/users/'), true);
        assert.equal((r.src as { pod: { name: string } }).pod.name, 'loadgen-7d9f8-abcde');
        assert.equal(r.capture_source, 'af_packet');
      }
      const identity = await list({ kfl: 'src.pod.namespace == "test" && dst.pod.name.startsWith("loadgen-") && map_get(local_labels, "app", "") == "loadgen"', limit: 1 });
      assert.equal(identity.total, (await list({ kfl: '', limit: 1 })).total);
      const headers = await list({ kfl: 'http && map_get(request.headers, "user-agent", "").startsWith("curl/")', limit: 1 });
      assert.equal(headers.total, 10, 'curl made 5 HTTP/1.1 and 5 h2c calls');
      const l4 = await list({ kfl: 'conn && "HTTP" in conn_l7_detected && conn_state == "closed"', limit: 1 });
      assert.ok(l4.total > 0);
    });

    it('returns a call with decoded bodies, and its connection as a pcap', async () => {
      const gzip = (await list<CallFull>({ kfl: 'http && path == "/api/gzip"', limit: 1, format: 'full' })).calls[0]!;
      assert.equal(gzip.resp_headers['content-encoding'], 'gzip');
      const { call } = await hub.ok<{ call: CallFull }>('get_api_call', { id: gzip.id, snapshot_id: snapshotId });
      assert.equal(call.resp_body_encoding, 'utf8');
      assert.deepEqual((JSON.parse(call.resp_body) as { items: unknown[] }).items.length, 50);
      assert.equal((await hub.call('get_api_call', { id: 'small/99999/0', snapshot_id: snapshotId })).status, 404);
      assert.equal((await hub.call('get_api_call', { id: gzip.id, node_id: 'other', snapshot_id: snapshotId })).status, 404);
      const details = await hub.ok<GetApiCallDetailsResult>('get_api_call_details', { id: gzip.id, snapshot_id: snapshotId, include_pcap: true, max_payload_size: 100 });
      assert.equal(details.resp_body.length, 100);
      assert.equal(details.truncated, true);
      assert.equal(details.l4_conn?.conn_id, call.conn_id);
      assert.equal(details.l4_flow?.flow_id, call.flow_id);
      assert.ok(details.pcap);
      if (hasTshark()) {
        const file = path.join(dir, 'conn.pcap');
        writeFileSync(file, Buffer.from(details.pcap, 'base64'));
        const ports = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'tcp.srcport', '-e', 'tcp.dstport'], QUIET).trim().split('\n');
        assert.ok(ports.every((l) => l.split('\t').sort().join() === [String(call.src.port), String(call.dst.port)].sort().join()));
        const original = execFileSync('tshark', ['-r', path.join(CAPTURES_DIR, 'small.pcap'), '-Y', `tcp.port == ${call.src.port}`, '-T', 'fields', '-e', 'frame.number'], QUIET).trim().split('\n');
        assert.equal(ports.length, original.length);
        assert.equal(details.l4_conn!.local_pkts + details.l4_conn!.remote_pkts, original.length);
      }
    });

    it('computes stats exactly as defined (checked against the calls themselves)', async () => {
      const calls = (await list<CallFull>({ kfl: 'http && !grpc', limit: 1000, format: 'full' })).calls;
      const stats = await hub.ok<ApiStats>('get_api_stats', { snapshot_id: snapshotId, kfl: 'http && !grpc' });
      assert.equal(stats.totals.calls, calls.length);
      const errors = calls.filter((c) => c.status >= 500 || c.error).length;
      assert.equal(stats.totals.errors, errors);
      assert.equal(stats.totals.client_errors, calls.filter((c) => c.status >= 400 && c.status < 500).length);
      assert.equal(stats.totals.error_rate, Math.round((errors / calls.length) * 10000) / 10000);
      const latencies = calls.filter((c) => !c.error).map((c) => c.latency_ms).sort((a, b) => a - b);
      const rank = (p: number): number => latencies[Math.ceil((p / 100) * latencies.length) - 1]!;
      assert.equal(stats.latency_ms.count, latencies.length);
      assert.equal(stats.latency_ms.p50, rank(50));
      assert.equal(stats.latency_ms.p90, rank(90));
      assert.equal(stats.latency_ms.p99, rank(99));
      assert.equal(stats.latency_ms.max, latencies[latencies.length - 1]);
      assert.equal(stats.status_classes['5xx'], calls.filter((c) => c.status >= 500).length);
      const users = stats.top_endpoints.find((e) => e.path === '/api/users/{id}' && e.method === 'GET')!;
      assert.equal(users.calls, calls.filter((c) => c.method === 'GET' && /^\/api\/users\/\d+$/.test(c.path)).length);
      assert.equal(users.dst, 'test/loadgen-7d9f8-abcde');
      const buckets = stats.time_series.buckets;
      assert.equal(buckets.reduce((a, b) => a + b.calls, 0), calls.length);
      assert.ok(buckets.length <= 120);
      assert.equal(buckets[0]!.ts % stats.time_series.bucket_ms, 0);
      const all = await hub.ok<ApiStats>('get_api_stats', { snapshot_id: snapshotId });
      assert.deepEqual(all.by_protocol.map((p) => [p.proto, p.calls]), [['http', 716], ['grpc', 110], ['dns', 95], ['redis', 66], ['tls', 13]]);
    });

    it('lists L4 flows whose bytes add up to tshark’s TCP conversations', async () => {
      const flows = await hub.ok<ListL4FlowsResult>('list_l4_flows', { snapshot_id: snapshotId, l4proto: 'tcp', limit: 1000, format: 'full' });
      const summary = await hub.ok<{ tcp_flows: number; total_flows: number; udp_flows: number }>('get_l4_flow_summary', { snapshot_id: snapshotId });
      assert.equal(summary.tcp_flows, flows.total);
      assert.equal(summary.total_flows, summary.tcp_flows + summary.udp_flows);
      const bytes = flows.flows.reduce((a, f) => a + f.totals.bytes, 0);
      assert.deepEqual(flows.flows.map((f) => f.totals.bytes), [...flows.flows.map((f) => f.totals.bytes)].sort((a, b) => b - a));
      if (hasTshark()) {
        const lengths = execFileSync('tshark', ['-r', path.join(CAPTURES_DIR, 'small.pcap'), '-Y', 'tcp', '-T', 'fields', '-e', 'frame.len'], QUIET);
        assert.equal(bytes, lengths.trim().split('\n').reduce((a, l) => a + Number(l), 0), 'bytes of every TCP frame');
      }
      const byPod = await hub.ok<ListL4FlowsResult>('list_l4_flows', { snapshot_id: snapshotId, aggregate: 'pod', l4proto: 'tcp' });
      assert.equal(byPod.total, 1);
      assert.equal(byPod.flows[0]!.totals.bytes, bytes);
    });

    it('survives a restart without dissecting again, and goes with its snapshot', async () => {
      await hub.stop();
      hub = await HubProcess.start(args());
      const status = await hub.ok<Dissection>('get_snapshot_dissection_status', { snapshot_id: snapshotId });
      assert.equal(status.status, 'completed');
      assert.equal(status.started_at, first.started_at);
      assert.equal((await list({ kfl: 'grpc && grpc_status == 5', limit: 1 })).total, 8);
      await hub.ok('delete_snapshot', { id: snapshotId });
      assert.deepEqual((await hub.ok<{ dissections: Dissection[] }>('list_snapshot_dissections', {})).dissections, []);
    });
  });
});
