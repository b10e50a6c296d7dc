import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type DataBoundaries, type ExportPcapResult, type HubDescriptor, type HubErrorBody, type ListSnapshotsResult, type Snapshot } from '../../../protocol/hubApi';
import { CAPTURES_DIR } from '../../support/paths';
import { HubProcess, snapshotSettled } from '../support/hubProcess';
import { tempDir, tsharkFields } from '../support/tools';

/** Smallest and largest packet time (Unix ms, truncated) of a file, by tshark. */
function tsharkWindow(file: string): [number, number] {
  const ms = tsharkFields(file, ['frame.time_epoch']).map(([t]) => {
    const [sec, frac = '0'] = t!.split('.');
    return Number(sec) * 1000 + Number(frac.padEnd(9, '0').slice(0, 3));
  });
  return [Math.min(...ms), Math.max(...ms)];
}

function errorOf(body: unknown): HubErrorBody['error'] {
  return (body as HubErrorBody).error;
}

describe('Local Hub over HTTP', function () {
  this.timeout(120_000);
  const tmp = tempDir('hub-service-');
  const captures = path.join(tmp.dir, 'captures');
  const state = path.join(tmp.dir, 'state');
  let hub: HubProcess;

  before(async () => {
    mkdirSync(path.join(captures, 'pgnode'), { recursive: true });
    mkdirSync(path.join(captures, 'sll', 'deeper'), { recursive: true });
    copyFileSync(path.join(CAPTURES_DIR, 'small.pcap'), path.join(captures, 'small.pcap'));
    copyFileSync(path.join(CAPTURES_DIR, 'pg.pcap'), path.join(captures, 'pgnode', 'pg.pcap'));
    copyFileSync(path.join(CAPTURES_DIR, 'small-sll.pcap'), path.join(captures, 'sll', 'small-sll.pcap'));
    copyFileSync(path.join(CAPTURES_DIR, 'small.pcapng'), path.join(captures, 'sll', 'deeper', 'ignored.pcapng'));
    writeFileSync(path.join(captures, 'notes.txt'), 'not a capture');
    hub = await HubProcess.start(['--captures', captures, '--state', state]);
  });
  after(async () => {
    await hub?.stop();
    tmp.cleanup();
  });

  describe('transport', () => {
    it('prints one ready line with the port and version', () => {
      assert.equal(hub.ready.event, 'ready');
      assert.ok(hub.port > 0);
      assert.equal(typeof hub.ready.version, 'string');
    });

    it('answers /api/echo without a token, everything else only with the right token', async () => {
      assert.deepEqual((await hub.get('/api/echo', {})).body, { ok: true });
      for (const headers of [{}, { 'X-Kubeshark-Authorization': 'wrong-token' }]) {
        const r = await hub.get('/api/mcp', headers as Record<string, string>);
        assert.equal(r.status, 401);
        assert.equal(errorOf(r.body).code, 'UNAUTHENTICATED');
      }
      assert.equal((await hub.get('/api/mcp')).status, 200);
    });

    it('logs JSON lines on stderr', () => {
      assert.ok(hub.stderr.length > 0);
      for (const line of hub.stderr) assert.equal(typeof (JSON.parse(line) as { event: string }).event, 'string');
    });

    it('describes every tool with a full schema that refuses unknown arguments', async () => {
      const d = (await hub.get<HubDescriptor>('/api/mcp')).body;
      const core = ['get_data_boundaries', 'create_snapshot', 'get_snapshot', 'list_snapshots', 'delete_snapshot', 'export_snapshot_pcap',
        'list_workloads', 'list_ips', 'get_cloud_storage_status', 'upload_snapshot_to_cloud', 'download_snapshot_from_cloud', 'get_cloud_job_status'];
      const names = d.tools.map((t) => t.name);
      for (const expected of core) assert.ok(names.includes(expected), expected);
      for (const t of d.tools) {
        assert.equal(t.inputSchema.type, 'object', t.name);
        assert.equal(t.inputSchema.additionalProperties, false, t.name);
        assert.ok(t.description, t.name);
        for (const [p, s] of Object.entries(t.inputSchema.properties ?? {})) {
          assert.ok(s.type, `${t.name}.${p} has a type`);
          if (core.includes(t.name)) assert.ok(s.description, `${t.name}.${p} has a description`);
        }
      }
    });

    it('names the wrong argument: unknown (with the expected list), wrong type, wrong enum, missing', async () => {
      const cases: [string, unknown, string, RegExp][] = [
        ['get_snapshot', { snapshotId: 'x' }, 'snapshotId', /unknown argument 'snapshotId'; expected one of: id/],
        ['create_snapshot', { start_time: '2026-01-01', end_time: 5 }, 'start_time', /must be an integer/],
        ['create_snapshot', { nodes: ['a', 7] }, 'nodes', /'nodes\[1\]' must be a string/],
        ['list_workloads', { type: 'deployment' }, 'type', /must be one of: pod, service/],
        ['list_workloads', { labels: { app: 1 } }, 'labels', /'labels.app' must be a string/],
        ['get_snapshot', {}, 'id', /missing required argument 'id'/],
        ['get_data_boundaries', { verbose: true }, 'verbose', /takes no arguments/],
      ];
      for (const [tool, args, argument, message] of cases) {
        const r = await hub.call(tool, args);
        assert.equal(r.status, 400, `${tool} ${JSON.stringify(args)}`);
        const e = errorOf(r.body);
        assert.deepEqual([e.code, e.details], ['INVALID_ARGUMENT', { argument }]);
        assert.match(e.message, message);
      }
    });

    it('answers unknown tools, paths and malformed bodies with JSON errors', async () => {
      const unknown = await hub.call('no_such_tool');
      assert.deepEqual([unknown.status, errorOf(unknown.body).code], [404, 'UNKNOWN_TOOL']);
      const bad = await fetch(`${hub.base}/api/mcp/tools/call`, { method: 'POST', headers: hub.headers(), body: '{"name": ' });
      assert.equal(bad.status, 400);
      assert.deepEqual(((await bad.json()) as HubErrorBody).error.details, { argument: 'body' });
      for (const p of ['/api/whoami', '/api/mcp/snapshots/not-a-uuid/pcap', '/api/mcp/snapshots/..%2F..%2Fetc/pcap', '/api/../etc/passwd']) {
        const r = await hub.get(p);
        assert.equal(r.status, 404, p);
        assert.equal(errorOf(r.body).code, 'NOT_FOUND', p);
      }
    });
  });

  describe('raw capture', () => {
    it('nodes are root files and first-level folders; windows are the smallest and largest packet times (tshark)', async () => {
      const b = await hub.ok<DataBoundaries>('get_data_boundaries');
      const expected: Record<string, [number, number]> = {
        pgnode: tsharkWindow(path.join(captures, 'pgnode', 'pg.pcap')),
        sll: tsharkWindow(path.join(captures, 'sll', 'small-sll.pcap')),
        small: tsharkWindow(path.join(captures, 'small.pcap')),
      };
      assert.deepEqual(b.nodes, Object.entries(expected).map(([name, [oldest, newest]]) => ({ name, oldest_ts: oldest, newest_ts: newest })));
      assert.deepEqual(b.cluster, { oldest_ts: Math.min(...Object.values(expected).map((w) => w[0])), newest_ts: Math.max(...Object.values(expected).map((w) => w[1])) });
    });

    it('sees a new file without a restart', async () => {
      copyFileSync(path.join(CAPTURES_DIR, 'small-sll2.pcap'), path.join(captures, 'late.pcap'));
      const b = await hub.ok<DataBoundaries>('get_data_boundaries');
      const [oldest, newest] = tsharkWindow(path.join(captures, 'late.pcap'));
      assert.deepEqual(b.nodes.find((n) => n.name === 'late'), { name: 'late', oldest_ts: oldest, newest_ts: newest });
    });
  });

  describe('snapshots', () => {
    let pgSnapshot: Snapshot;

    it('create_snapshot copies the window; packet counts agree with tshark', async () => {
      const [oldest, newest] = tsharkWindow(path.join(captures, 'pgnode', 'pg.pcap'));
      const start = oldest + Math.floor((newest - oldest) / 4);
      const end = newest - Math.floor((newest - oldest) / 3);
      const created = await hub.ok<Snapshot & { warnings: string[] }>('create_snapshot', { name: 'pg window', start_time: start, end_time: end, nodes: ['pgnode'] });
      assert.deepEqual([created.status, created.name, created.start_ts, created.end_ts, created.duration, created.warnings], ['in_progress', 'pg window', start, end, end - start, []]);
      assert.match(created.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const done = (await snapshotSettled(hub, created.id)) as unknown as Snapshot;
      const inWindow = tsharkFields(path.join(captures, 'pgnode', 'pg.pcap'), ['frame.time_epoch']).filter(([t]) => {
        const [sec, frac = '0'] = t!.split('.');
        const ms = Number(sec) * 1000 + Number(frac.padEnd(9, '0').slice(0, 3));
        return ms >= start && ms <= end;
      }).length;
      assert.equal(done.status, 'completed');
      assert.equal(done.packet_count, inWindow);
      assert.equal(done.nodes?.length, 1);
      assert.deepEqual([done.nodes![0]!.name, done.nodes![0]!.packet_count, done.nodes![0]!.file_count], ['pgnode', inWindow, 1]);
      pgSnapshot = done;
    });

    it('clips a window to the data with warnings, refuses one outside it, takes a duration, names by default', async () => {
      const b = await hub.ok<DataBoundaries>('get_data_boundaries');
      const small = b.nodes.find((n) => n.name === 'small')!;
      const clipped = await hub.ok<Snapshot & { warnings: string[] }>('create_snapshot', { start_time: small.oldest_ts - 60_000, end_time: small.newest_ts + 60_000, nodes: ['small'] });
      assert.deepEqual([clipped.start_ts, clipped.end_ts, clipped.warnings.length], [small.oldest_ts, small.newest_ts, 2]);
      assert.match(clipped.name, /^snap-\d{8}-\d{6}$/);
      const outside = await hub.call('create_snapshot', { start_time: 1000, end_time: 2000 });
      assert.deepEqual([outside.status, errorOf(outside.body).code], [400, 'OUT_OF_BOUNDS']);
      const mixed = await hub.call('create_snapshot', { start_time: 1000, end_time: 2000, duration: '1h' });
      assert.deepEqual([mixed.status, errorOf(mixed.body).details], [400, { argument: 'duration' }]);
      const unknownNode = await hub.call('create_snapshot', { nodes: ['nope'] });
      assert.deepEqual([unknownNode.status, errorOf(unknownNode.body).details], [400, { argument: 'nodes' }]);
      const byDuration = await hub.ok<Snapshot>('create_snapshot', { duration: '100ms', nodes: ['small'] });
      assert.deepEqual([byDuration.start_ts, byDuration.end_ts], [small.newest_ts - 100, small.newest_ts]);
      const badDuration = await hub.call('create_snapshot', { duration: '1 day' });
      assert.deepEqual([badDuration.status, errorOf(badDuration.body).details], [400, { argument: 'duration' }]);
      await snapshotSettled(hub, clipped.id);
      await snapshotSettled(hub, byDuration.id);
    });

    it('list_snapshots is newest first, without nodes', async () => {
      const list = (await hub.ok<ListSnapshotsResult>('list_snapshots')).snapshots;
      assert.ok(list.length >= 3);
      for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.created_at >= list[i]!.created_at);
      assert.ok(list.every((s) => s.nodes === undefined && s.location === 'local'));
    });

    it('export_snapshot_pcap streams exactly what tcpdump writes for the same filter and window', async () => {
      const whole = await hub.ok<Snapshot>('create_snapshot', { nodes: ['small'] });
      await snapshotSettled(hub, whole.id);
      const bpf = 'tcp port 8080 or udp port 53';
      const result = await hub.ok<ExportPcapResult>('export_snapshot_pcap', { id: whole.id, bpf_filter: bpf });
      assert.match(result.path, new RegExp(`^/mcp/snapshots/${whole.id}/pcap\\?bpf_filter=`));
      assert.equal(result.content_type, 'application/vnd.tcpdump.pcap');
      const dl = await hub.download(result.path);
      assert.equal(dl.status, 200);
      assert.equal(dl.headers.get('content-type'), 'application/vnd.tcpdump.pcap');
      assert.equal(dl.headers.get('content-disposition'), `attachment; filename="${result.filename}"`);
      const expected = tmp.file('expected.pcap');
      execFileSync('tcpdump', ['-r', path.join(captures, 'small.pcap'), '-w', expected, bpf], { stdio: 'ignore' });
      assert.ok(dl.bytes.equals(readFileSync(expected)));
    });

    it('export merges nodes of different link types into pcapng, ns precision kept', async () => {
      const both = await hub.ok<Snapshot>('create_snapshot', { nodes: ['small', 'sll'] });
      await snapshotSettled(hub, both.id);
      const result = await hub.ok<ExportPcapResult>('export_snapshot_pcap', { id: both.id, bpf_filter: 'udp port 53' });
      assert.deepEqual([result.content_type, result.filename.endsWith('.pcapng')], ['application/x-pcapng', true]);
      const dl = await hub.download(result.path);
      const file = tmp.file('merged.pcapng', dl.bytes);
      const rows = tsharkFields(file, ['frame.time_epoch', 'frame.encap_type', 'udp.port']);
      const expected = ['small.pcap', 'sll/small-sll.pcap'].map((f) => tsharkFields(path.join(captures, f), ['udp.port']).filter((r) => r[0] !== '').length);
      assert.equal(rows.length, expected[0]! + expected[1]!);
      // Oracle for the merge order: mergecap (earliest head first; each file keeps its own order).
      const merged = tmp.file('mergecap.pcapng');
      execFileSync('mergecap', ['-F', 'pcapng', '-w', merged, path.join(captures, 'small.pcap'), path.join(captures, 'sll', 'small-sll.pcap')], { stdio: 'ignore' });
      const oracle = execFileSync('tshark', ['-n', '-r', merged, '-Y', 'udp.port == 53 && !icmp && !icmpv6', '-T', 'fields', '-E', 'occurrence=f', '-e', 'frame.time_epoch', '-e', 'frame.encap_type', '-e', 'udp.port'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
      assert.deepEqual(rows, oracle);
      assert.deepEqual(new Set(rows.map((r) => r[1])).size, 2);
      assert.ok(rows.some((r) => /\.\d{9}$/.test(r[0]!) && !r[0]!.endsWith('000')), 'ns digits survive');
    });

    it('export_snapshot_pcap validates the filter and the nodes when called', async () => {
      const syntax = await hub.call('export_snapshot_pcap', { id: pgSnapshot.id, bpf_filter: 'tcp and (port 5432' });
      assert.equal(syntax.status, 400);
      assert.deepEqual([errorOf(syntax.body).code, (errorOf(syntax.body).details as { offset: number }).offset], ['BPF_SYNTAX', 18]);
      const sll = await hub.ok<Snapshot>('create_snapshot', { nodes: ['sll'] });
      await snapshotSettled(hub, sll.id);
      const vlan = await hub.call('export_snapshot_pcap', { id: sll.id, bpf_filter: 'vlan' });
      assert.deepEqual([vlan.status, errorOf(vlan.body).code], [400, 'BPF_SYNTAX']);
      assert.match(errorOf(vlan.body).message, /no VLAN support for LINUX_SLL/);
      const node = await hub.call('export_snapshot_pcap', { id: pgSnapshot.id, nodes: ['small'] });
      assert.deepEqual([node.status, errorOf(node.body).details], [400, { argument: 'nodes' }]);
      const missing = await hub.call('export_snapshot_pcap', { id: '00000000-0000-4000-8000-000000000000' });
      assert.deepEqual([missing.status, errorOf(missing.body).code], [404, 'NOT_FOUND']);
    });

    it('delete_snapshot removes every file and the record', async () => {
      const s = await hub.ok<Snapshot>('create_snapshot', { nodes: ['small'] });
      await snapshotSettled(hub, s.id);
      const folder = path.join(state, 'snapshots', s.id);
      assert.ok(readdirSync(folder).length > 0);
      assert.deepEqual(await hub.ok('delete_snapshot', { id: s.id }), { success: true, id: s.id, name: s.name });
      assert.equal(existsSync(folder), false);
      assert.equal((await hub.call('get_snapshot', { id: s.id })).status, 404);
      assert.equal((await hub.call('delete_snapshot', { id: s.id })).status, 404);
    });
  });
});
