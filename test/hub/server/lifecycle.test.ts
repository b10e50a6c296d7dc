import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CloudJob, type HubErrorBody, type ListIpsResult, type ListSnapshotsResult, type ListWorkloadsResult, type Snapshot } from '../../../protocol/hubApi';
import { CAPTURES_DIR } from '../../support/paths';
import { HubProcess, snapshotSettled, until } from '../support/hubProcess';
import { tempDir } from '../support/tools';

const WORKLOADS = {
  workloads: [
    { name: 'orders-1', namespace: 'prod', kind: 'pod', labels: { app: 'orders' }, ips: [{ ip: '10.0.0.1', timestamp: 1000 }, { ip: '10.0.0.9', timestamp: 5000 }] },
    { name: 'orders-2', namespace: 'prod', kind: 'pod', labels: { app: 'orders' }, ips: [{ ip: '10.0.0.2', timestamp: 1000 }] },
    { name: 'payments', namespace: 'prod', kind: 'service', labels: { app: 'pay' }, ips: [{ ip: '10.96.0.5', timestamp: 0 }] },
    { name: 'redis-0', namespace: 'cache', kind: 'pod', labels: {}, ips: [{ ip: '10.0.0.9', timestamp: 1000 }] },
    { name: 'broken', namespace: 7 },
  ],
};

describe('Local Hub lifecycle: restarts, crashes, workloads, cloud', function () {
  this.timeout(120_000);
  const tmp = tempDir('hub-life-');
  const captures = path.join(tmp.dir, 'captures');
  const state = path.join(tmp.dir, 'state');
  const cloud = path.join(tmp.dir, 'cloud');
  let hub: HubProcess;
  const start = () => HubProcess.start(['--captures', captures, '--state', state, '--cloud-folder', `file://${cloud}`]);

  before(async () => {
    mkdirSync(captures, { recursive: true });
    copyFileSync(path.join(CAPTURES_DIR, 'small.pcap'), path.join(captures, 'small.pcap'));
    // Captured metadata is hostile: orders-1 carries a label literally named __proto__.
    writeFileSync(path.join(captures, 'workloads.json'), JSON.stringify(WORKLOADS).replace('"labels":{"app":"orders"}', '"labels":{"app":"orders","__proto__":"x"}'));
    hub = await start();
  });
  after(async () => {
    await hub?.stop();
    tmp.cleanup();
  });

  it('snapshots survive a restart', async () => {
    const s = await hub.ok<Snapshot>('create_snapshot', { name: 'keep me' });
    const done = await snapshotSettled(hub, s.id);
    await hub.stop();
    hub = await start();
    assert.deepEqual(await hub.ok('get_snapshot', { id: s.id }), done);
  });

  it('a snapshot cut off by a crash is failed ("interrupted") after the restart, never completed', async () => {
    await hub.stop('SIGKILL');
    const id = '11111111-2222-4333-8444-555555555555';
    mkdirSync(path.join(state, 'snapshots', id, 'nodes', '0-small'), { recursive: true });
    writeFileSync(path.join(state, 'snapshots', id, 'nodes', '0-small', '.0000-small.pcap.abc.tmp'), 'half a file');
    writeFileSync(path.join(state, 'snapshots', id, 'snapshot.json'), JSON.stringify({
      id, name: 'crashed', status: 'in_progress', size_bytes: 0, created_at: 1, start_ts: 0, end_ts: 1, duration: 1, node_count: 1,
      packet_count: 0, nodes: [], error: null, warnings: [], has_workloads: false,
    }));
    hub = await start();
    const s = await hub.ok<Snapshot>('get_snapshot', { id });
    assert.equal(s.status, 'failed');
    assert.match(String(s.error), /interrupted/);
    const exp = await hub.call('export_snapshot_pcap', { id });
    assert.deepEqual([exp.status, (exp.body as HubErrorBody).error.code], [409, 'SNAPSHOT_NOT_READY']);
    await hub.ok('delete_snapshot', { id });
    assert.equal(existsSync(path.join(state, 'snapshots', id)), false);
  });

  it('a Hub killed mid-copy restarts without any snapshot left in_progress', async () => {
    for (let i = 0; i < 20; i++) copyFileSync(path.join(CAPTURES_DIR, 'small.pcapng'), path.join(captures, `bulk-${i}.pcapng`));
    const s = await hub.ok<Snapshot>('create_snapshot', { name: 'killed' });
    await hub.stop('SIGKILL');
    hub = await start();
    const after = await hub.ok<Snapshot>('get_snapshot', { id: s.id });
    assert.ok(after.status === 'failed' || after.status === 'completed', after.status);
    const all = (await hub.ok<ListSnapshotsResult>('list_snapshots')).snapshots;
    assert.ok(all.every((x) => x.status !== 'in_progress'));
  });

  it('delete_snapshot during the copy cancels it and leaves nothing behind', async () => {
    const s = await hub.ok<Snapshot>('create_snapshot', { name: 'short-lived' });
    assert.deepEqual(await hub.ok('delete_snapshot', { id: s.id }), { success: true, id: s.id, name: 'short-lived' });
    assert.equal(existsSync(path.join(state, 'snapshots', s.id)), false);
    assert.equal((await hub.call('get_snapshot', { id: s.id })).status, 404);
    // A later snapshot completes normally: the cancelled job left no lock or half state behind.
    const next = await hub.ok<Snapshot>('create_snapshot', { nodes: ['small'] });
    assert.equal((await snapshotSettled(hub, next.id)).status, 'completed');
    assert.equal(existsSync(path.join(state, 'snapshots', s.id)), false);
  });

  describe('workloads', () => {
    it('list_workloads filters by namespace, labels, type, regex and resolves IPs at a time', async () => {
      const all = await hub.ok<ListWorkloadsResult>('list_workloads');
      assert.equal(all.total, 4);
      const orders = await hub.ok<ListWorkloadsResult>('list_workloads', { namespaces: ['prod'], labels: { app: 'orders' }, type: 'pod' });
      assert.deepEqual(orders.workloads.map((w) => w.name), ['orders-1', 'orders-2']);
      const regex = await hub.ok<ListWorkloadsResult>('list_workloads', { name_regex: '^(pay|redis)' });
      assert.deepEqual(regex.workloads.map((w) => w.name), ['payments', 'redis-0']);
      const at = await hub.ok<ListWorkloadsResult>('list_workloads', { name: 'orders-1', namespace: 'prod', timestamp: 4999 });
      assert.deepEqual(at.workloads[0]!.ips, [{ ip: '10.0.0.1', timestamp: 1000 }]);
      const proto = await hub.ok<ListWorkloadsResult>('list_workloads', { labels: JSON.parse('{"__proto__":"x"}') as Record<string, string> });
      assert.deepEqual(proto.workloads.map((w) => w.name), ['orders-1'], 'a label named __proto__ is an ordinary label');
      assert.equal(JSON.stringify(proto.workloads[0]!.labels), '{"app":"orders","__proto__":"x"}');
      const noNs = await hub.call('list_workloads', { name: 'orders-1' });
      assert.deepEqual([noNs.status, (noNs.body as HubErrorBody).error.details], [400, { argument: 'name' }]);
      const badRe = await hub.call('list_workloads', { name_regex: '(' });
      assert.deepEqual([badRe.status, (badRe.body as HubErrorBody).error.details], [400, { argument: 'name_regex' }]);
    });

    it('list_ips: records per IP, identity at a time = latest record at or before it, else the earliest', async () => {
      const ip9 = await hub.ok<ListIpsResult>('list_ips', { ip: '10.0.0.9' });
      assert.deepEqual(ip9.ips, [{ ip: '10.0.0.9', records: [
        { name: 'redis-0', namespace: 'cache', timestamp: 1000, kind: 'pod' }, { name: 'orders-1', namespace: 'prod', timestamp: 5000, kind: 'pod' },
      ] }]);
      const early = await hub.ok<ListIpsResult>('list_ips', { ip: '10.0.0.9', timestamp: 10 });
      assert.deepEqual(early.ips[0]!.records.map((r) => r.name), ['redis-0']);
      const late = await hub.ok<ListIpsResult>('list_ips', { ip: '10.0.0.9', timestamp: 6000 });
      assert.deepEqual(late.ips[0]!.records.map((r) => r.name), ['orders-1']);
      assert.equal((await hub.ok<ListIpsResult>('list_ips', { namespaces: ['cache'] })).total, 1);
    });

    it('snapshot-scoped answers use the snapshot\'s copy, not today\'s file', async () => {
      const s = await hub.ok<Snapshot>('create_snapshot', { nodes: ['small'] });
      await snapshotSettled(hub, s.id);
      writeFileSync(path.join(captures, 'workloads.json'), JSON.stringify({ workloads: [] }));
      assert.equal((await hub.ok<ListWorkloadsResult>('list_workloads')).total, 0);
      assert.equal((await hub.ok<ListWorkloadsResult>('list_workloads', { snapshot_id: s.id })).total, 4);
      assert.equal((await hub.ok<ListIpsResult>('list_ips', { snapshot_id: s.id, ip: '10.0.0.2' })).total, 1);
    });
  });

  describe('cloud (folder)', () => {
    it('uploads, lists cloud-only snapshots after a local delete, downloads back', async () => {
      assert.deepEqual(await hub.ok('get_cloud_storage_status'), { enabled: true, provider: 'local-folder', connected: true });
      const s = await hub.ok<Snapshot>('create_snapshot', { nodes: ['small'], name: 'to the cloud' });
      const done = await snapshotSettled(hub, s.id);
      const up = await hub.ok<{ success: boolean; job_id: string }>('upload_snapshot_to_cloud', { id: s.id });
      assert.equal(up.success, true);
      const job = await until('upload', async () => {
        const j = await hub.ok<CloudJob>('get_cloud_job_status', { job_id: up.job_id });
        return j.status === 'in_progress' ? undefined : j;
      });
      assert.deepEqual([job.status, job.operation, job.snapshot_id], ['completed', 'upload', s.id]);
      assert.ok(readdirSync(path.join(cloud, s.id)).includes('snapshot.json'));
      assert.equal((await hub.ok<Snapshot>('get_snapshot', { id: s.id })).location, 'local+cloud');
      await hub.ok('delete_snapshot', { id: s.id });
      const listed = (await hub.ok<ListSnapshotsResult>('list_snapshots')).snapshots.find((x) => x.id === s.id);
      assert.equal(listed?.location, 'cloud');
      const down = await hub.ok<{ job_id: string }>('download_snapshot_from_cloud', { id: s.id });
      await until('download', async () => {
        const j = await hub.ok<CloudJob>('get_cloud_job_status', { job_id: down.job_id });
        return j.status === 'completed' ? j : j.status === 'failed' ? Promise.reject(new Error(String(j.error))) : undefined;
      });
      const back = await hub.ok<Snapshot>('get_snapshot', { id: s.id });
      assert.deepEqual({ ...back, location: 'x' }, { ...done, location: 'x' });
      const again = await hub.call('download_snapshot_from_cloud', { id: s.id });
      assert.deepEqual([again.status, (again.body as HubErrorBody).error.code], [409, 'ALREADY_EXISTS']);
      assert.equal((await hub.call('get_cloud_job_status', { job_id: 'job-nope' })).status, 404);
    });

    it('without a cloud folder, cloud tools answer 409 CLOUD_DISABLED', async () => {
      const plain = await HubProcess.start(['--captures', captures, '--state', path.join(tmp.dir, 'state2')], null);
      try {
        assert.deepEqual(await plain.ok('get_cloud_storage_status'), { enabled: false, connected: false });
        const r = await plain.call('upload_snapshot_to_cloud', { id: '11111111-2222-4333-8444-555555555555' });
        assert.deepEqual([r.status, (r.body as HubErrorBody).error.code], [409, 'CLOUD_DISABLED']);
      } finally {
        await plain.stop();
      }
    });
  });
});
