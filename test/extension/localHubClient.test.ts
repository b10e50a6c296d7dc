// The client against a real local Hub process (node dist/cli.js hub on the test's own captures):
// Check Hub, adaptation against the live descriptor, the snapshot lifecycle, and a BPF export that
// must be byte-identical to tcpdump filtering the snapshot's own data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adaptArguments } from '../../extension/client/adapt';
import { checkHub } from '../../extension/client/check';
import { CORE_TOOLS } from '../../extension/client/descriptor';
import { isHubError } from '../../extension/client/errors';
import { dissectionCompleted, type SnapshotInfo } from '../../extension/client/model';
import { hostFilter } from '../../extension/snapshots/hostFilter';
import { packetTimes, PG_PCAP, SMALL_PCAP, tcpdumpFilter } from '../support/captures';
import { startTestHub, type TestHub } from './support/localHub';

async function untilCompleted(hub: TestHub, key: string): Promise<SnapshotInfo> {
  // Polling a condition with a deadline: the Hub offers no event for a finished snapshot.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const snapshot = await hub.tools.getSnapshot(key);
    if (snapshot.status !== 'in_progress') return snapshot;
    if (Date.now() > deadline) assert.fail(`snapshot ${key} still in progress`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const WORKLOADS = {
  workloads: [
    { name: 'client-7d9f8', namespace: 'prod', kind: 'pod', labels: { app: 'client' }, ips: [{ ip: '127.0.0.1', timestamp: 0 }] },
    { name: 'server-v6', namespace: 'staging', kind: 'pod', labels: {}, ips: [{ ip: '::1', timestamp: 0 }] },
  ],
};

describe('hub client against a local Hub process', function () {
  this.timeout(60_000);
  let hub: TestHub;

  before(async () => {
    hub = await startTestHub({ files: [SMALL_PCAP, PG_PCAP], workloads: WORKLOADS });
  });
  after(async () => {
    await hub?.stop();
  });

  it('passes Check Hub; core tools the Hub lacks make it degraded, by name', async () => {
    const status = await checkHub(hub.client, { auth: 'token' });
    const offered = new Set((await hub.client.descriptor()).tools.map((t) => t.name));
    const missing = CORE_TOOLS.filter((t) => !offered.has(t));
    assert.deepEqual(status.missingCoreTools, missing);
    assert.equal(status.state, missing.length > 0 ? 'degraded' : 'ok');
    assert.equal(status.hub?.name, 'kubeshark-local-hub');
    assert.equal(status.hub?.version, hub.process.version);
    assert.equal(status.capabilities, undefined, 'the local Hub serves no whoami: everything allowed');
  });

  it('answers auth_required without the per-launch token, and the health check without it', async () => {
    const anonymous = hub.clientWith({ credentials: () => ({}) });
    await anonymous.echo();
    const status = await checkHub(anonymous, { auth: 'none' });
    assert.equal(status.state, 'auth_required');
    await anonymous.dispose();
  });

  it('adapts logical arguments to every live schema so the Hub (which rejects unknown names) accepts them', async () => {
    const descriptor = await hub.client.descriptor();
    const createTool = descriptor.tools.find((t) => t.name === 'create_snapshot')!;
    const adapted = adaptArguments(createTool, { start: 1, end: 2, nodes: ['small'], kfl: 'http' }, { name: 'n' });
    assert.deepEqual(adapted.arguments, { name: 'n', start_time: 1, end_time: 2, nodes: ['small'] });
    assert.deepEqual(adapted.dropped.map((d) => d.note), ["This Hub's `create_snapshot` does not take a KFL filter"]);
    // An unknown name reaches the Hub only through the raw runner, and the Hub names it.
    await assert.rejects(hub.client.callTool('list_snapshots', { snapshotId: 'x' }), (e: unknown) => isHubError(e, 'invalid_arguments') && /snapshotId/.test(e.message));
  });

  it('reads boundaries per node', async () => {
    const boundaries = await hub.tools.boundaries();
    assert.deepEqual(boundaries.nodes.map((n) => n.name).sort(), ['pg', 'small']);
    const small = boundaries.nodes.find((n) => n.name === 'small')!.window!;
    const times = packetTimes(SMALL_PCAP);
    assert.deepEqual(small, { start: Math.min(...times), end: Math.max(...times) });
  });

  it('creates a snapshot of a window, polls it to completed, exports with BPF byte-identical to tcpdump, deletes it', async () => {
    const times = packetTimes(SMALL_PCAP);
    const start = times[0]! + 100;
    const end = times[times.length - 1]! - 100;
    const created = await hub.tools.createSnapshot({ name: 'window-test', nodes: ['small'], window: { start, end } });
    assert.deepEqual(created.notes, []);
    assert.equal(created.value.name, 'window-test');
    const snapshot = await untilCompleted(hub, created.value.key);
    assert.equal(snapshot.status, 'completed');
    assert.deepEqual(snapshot.window, { start, end });
    assert.deepEqual(snapshot.nodes?.map((n) => n.name), ['small']);

    const all = path.join(hub.scratch, 'all.pcap');
    const unfiltered = await hub.tools.exportPcap({ snapshot: snapshot.key });
    await hub.client.download(unfiltered.value.path, all);
    const inWindow = packetTimes(all);
    assert.equal(inWindow.length, times.filter((t) => t >= start && t <= end).length);
    assert.ok(inWindow.every((t) => t >= start && t <= end));

    const filter = hostFilter(['::1']).filter + ' and tcp';
    const exported = await hub.tools.exportPcap({ snapshot: snapshot.key, bpf: filter });
    const actual = path.join(hub.scratch, 'actual.pcap');
    const progress: number[] = [];
    const result = await hub.client.download(exported.value.path, actual, { onProgress: (p) => progress.push(p.received) });
    const expected = path.join(hub.scratch, 'expected.pcap');
    tcpdumpFilter(all, expected, filter);
    const bytes = readFileSync(actual);
    assert.ok(bytes.length > 24, 'the filter matched packets');
    assert.ok(bytes.equals(readFileSync(expected)), 'export equals tcpdump -r snapshot -w out FILTER');
    assert.equal(result.bytes, bytes.length);
    assert.equal(progress.at(-1), bytes.length);
    assert.equal(result.contentType, 'application/vnd.tcpdump.pcap');
    assert.equal(result.suggestedName, exported.value.filename);

    await hub.tools.deleteSnapshot(snapshot.key);
    await assert.rejects(hub.tools.getSnapshot(snapshot.key), (e: unknown) => isHubError(e, 'not_found'));
  });

  it('reports a BPF syntax error with its offset at call time', async () => {
    const { value } = await hub.tools.createSnapshot({ nodes: ['pg'] });
    await untilCompleted(hub, value.key);
    await assert.rejects(hub.tools.exportPcap({ snapshot: value.key, bpf: 'host 127.0.0.1 and prot 80' }),
      (e: unknown) => isHubError(e, 'invalid_arguments') && e.code === 'BPF_SYNTAX' && e.offset === 19 && /unknown host 'prot'/.test(e.message));
    await hub.tools.deleteSnapshot(value.key);
  });

  it('resolves workloads and IPs against a snapshot into a host filter', async () => {
    const { value } = await hub.tools.createSnapshot({ nodes: ['small'] });
    await untilCompleted(hub, value.key);
    const workloads = await hub.tools.listWorkloads(value.key, { namespaces: ['prod'] });
    assert.deepEqual(workloads.map((w) => `${w.namespace}/${w.name}`), ['prod/client-7d9f8']);
    const ips = await hub.tools.listIps(value.key);
    assert.deepEqual(ips.map((i) => i.ip), ['127.0.0.1', '::1']);
    assert.equal(hostFilter(ips.map((i) => i.ip)).filter, 'host 127.0.0.1 or host ::1');
    await hub.tools.deleteSnapshot(value.key);
  });

  it('refuses an out-of-bounds window with the Hub message', async () => {
    await assert.rejects(hub.tools.createSnapshot({ window: { start: 1000, end: 2000 } }), (e: unknown) => isHubError(e, 'invalid_arguments') && e.code === 'OUT_OF_BOUNDS');
  });
});

describe('dissection through the client against a local Hub process', function () {
  this.timeout(120_000);
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub({ files: [SMALL_PCAP] });
  });
  after(async () => {
    await hub?.stop();
  });

  it('starts a dissection, follows it to completed, lists calls and reads one in full', async () => {
    const { value } = await hub.tools.createSnapshot({ name: 'dissect-me' });
    await untilCompleted(hub, value.key);
    assert.equal(await hub.tools.dissectionStatus(value.key), undefined, 'none before it is started (404)');
    const started = await hub.tools.startDissection(value.key);
    assert.equal(started?.snapshotId, value.key);
    let dissection = started!;
    const deadline = Date.now() + 60_000;
    while (!dissectionCompleted(dissection)) {
      assert.ok(Date.now() < deadline, `dissection still ${dissection.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      dissection = (await hub.tools.dissectionStatus(value.key))!;
    }
    assert.ok((dissection.entryCount ?? 0) > 0);
    assert.deepEqual((await hub.tools.listDissections(value.key)).map((d) => [d.name, d.status]), [['default', 'completed']]);
    const page = await hub.tools.listApiCalls({ snapshot: value.key, kfl: 'http', limit: 5 });
    assert.equal(page.calls.length, 5);
    assert.ok((page.total ?? 0) > 5 && page.truncated);
    const id = String(page.calls[0]!.id);
    const call = await hub.tools.getApiCall(id, { snapshot: value.key });
    assert.equal(call?.id, id);
    assert.equal(call?.node_id, 'small', 'the node id was sent and the full call came back');
    await assert.rejects(hub.tools.listApiCalls({ snapshot: value.key, kfl: 'http &&' }), (e: unknown) => isHubError(e, 'invalid_arguments') && e.code === 'KFL_SYNTAX' && e.offset !== undefined);
  });
});
