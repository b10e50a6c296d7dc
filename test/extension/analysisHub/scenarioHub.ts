/**
 * The incident scenario (test/support/incidentScenario.ts) on a real local Hub: one snapshot per
 * capture, each dissected, and the analysis's view of both gathered through the client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AddressClassifier } from '../../../extension/analysis/addresses';
import { DEFAULT_GATHER, gatherSide } from '../../../extension/analysis/gather/gather';
import { type SideData } from '../../../extension/analysis/sideData';
import { dissectionCompleted, type SnapshotInfo } from '../../../extension/client/model';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { writeIncidentScenario } from '../../support/incidentScenario';
import { startTestHub, type TestHub } from '../support/localHub';

export interface ScenarioHub {
  readonly hub: TestHub;
  readonly files: { baseline: string; incident: string };
  readonly baseline: SnapshotInfo;
  readonly incident: SnapshotInfo;
  readonly sides: { baseline: SideData; incident: SideData };
  readonly classifier: AddressClassifier;
  readonly formatTime: (ms: number) => string;
  stop(): Promise<void>;
}

/** Polls a condition with a deadline: the Hub offers no event for finished snapshots or dissections. */
async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still not done after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function dissectedSnapshot(hub: TestHub, node: string): Promise<SnapshotInfo> {
  const created = await hub.tools.createSnapshot({ name: node, nodes: [node] });
  const snapshot = await until(`snapshot ${node}`, () => hub.tools.getSnapshot(created.value.key), (s) => s.status !== 'in_progress');
  if (snapshot.status !== 'completed') throw new Error(`snapshot ${node} ${snapshot.status}: ${snapshot.error ?? ''}`);
  await hub.tools.startDissection(snapshot.key);
  await until(`dissection of ${node}`, () => hub.tools.dissectionStatus(snapshot.key), (d) => d !== undefined && (dissectionCompleted(d) || d.status === 'failed'));
  return snapshot;
}

export async function startScenarioHub(): Promise<ScenarioHub> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'analysis-scenario-'));
  const scenario = writeIncidentScenario(scratch);
  const hub = await startTestHub({ files: [scenario.baseline, scenario.incident, path.join(scratch, 'workloads.json')] });
  try {
    const baseline = await dissectedSnapshot(hub, 'baseline');
    const incident = await dissectedSnapshot(hub, 'incident');
    const gather = async (s: SnapshotInfo): Promise<SideData> => gatherSide(hub.tools, { label: s.name, snapshotId: s.key, dissection: 'default', window: s.window }, DEFAULT_GATHER);
    const sides = { baseline: await gather(baseline), incident: await gather(incident) };
    const classifier = new AddressClassifier([], [...sides.baseline.workloadIps, ...sides.incident.workloadIps]);
    return {
      hub, files: { baseline: scenario.baseline, incident: scenario.incident }, baseline, incident, sides, classifier,
      formatTime: (ms) => formatLocalWithUtc(ms, 'UTC'),
      async stop() {
        await hub.stop();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await hub.stop();
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}
