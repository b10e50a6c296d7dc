/**
 * Snapshot dissection jobs without the HTTP layer: cancelling a running job, the rules of
 * start (§5.11), a job cut off by a restart, a damaged file reported as a non-fatal error.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Dissection } from '../../../protocol/hubApi';
import { DissectionManager, type SnapshotSource } from '../../../hub/dissect/jobs/dissectionManager';
import { silentLogger } from '../../../hub/server/log';
import { CAPTURES_DIR } from '../../support/paths';
import { until } from '../support/hubProcess';
import { tempDir } from '../support/tools';

const SNAPSHOT = '3f6c2a9e-5b1d-4e8a-9c0f-2d7b1a4e6c55';

describe('snapshot dissection jobs', function () {
  this.timeout(60_000);
  let tmp: ReturnType<typeof tempDir>;
  let files: string[];
  let completed: boolean;
  const source = (): SnapshotSource => ({ completed, input: () => ({ nodes: [{ name: 'node-a', files }], workloads: [] }) });

  beforeEach(() => {
    tmp = tempDir('dissect-jobs-');
    mkdirSync(path.join(tmp.dir, 'files'));
    // Twenty copies of the sample (merged in time order, they read like retransmissions): long enough to catch the job running.
    files = Array.from({ length: 20 }, (_, i) => {
      const f = path.join(tmp.dir, 'files', `part-${String(i).padStart(2, '0')}.pcap`);
      copyFileSync(path.join(CAPTURES_DIR, 'small.pcap'), f);
      return f;
    });
    completed = true;
  });
  afterEach(() => tmp.cleanup());

  const manager = (): DissectionManager => new DissectionManager(path.join(tmp.dir, 'state'), silentLogger, (id) => (id === SNAPSHOT ? source() : undefined));

  it('cancels a running job; the dissection keeps no store and can be started again', async () => {
    const m = manager();
    m.start(SNAPSHOT, 'default', false);
    await until('running', async () => (m.status(SNAPSHOT, 'default').status === 'running' ? true : undefined));
    const stopped = await m.stop(SNAPSHOT, 'default');
    assert.equal(stopped.status, 'cancelled');
    assert.equal(stopped.active, false);
    assert.ok(stopped.progress < 100);
    assert.throws(() => m.store(SNAPSHOT, 'default'), /cancelled/);
    const again = m.start(SNAPSHOT, 'default', false);
    assert.equal(again.status, 'pending');
    await m.settled(SNAPSHOT, 'default');
    assert.equal(m.status(SNAPSHOT, 'default').status, 'completed');
    assert.ok(m.store(SNAPSHOT, 'default').rows > 1000);
  });

  it('refuses a snapshot that is not completed, and names no other', () => {
    completed = false;
    assert.throws(() => manager().start(SNAPSHOT, 'default', false), (e: { code?: string }) => e.code === 'SNAPSHOT_NOT_READY');
    assert.throws(() => manager().start('00000000-0000-4000-8000-000000000000', 'default', false), (e: { code?: string }) => e.code === 'NOT_FOUND');
    assert.throws(() => manager().start(SNAPSHOT, '../escape', false), (e: { code?: string }) => e.code === 'INVALID_ARGUMENT');
  });

  it('runs a completed dissection again only on restart, under another name in parallel folders', async () => {
    files = files.slice(0, 1);
    const m = manager();
    m.start(SNAPSHOT, 'default', false);
    await m.settled(SNAPSHOT, 'default');
    const first = m.status(SNAPSHOT, 'default');
    assert.equal(m.start(SNAPSHOT, 'default', false).started_at, first.started_at);
    m.start(SNAPSHOT, 'second', false);
    await m.settled(SNAPSHOT, 'second');
    assert.deepEqual(m.list(SNAPSHOT).map((d: Dissection) => d.name).sort(), ['default', 'second']);
    const restarted = m.start(SNAPSHOT, 'default', true);
    assert.equal(restarted.status, 'pending');
    await m.settled(SNAPSHOT, 'default');
    assert.equal(m.status(SNAPSHOT, 'default').entry_count, first.entry_count);
  });

  it('marks a job cut off by a restart as failed, and reports a damaged file without failing', async () => {
    const damaged = path.join(tmp.dir, 'files', 'damaged.pcap');
    writeFileSync(damaged, readFileSync(files[0]!).subarray(0, 300_000));
    files = [damaged];
    const m = manager();
    m.start(SNAPSHOT, 'default', false);
    await m.settled(SNAPSHOT, 'default');
    const done = m.status(SNAPSHOT, 'default');
    assert.equal(done.status, 'completed');
    assert.equal(done.errors?.length, 1);
    assert.match(done.errors![0]!, /damaged\.pcap: .* at byte offset \d+/);
    // A dissection.json left "running" by a killed Hub.
    const record = path.join(tmp.dir, 'state', 'dissections', SNAPSHOT, 'default', 'dissection.json');
    writeFileSync(record, JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), status: 'running', progress: 40 }));
    const after = manager().status(SNAPSHOT, 'default');
    assert.equal(after.status, 'failed');
    assert.match(after.errors!.at(-1)!, /^interrupted/);
  });
});
