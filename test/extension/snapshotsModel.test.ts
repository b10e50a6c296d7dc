// The Snapshots view's model against a real local Hub: list, details, shared loads, and polling a
// new snapshot to completed (waiting on the model's change event, not on time).
import assert from 'node:assert/strict';
import { setImmediate } from 'node:timers/promises';
import { type SnapshotEntry, SnapshotsModel } from '../../extension/snapshots/snapshotsModel';
import { SMALL_PCAP } from '../support/captures';
import { startTestHub, type TestHub } from './support/localHub';

function changeUntil(model: SnapshotsModel, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (condition()) return resolve();
    const subscription = model.onDidChange(() => {
      if (!condition()) return;
      subscription.dispose();
      resolve();
    });
  });
}

describe('snapshots model against a local Hub', function () {
  this.timeout(60_000);
  let hub: TestHub;
  let model: SnapshotsModel;
  before(async () => {
    hub = await startTestHub({ files: [SMALL_PCAP] });
  });
  beforeEach(() => {
    model = new SnapshotsModel(async () => hub.tools);
  });
  afterEach(() => model.dispose());
  after(async () => {
    await hub?.stop();
  });

  it('loads the list once for concurrent callers', async () => {
    const before = hub.log.lines.filter((l) => l.includes('tools/call list_snapshots')).length;
    await Promise.all([model.loadList(), model.loadList(), model.loadList()]);
    assert.equal(hub.log.lines.filter((l) => l.includes('tools/call list_snapshots')).length - before, 1);
    assert.deepEqual(model.list, { state: 'loaded', value: [] });
  });

  it('shows a created snapshot at once and polls it to completed, then stops polling', async () => {
    await model.loadList();
    const { value } = await hub.tools.createSnapshot({ name: 'model-test' });
    model.track(value);
    assert.equal((model.list?.state === 'loaded' && model.list.value[0]?.snapshot.name), 'model-test');
    const entry = (): SnapshotEntry | undefined => model.entry(value.key);
    await changeUntil(model, () => entry()?.snapshot.status === 'completed');
    await setImmediate(); // the poll that saw it completed returns right after telling listeners
    assert.deepEqual(model.polling, []);
    const details = entry()?.details;
    assert.equal(details?.state, 'loaded');
    assert.deepEqual(details?.state === 'loaded' && details.value.nodes?.map((n) => n.name), ['small']);
    await hub.tools.deleteSnapshot(value.key);
    model.removed(value.key);
    assert.equal(model.entry(value.key), undefined);
  });

  it('reports a failed list load as an error state, and clears on disconnect', async () => {
    const failing = new SnapshotsModel(async () => { throw new Error('not connected'); });
    await failing.loadList();
    assert.equal(failing.list?.state, 'error');
    failing.clear();
    assert.equal(failing.list, undefined);
    failing.dispose();
  });
});
