// Flows, the service map, Compare Snapshots and Find Anomalies inside VS Code's extension host,
// against the embedded local Hub on the incident scenario (test/support/incidentScenario.ts): the
// flows panel groups and exports a flow's packets (tcpdump is the oracle) and opens its calls;
// the service map's webview draws every node and edge without overlaps and an edge opens its
// calls; the comparison's rows open their calls on both sides; the Findings tree shows every
// planted anomaly, never the token, and exports the evidence with one BPF.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../extension/main';
import { type CreateSnapshotResult } from '../../extension/snapshots/commands/createSnapshot';
import { type ComparePanel } from '../../extension/compare/comparePanel';
import { type FlowsPanel } from '../../extension/flows/flowsPanel';
import { type ServiceMapPanel } from '../../extension/flows/serviceMapPanel';
import { type Finding } from '../../extension/analysis/findings/finding';
import { type CallListPanel } from '../../extension/webviews/callList/callListPanel';
import { EXTERNAL_IP, SECRET_TOKEN, WORKLOAD, writeIncidentScenario } from '../support/incidentScenario';
import { capturesFolder, connectLocal, extensionApi, resetHubSettings, setSetting, snapshotsTreeUntil, stubWindow, until } from './hubSupport';


function tcpdumpCount(file: string, filter = ''): number {
  const out = execFileSync('tcpdump', ['-r', file, '-nn', '-q', ...(filter ? [filter] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

/** The call list a command opened, with every page loaded. */
async function openedList(api: ExtensionApi, before: CallListPanel | undefined, open: () => Thenable<unknown>): Promise<CallListPanel> {
  await open();
  const list = api.webviews.activeCallList();
  assert.ok(list && list !== before, 'a new call list opened');
  await until(list.onDidLoad, () => list.total !== undefined);
  while (list.more) await list.loadMore();
  return list;
}

describe('Flows, service map, comparison and findings (incident scenario)', function () {
  this.timeout(300_000);
  let api: ExtensionApi;
  let folder: string;
  let out: string;
  let baseline: string;
  let incident: string;
  let incidentFile: string;

  const snapshotOf = async (node: string): Promise<string> => {
    const created = await vscode.commands.executeCommand<CreateSnapshotResult>('kubeshark.snapshots.create', { name: node, nodes: [node] });
    const key = created.snapshot.key;
    await snapshotsTreeUntil(api, () => api.snapshots.model.entry(key)?.snapshot.status === 'completed');
    return key;
  };

  before(async () => {
    api = await extensionApi();
    await setSetting('kubeshark.timeZone', 'UTC');
    folder = capturesFolder([]);
    incidentFile = writeIncidentScenario(folder).incident;
    await connectLocal(api, folder);
    // The Snapshots view polls a new snapshot while it is visible.
    await vscode.commands.executeCommand('kubeshark.snapshots.focus');
    baseline = await snapshotOf('baseline');
    incident = await snapshotOf('incident');
    out = mkdtempSync(path.join(os.tmpdir(), 'vscode-flows-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetHubSettings();
    if (folder) rmSync(path.dirname(folder), { recursive: true, force: true });
    if (out) rmSync(out, { recursive: true, force: true });
  });

  describe('L4 flows', () => {
    let flows: FlowsPanel;

    it('opens the flows of a snapshot (dissecting it first), grouped by workload, in the webview', async () => {
      flows = (await vscode.commands.executeCommand<FlowsPanel>('kubeshark.flows.open', { snapshotId: incident }))!;
      await until(flows.onDidLoad, () => flows.groups.length > 0 || flows.failure !== undefined);
      assert.equal(flows.failure, undefined);
      await until(flows.host.onDidBecomeReady, () => flows.host.ready);
      const rogue = flows.groups.find((g) => g.client.label === WORKLOAD.rogue && g.server.label === EXTERNAL_IP);
      assert.ok(rogue, 'the rogue pod → external flow');
      assert.equal(rogue.server.kind, 'external');
      assert.ok(rogue.bytes > 2 << 20, 'the upload');
      assert.equal(flows.groups[0], rogue, 'largest first');
    });

    it('regroups at another level without asking the Hub again', async () => {
      const byWorkload = flows.groups.length;
      const posted = new Promise<number>((resolve) => {
        const subscription = flows.host.onDidPost((m) => {
          if (m.type !== 'rows' || m.level !== 'namespace') return;
          subscription.dispose();
          resolve(m.rows.length);
        });
      });
      flows.setLevel('namespace');
      assert.equal(await posted, flows.groups.length);
      assert.ok(flows.groups.length < byWorkload);
      assert.ok(flows.groups.some((g) => g.client.label === 'dev' && g.server.label === 'sock-shop'));
      flows.setLevel('workload');
    });

    it("opens a row's calls from its context menu", async () => {
      const id = String(flows.groups.findIndex((g) => g.client.label === WORKLOAD.rogue && g.server.label === EXTERNAL_IP));
      const list = await openedList(api, api.webviews.activeCallList(), () => vscode.commands.executeCommand('kubeshark.flows.row.openCalls', { webviewSection: 'flowRow', flowId: id }));
      assert.equal(list.total, 2, 'the two curl calls');
      assert.ok(list.calls.every((c) => (c.dst as { ip: string }).ip === EXTERNAL_IP));
    });

    it("exports a row's packets: exactly what tcpdump selects from the capture with the row's BPF", async () => {
      const active = api.flows.activeFlows()!;
      const id = String(active.groups.findIndex((g) => g.client.label === WORKLOAD.rogue && g.server.label === EXTERNAL_IP));
      const file = path.join(out, 'flow.pcap');
      const save = stubWindow('showSaveDialog', (async () => vscode.Uri.file(file)) as never);
      const info = stubWindow('showInformationMessage', (async () => undefined) as never);
      try {
        await vscode.commands.executeCommand('kubeshark.flows.row.exportPcap', { webviewSection: 'flowRow', flowId: id });
      } finally {
        save.restore();
        info.restore();
      }
      const bpf = `(host 10.0.1.66 and host ${EXTERNAL_IP} and tcp port 80)`;
      assert.equal(tcpdumpCount(file), tcpdumpCount(incidentFile, bpf));
      assert.ok(tcpdumpCount(file) > 1000, 'the 2 MiB upload');
    });
  });

  describe('service map', () => {
    let map: ServiceMapPanel;

    it('draws every node and edge of the graph, without overlaps, external addresses marked', async () => {
      map = (await vscode.commands.executeCommand<ServiceMapPanel>('kubeshark.flows.openServiceMap', { snapshotId: incident }))!;
      await until(map.onDidRender, () => map.rendered !== undefined);
      const graph = map.graph!;
      assert.deepEqual([map.rendered!.nodes, map.rendered!.edges], [graph.nodes.length, graph.edges.length]);
      assert.equal(map.rendered!.overlaps, 0);
      assert.equal(graph.nodes.find((n) => n.id === EXTERNAL_IP)?.kind, 'external');
      const catalogue = graph.edges.find((e) => e.target === WORKLOAD.catalogue)!;
      assert.ok(catalogue.errors > 0 && catalogue.errors < catalogue.calls, 'the failing service has errors on its edge');
    });

    it("opens an edge's calls", async () => {
      const index = map.graph!.edges.findIndex((e) => e.target === WORKLOAD.catalogue);
      const list = await openedList(api, api.webviews.activeCallList(), () => map.openEdge(index));
      assert.equal(list.total, map.graph!.edges[index]!.calls);
    });
  });

  describe('Compare Snapshots', () => {
    let compare: ComparePanel;

    it('compares two snapshots selected in the tree (the earlier is the baseline) and shows the rows', async () => {
      const nodeA = api.snapshots.snapshotsTree.nodeOf(baseline)!;
      const nodeB = api.snapshots.snapshotsTree.nodeOf(incident)!;
      compare = (await vscode.commands.executeCommand<ComparePanel>('kubeshark.compare.open', nodeB, [nodeB, nodeA]))!;
      const result = new Promise<number>((resolve) => {
        const subscription = compare.host.onDidPost((m) => {
          if (m.type !== 'result') return;
          subscription.dispose();
          resolve(m.result.rows.length);
        });
      });
      assert.equal(compare.a.snapshotId, baseline);
      assert.equal(compare.b.snapshotId, incident);
      assert.equal(await result, compare.comparison!.rows.length, 'the webview got every row');
      const significant = compare.comparison!.rows.filter((r) => r.score > 0).map((r) => r.label);
      assert.deepEqual(significant.slice(0, 4).sort(), ['http GET /catalogue/{id} → sock-shop/catalogue', 'http POST /paymentAuth → sock-shop/payment', 'sock-shop/front-end → sock-shop/catalogue', 'sock-shop/orders → sock-shop/payment']);
      assert.equal(significant.length, 4);
      assert.ok(compare.comparison!.added.some((c) => c.category === 'external' && c.label === EXTERNAL_IP));
    });

    it("opens a row's calls on side A and on side B", async () => {
      const index = compare.comparison!.rows.findIndex((r) => r.label === 'sock-shop/front-end → sock-shop/catalogue');
      const row = compare.comparison!.rows[index]!;
      const listA = await openedList(api, api.webviews.activeCallList(), () => compare.openCalls('row', index, 'a'));
      assert.deepEqual([listA.scope.snapshotId, listA.total], [baseline, row.a!.calls]);
      const listB = await openedList(api, listA, () => compare.openCalls('row', index, 'b'));
      assert.deepEqual([listB.scope.snapshotId, listB.total], [incident, row.b!.calls]);
      assert.equal(listB.calls.filter((c) => (c.status as number) >= 500).length, row.b!.errors);
    });
  });

  describe('Findings', () => {
    let findings: readonly Finding[];

    it('runs Find Anomalies against the baseline and shows every finding in the tree', async () => {
      findings = (await vscode.commands.executeCommand<readonly Finding[]>('kubeshark.findings.run', { snapshotId: incident, baselineId: baseline }))!;
      assert.equal(findings.length, 10);
      const tree = api.findings.tree;
      const roots = tree.getChildren();
      assert.equal(roots.length, findings.length);
      const labels = roots.map((n) => String(tree.getTreeItem(n).label));
      for (const title of [`New external destination ${EXTERNAL_IP}`, `curl in ${WORKLOAD.rogue}`, 'Connections dev → sock-shop']) assert.ok(labels.includes(title), title);
      const everything = roots.flatMap((n) => [tree.getTreeItem(n), ...tree.getChildren(n).map((c) => tree.getTreeItem(c))]);
      assert.equal(JSON.stringify(everything.map((i) => [i.label, i.description, (i.tooltip as vscode.MarkdownString | undefined)?.value])).includes(SECRET_TOKEN), false, 'the token is never shown');
      const external = roots.find((n) => tree.getTreeItem(n).label === `New external destination ${EXTERNAL_IP}`)!;
      const children = tree.getChildren(external).map((c) => String(tree.getTreeItem(c).label));
      assert.ok(children.includes(`BPF: host ${EXTERNAL_IP}`));
      assert.ok(children.some((l) => l.startsWith('KFL: ') && l.includes(EXTERNAL_IP)));
    });

    it('exports the evidence of every finding with one BPF, as tcpdump selects it', async () => {
      const file = path.join(out, 'evidence.pcap');
      const warn = stubWindow('showWarningMessage', (async () => undefined) as never);
      try {
        await vscode.commands.executeCommand('kubeshark.findings.exportEvidence', { destination: file });
      } finally {
        warn.restore();
      }
      const union = findings.map((f) => `(${f.evidence.bpf})`).join(' or ');
      assert.equal(tcpdumpCount(file), tcpdumpCount(incidentFile, union));
      assert.equal(tcpdumpCount(file, `host ${EXTERNAL_IP}`), tcpdumpCount(incidentFile, `host ${EXTERNAL_IP}`));
    });

    it('adds findings to a KFL notebook: one cell each, title and facts as comments above the filter, no token', async () => {
      const chosen = findings.filter((f) => f.detector === 'external-destination' || f.detector === 'plaintext-credential');
      const nodes = chosen.map((f) => ({ kind: 'finding', id: f.id }));
      const added = await vscode.commands.executeCommand<number>('kubeshark.findings.addToNotebook', nodes[0], nodes);
      assert.equal(added, 2);
      const notebook = vscode.window.activeNotebookEditor?.notebook;
      assert.equal(notebook?.notebookType, 'kubeshark-kfl-notebook');
      const cells = notebook!.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code).map((c) => c.document.getText());
      for (const finding of chosen) {
        const cell = cells.find((c) => c.includes(`// Finding (${finding.severity}): ${finding.title}`));
        assert.ok(cell, finding.title);
        assert.ok(cell.endsWith(finding.evidence.kfl), 'the filter comes last');
        assert.equal(cell.includes(SECRET_TOKEN), false);
      }
    });

    it('finds nothing in the baseline against itself', async () => {
      const none = await vscode.commands.executeCommand<readonly Finding[]>('kubeshark.findings.run', { snapshotId: baseline, baselineId: baseline });
      assert.deepEqual(none, []);
      assert.deepEqual(api.findings.tree.getChildren(), []);
    });
  });
});
