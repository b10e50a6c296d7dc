// The Anomalies pass and Compare Snapshots over the incident scenario on a real local Hub: every
// planted anomaly is found and nothing else; each finding's KFL filter finds exactly its calls on
// the Hub, and its BPF exports exactly the packets tcpdump selects from the capture with the same
// filter (the oracle); the baseline against itself yields nothing; the comparison puts the
// failing and the slowed service first and lists what is new.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { compareSides, DEFAULT_THRESHOLDS } from '../../../extension/analysis/compare';
import { combinedBpf } from '../../../extension/analysis/findings/combined';
import { detectAnomalies } from '../../../extension/analysis/findings/detect';
import { DEFAULT_FINDING_SETTINGS, type Finding } from '../../../extension/analysis/findings/finding';
import { str } from '../../../extension/client/json';
import { EXTERNAL_IP, EXTERNAL_NAME, FAILED_LOOKUPS, SECRET_TOKEN, WORKLOAD } from '../../support/incidentScenario';
import { startScenarioHub, type ScenarioHub } from './scenarioHub';

/** Every call a filter finds in a snapshot (paged by cursor). */
async function callIds(s: ScenarioHub, snapshot: string, kfl: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await s.hub.tools.listApiCalls({ snapshot, dissection: 'default', kfl, limit: 1000, cursor });
    ids.push(...page.calls.map((c) => str(c, 'id')!));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** Packets tcpdump counts in a capture, with an optional filter. */
function tcpdumpCount(file: string, filter = ''): number {
  const out = execFileSync('tcpdump', ['-r', file, '-nn', '-q', ...(filter ? [filter] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

async function exportBpf(s: ScenarioHub, bpf: string, name: string): Promise<string> {
  const exported = await s.hub.tools.exportPcap({ snapshot: s.incident.key, bpf });
  const file = path.join(s.hub.scratch, `${name}.pcap`);
  await s.hub.client.download(exported.value.path, file);
  return file;
}

describe('anomalies and comparison against a local Hub (incident scenario)', function () {
  this.timeout(180_000);
  let s: ScenarioHub;
  let findings: Finding[];

  before(async () => {
    s = await startScenarioHub();
    findings = detectAnomalies({ target: s.sides.incident, baseline: s.sides.baseline, classifier: s.classifier, settings: DEFAULT_FINDING_SETTINGS, formatTime: s.formatTime });
  });
  after(async () => {
    await s?.stop();
  });

  it('collected every call and flow (nothing capped)', () => {
    for (const side of [s.sides.baseline, s.sides.incident]) {
      assert.equal(side.calls.truncated, false);
      assert.equal(side.calls.items.length, side.calls.total);
      assert.equal(side.flows.truncated, false);
    }
  });

  it('finds every planted anomaly of the incident against the baseline, and nothing else', () => {
    assert.deepEqual(findings.map((f) => f.id).sort(), [
      `dns-failures:10.0.1.66`,
      `error-spike:${WORKLOAD.catalogue}`,
      `external-destination:${EXTERNAL_IP}`,
      `high-volume:${WORKLOAD.rogue} → ${EXTERNAL_IP}`,
      `latency-spike:${WORKLOAD.payment}`,
      `new-dns-name:${EXTERNAL_NAME}`,
      `plaintext-credential:${WORKLOAD.rogue} → ${EXTERNAL_IP} header:authorization`,
      `tool-user-agent:${WORKLOAD.debug} python-requests`,
      `tool-user-agent:${WORKLOAD.rogue} curl`,
      'unexpected-namespace:dev → sock-shop',
    ]);
    const byId = new Map(findings.map((f) => [f.id, f]));
    assert.equal(byId.get(`external-destination:${EXTERNAL_IP}`)!.severity, 'high');
    assert.equal(byId.get(`dns-failures:10.0.1.66`)!.evidence.calls, FAILED_LOOKUPS);
    assert.match(byId.get(`latency-spike:${WORKLOAD.payment}`)!.title, /×(2\.[5-9]|3\.[0-4])/, 'about three times slower');
    assert.ok(findings.every((f, i) => i === 0 || ['high', 'medium', 'low'].indexOf(findings[i - 1]!.severity) <= ['high', 'medium', 'low'].indexOf(f.severity)), 'by severity');
  });

  it('never shows the plaintext token, only its redacted form', () => {
    assert.equal(JSON.stringify(findings).includes(SECRET_TOKEN), false);
    const credential = findings.find((f) => f.detector === 'plaintext-credential')!;
    assert.deepEqual(credential.evidence.facts.find(([k]) => k === 'Value'), ['Value', `Bearer ••• (${SECRET_TOKEN.length} characters)`]);
  });

  it("each finding's KFL filter finds exactly its calls on the Hub", async () => {
    for (const finding of findings) {
      const ids = await callIds(s, s.incident.key, finding.evidence.kfl);
      assert.equal(ids.length, finding.evidence.calls, `${finding.id}: ${finding.evidence.kfl}`);
      for (const example of finding.evidence.examples) assert.ok(ids.includes(example), `${finding.id} finds ${example}`);
    }
  });

  it("each finding's BPF exports exactly the packets tcpdump selects with it", async () => {
    for (const [i, finding] of findings.entries()) {
      assert.notEqual(finding.evidence.bpf, '', finding.id);
      const file = await exportBpf(s, finding.evidence.bpf, `finding-${i}`);
      const expected = tcpdumpCount(s.files.incident, finding.evidence.bpf);
      assert.ok(expected > 0, `${finding.id}: packets`);
      assert.equal(tcpdumpCount(file), expected, `${finding.id}: ${finding.evidence.bpf}`);
    }
  });

  it('exports the evidence of all findings with one BPF, far smaller than the capture', async () => {
    const { bpf, without } = combinedBpf(findings.filter((f) => f.severity === 'high'));
    assert.deepEqual(without, []);
    const file = await exportBpf(s, bpf, 'evidence');
    assert.equal(tcpdumpCount(file), tcpdumpCount(s.files.incident, bpf));
    assert.equal(tcpdumpCount(file, `host ${EXTERNAL_IP}`), tcpdumpCount(s.files.incident, `host ${EXTERNAL_IP}`), 'every packet to and from the external address');
    assert.ok(statSync(file).size < statSync(s.files.incident).size, 'the evidence is a part of the capture');
  });

  it('finds nothing in the baseline compared with itself', () => {
    assert.deepEqual(detectAnomalies({ target: s.sides.baseline, baseline: s.sides.baseline, classifier: s.classifier, settings: DEFAULT_FINDING_SETTINGS, formatTime: s.formatTime }), []);
  });

  it('compares the snapshots: the failing and the slowed service lead, then nothing significant', () => {
    const comparison = compareSides(s.sides.baseline, s.sides.incident, DEFAULT_THRESHOLDS, s.classifier);
    const significant = comparison.rows.filter((r) => r.score > 0);
    assert.deepEqual(significant.map((r) => `${r.kind} ${r.label}`).sort(), [
      'endpoint http GET /catalogue/{id} → sock-shop/catalogue',
      'endpoint http POST /paymentAuth → sock-shop/payment',
      'pair sock-shop/front-end → sock-shop/catalogue',
      'pair sock-shop/orders → sock-shop/payment',
    ]);
    assert.deepEqual(comparison.rows.slice(0, 4), significant, 'significant rows first');
    const payment = significant.find((r) => r.label === 'sock-shop/orders → sock-shop/payment')!;
    assert.deepEqual(payment.tests.filter((t) => t.significant).map((t) => t.metric), ['latency']);
    const catalogue = significant.find((r) => r.label === 'sock-shop/front-end → sock-shop/catalogue')!;
    assert.deepEqual(catalogue.tests.filter((t) => t.significant).map((t) => t.metric), ['errors']);
    const added = comparison.added.map((c) => `${c.category} ${c.label}`);
    for (const item of [`edge ${WORKLOAD.rogue} → ${EXTERNAL_IP}`, `edge ${WORKLOAD.debug} → ${WORKLOAD.payment}`, `external ${EXTERNAL_IP}`, `dns ${EXTERNAL_NAME}`, 'userAgent curl/8.5.0', 'userAgent python-requests/2.31.0']) {
      assert.ok(added.includes(item), item);
    }
    assert.deepEqual(comparison.removed, []);
  });

  it("finds each row's calls on both sides with the row's per-side filter", async () => {
    const comparison = compareSides(s.sides.baseline, s.sides.incident, DEFAULT_THRESHOLDS, s.classifier);
    for (const row of comparison.rows.filter((r) => r.a && r.b)) {
      assert.equal((await callIds(s, s.baseline.key, row.kflA!)).length, row.a!.calls, `A: ${row.label}: ${row.kflA}`);
      assert.equal((await callIds(s, s.incident.key, row.kflB!)).length, row.b!.calls, `B: ${row.label}: ${row.kflB}`);
    }
    for (const item of comparison.added) assert.ok((await callIds(s, s.incident.key, item.kfl)).length > 0, `${item.category} ${item.label}: ${item.kfl}`);
  });

  it('compares the baseline with itself: no significant row, nothing new or gone', () => {
    const comparison = compareSides(s.sides.baseline, s.sides.baseline, DEFAULT_THRESHOLDS, s.classifier);
    assert.equal(comparison.rows.filter((r) => r.score > 0).length, 0);
    assert.deepEqual([comparison.added, comparison.removed], [[], []]);
  });
});
