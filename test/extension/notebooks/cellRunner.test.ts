// The notebook's cell runner against a real local Hub process (node dist/cli.js hub) on the sample
// capture: results against the capture's ground-truth manifest, paging, every cell kind, the
// dissection rule of §5.11, PCAP export checked with tcpdump and sha256sum, cancel on the wire
// (fault server), and errors as outputs whose markdown carries the fixing command links.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HubClient } from '../../../extension/client/hubClient';
import { realDelay } from '../../../extension/client/retry';
import { HubTools } from '../../../extension/client/tools';
import { type NotebookSettings } from '../../../extension/notebooks/format/binding';
import { markdownOf } from '../../../extension/notebooks/outputs/markdownFallback';
import { runCell } from '../../../extension/notebooks/run/cellRunner';
import { appendPage } from '../../../extension/notebooks/run/queryRun';
import { type CellResult, type RunContext } from '../../../extension/notebooks/run/runContext';
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { CAPTURES_DIR } from '../../support/paths';
import { MemoryLogger } from '../../support/memoryLogger';
import { SMALL_PCAP } from '../../support/captures';
import { FaultServer, toolWith } from '../support/faultServer';
import { startTestHub, type TestHub } from '../support/localHub';

/** The capture's ground truth: counts per call kind as the generating clients saw them. */
const MANIFEST = JSON.parse(readFileSync(path.join(CAPTURES_DIR, 'small.manifest.json'), 'utf8')) as { counts: Record<string, number> };
const count = (pattern: RegExp): number => Object.entries(MANIFEST.counts).filter(([k]) => pattern.test(k)).reduce((sum, [, n]) => sum + n, 0);

const WORKLOADS = {
  workloads: [
    { name: 'client-7d9f8', namespace: 'prod', kind: 'pod', labels: {}, ips: [{ ip: '127.0.0.1', timestamp: 0 }] },
    { name: 'server-v6', namespace: 'staging', kind: 'pod', labels: {}, ips: [{ ip: '::1', timestamp: 0 }] },
  ],
};

/** Polls the Hub (it has no event for a finished snapshot or dissection) without slowing the test. */
const quickPoll = (_ms: number, signal?: AbortSignal): Promise<void> => realDelay(10, signal);

function payloadOf<K extends NotebookOutput.Payload['kind']>(result: CellResult, kind: K): Extract<NotebookOutput.Payload, { kind: K }> {
  assert.equal(result.payload.kind, kind, `expected ${kind}, got ${JSON.stringify(result.payload).slice(0, 400)}`);
  return result.payload as Extract<NotebookOutput.Payload, { kind: K }>;
}

describe('notebook cells against a local Hub', function () {
  this.timeout(120_000);
  let hub: TestHub;
  let out: string;
  let snapshotId: string;

  const context = (overrides: Partial<RunContext> = {}, settings: Partial<NotebookSettings> = {}): RunContext => ({
    tools: hub.tools, hub: { identity: 'local', local: true }, settings: { keepOutputs: false, source: { kind: 'live' }, ...settings },
    zone: 'Asia/Kolkata', now: Date.now, notebookUri: 'untitled:Untitled-1.kflnb', cellUri: 'vscode-notebook-cell:Untitled-1.kflnb#W0sZmlsZQ%3D%3D',
    exportFolder: out, exportBaseName: 'investigation', delay: quickPoll, ...overrides,
  });
  const onSnapshot = (dissection = 'default'): Partial<NotebookSettings> => ({ hub: 'local', source: { kind: 'snapshot', snapshotId, name: 'nb-small', dissection } });

  before(async () => {
    hub = await startTestHub({ files: [SMALL_PCAP], workloads: WORKLOADS });
    out = mkdtempSync(path.join(tmpdir(), 'nb-run-'));
    const created = await hub.tools.createSnapshot({ name: 'nb-small' });
    snapshotId = created.value.key;
    for (let s = created.value; s.status === 'in_progress'; s = await hub.tools.getSnapshot(snapshotId)) await quickPoll(0);
  });
  after(async () => {
    await hub?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('lists the calls of a filter: the manifest\'s 500s, every row a 500, in time order', async () => {
    const result = await runCell('http && status_code >= 500', context());
    const calls = payloadOf(result, 'calls');
    assert.equal(calls.total, count(/^http1 \w+ 500$/));
    assert.equal(calls.rows.length, calls.total);
    assert.ok(calls.rows.every((r) => r.status === 500 && r.statusClass === 'error'));
    assert.deepEqual(calls.rows.map((r) => r.ts), calls.rows.map((r) => r.ts).sort((a, b) => a - b));
    assert.equal(calls.more, false);
    assert.equal(result.summary, `${calls.total} calls`);
    assert.equal(calls.source, 'live traffic');
    assert.match(calls.capturedAtText, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})? IST \(.+ UTC\)$/);
    assert.equal(calls.kfl, 'http && status_code >= 500');
  });

  it('finds DNS failures and gRPC errors as the manifest counts them', async () => {
    assert.equal(payloadOf(await runCell('dns && dns_response && status_code != 0', context()), 'calls').total, count(/ENOTFOUND/));
    assert.equal(payloadOf(await runCell('// failed RPCs\ngrpc && grpc_status != 0', context()), 'calls').total, count(/^grpc \w+ [1-9]/));
  });

  it('pages with @limit and "load more" until every match is loaded, without duplicates', async () => {
    const result = await runCell('// @limit 150\ndns || redis', context());
    let calls = payloadOf(result, 'calls');
    assert.equal(calls.rows.length, 150);
    assert.equal(calls.more, true);
    assert.ok(result.pager);
    assert.equal(result.summary, `${calls.total} calls (150 loaded)`);
    while (calls.more) calls = await appendPage(context(), calls, result.pager);
    assert.equal(calls.rows.length, count(/^(dns|dig|redis) /));
    assert.equal(new Set(calls.rows.map((r) => r.id)).size, calls.rows.length);
  });

  it('reads @window in local time', async () => {
    const all = payloadOf(await runCell('http', context()), 'calls');
    const first = all.rows[0]!.ts;
    // The capture spans half a second: a window of its first 100 ms, typed in Kolkata time (UTC+5:30).
    const local = (ms: number): string => new Date(ms + 5.5 * 3600_000).toISOString().slice(0, 23).replace('T', ' ');
    const windowed = payloadOf(await runCell(`// @window ${local(first)} – ${local(first + 100)}\nhttp`, context()), 'calls');
    assert.ok(windowed.total! > 0 && windowed.total! < all.total!, `${windowed.total} of ${all.total}`);
    assert.ok(windowed.rows.every((r) => r.ts >= first && r.ts <= first + 100));
    assert.equal(windowed.total, all.rows.filter((r) => r.ts <= first + 100).length);
  });

  it('runs @stats, @flows, @workloads and @ips cells', async () => {
    const stats = payloadOf(await runCell('// @stats top=3\ngrpc', context()), 'stats');
    assert.equal(stats.summary.totals?.calls, count(/^grpc /));
    assert.equal(stats.summary.totals?.errors, count(/^grpc \w+ [1-9]/));
    assert.ok(stats.summary.topEndpoints.length <= 3);
    const flows = payloadOf(await runCell('// @flows proto=udp', context()), 'table');
    assert.equal(flows.title, 'L4 flows');
    assert.ok(flows.rows.length > 0 && flows.rows.every((r) => r[0] === 'udp'));
    const workloads = payloadOf(await runCell('// @workloads ns=staging', context()), 'table');
    assert.deepEqual(workloads.rows.map((r) => r.slice(0, 3)), [['staging', 'server-v6', 'pod']]);
    const ips = payloadOf(await runCell('// @ips 127.0.0.1', context()), 'table');
    assert.deepEqual(ips.rows.map((r) => r.slice(0, 3)), [['127.0.0.1', 'prod/client-7d9f8', 'pod']]);
  });

  it('offers to start a dissection instead of starting one, then follows the one it started', async () => {
    const first = await runCell('http', context({}, onSnapshot('notebook-test')));
    const failure = payloadOf(first, 'error');
    assert.equal(failure.title, 'Not dissected yet');
    assert.deepEqual(failure.actions.map((a) => [a.command, a.args]), [['kubeshark.notebook.startDissectionAndRun', [{ cell: context().cellUri, snapshotId, dissection: 'notebook-test' }]]]);
    assert.equal((await hub.tools.listDissections(snapshotId)).length, 0, 'nothing was started');
    assert.match(markdownOf(failure), /\[Start Dissection and Run\]\(command:kubeshark\.notebook\.startDissectionAndRun\?%5B%7B%22cell%22/);
    await hub.tools.startDissection(snapshotId, 'notebook-test');
    const progress: NotebookOutput.Progress[] = [];
    const second = await runCell('http && status_code >= 500', context({ onProgress: (p) => progress.push(p) }, onSnapshot('notebook-test')));
    const calls = payloadOf(second, 'calls');
    assert.equal(calls.total, count(/^http1 \w+ 500$/));
    assert.deepEqual(calls.scope, { snapshotId, dissection: 'notebook-test', label: 'nb-small' });
    assert.equal(second.source, "snapshot 'nb-small' (notebook-test)");
    assert.ok(progress.every((p) => p.kind === 'progress' && /^Dissecting snapshot 'nb-small'/.test(p.message)));
  });

  it('names a snapshot by name in @snapshot, and says when there is none', async () => {
    await hub.tools.startDissection(snapshotId);
    const byName = await runCell('// @snapshot nb-small\nredis', context());
    assert.equal(payloadOf(byName, 'calls').total, count(/^redis /));
    const missing = payloadOf(await runCell('// @snapshot nope\nredis', context()), 'error');
    assert.equal(missing.title, 'Snapshot not found');
  });

  it('exports the packets of the matching calls\' connections: every packet matches the BPF (tcpdump), hash as sha256sum says', async () => {
    const result = await runCell('// @export-pcap exports/redis.pcap\nredis', context({}, onSnapshot()));
    const exported = payloadOf(result, 'pcap');
    assert.equal(exported.file, path.join(out, 'exports', 'redis.pcap'));
    assert.equal(exported.calls, count(/^redis /));
    assert.ok(exported.connections >= 1);
    assert.equal(exported.sha256, execFileSync('sha256sum', [exported.file], { encoding: 'utf8' }).split(' ')[0]);
    assert.deepEqual(result.exported && { ...result.exported, exportedAt: 0 }, { file: exported.file, sha256: exported.sha256, bytes: exported.bytes, bpf: exported.bpf, snapshotId, exportedAt: 0 });
    const refiltered = path.join(out, 'refiltered.pcap');
    execFileSync('tcpdump', ['-r', exported.file, '-w', refiltered, exported.bpf], { stdio: ['ignore', 'ignore', 'pipe'] });
    assert.ok(readFileSync(refiltered).equals(readFileSync(exported.file)), 'tcpdump keeps every packet of the export under its own BPF');
    const redisPackets = execFileSync('tcpdump', ['-r', exported.file, '-nn', 'not tcp port 6379'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.equal(redisPackets, '', 'only Redis connections');
    assert.equal(payloadOf(await runCell('// @export-pcap\nredis', context()), 'error').title, 'Nothing to export', 'live calls have no packets to export');
  });

  it('turns problems into error outputs with positions and fixes', async () => {
    const hostileRef = '<img src=x onerror=alert(1)>';
    const cases: [string, Partial<RunContext>, Partial<NotebookSettings>, string, unknown, string[]][] = [
      ['// @stast\nhttp', {}, {}, 'Directive problem', { line: 0, column: 3, length: 6 }, []],
      ['// @window yesterday 25:00-26:00\nhttp', {}, {}, 'Time window not understood', undefined, []],
      ['http && status_code >= 500', {}, { source: undefined }, 'No data source', undefined, ['kubeshark.notebook.selectDataSource']],
      ['http', {}, { hub: 'https://hub.example:8899' }, 'Another Hub', undefined, ['kubeshark.hub.connect', 'kubeshark.notebook.bindToConnectedHub']],
      ['http && status_cod == 1', {}, {}, 'The Hub rejected the filter', { line: 0, column: 8, length: 10 }, []],
      [`// @snapshot "${hostileRef}"\nhttp`, {}, {}, 'Snapshot not found', undefined, []],
    ];
    for (const [text, overrides, settings, title, position, commands] of cases) {
      const failure = payloadOf(await runCell(text, context(overrides, settings)), 'error');
      assert.equal(failure.title, title, text);
      if (position) assert.deepEqual(failure.position, position, text);
      assert.deepEqual(failure.actions.map((a) => a.command), commands, text);
      const markdown = markdownOf(failure);
      for (const command of commands) assert.ok(markdown.includes(`](command:${command}`), `${text}: ${markdown}`);
    }
    const window = payloadOf(await runCell('// @window yesterday 25:00-26:00\nhttp', context()), 'error');
    assert.equal(window.position?.line, 0);
    assert.ok(window.position!.column >= 11);
    const hostile = markdownOf(payloadOf(await runCell(`// @snapshot "${hostileRef}"\nhttp`, context()), 'error'));
    assert.doesNotMatch(hostile, /(^|[^\\])[<>[\]]/, 'every markup character of the captured name is escaped');
  });

  it('checks the filter with the language server first, and sends it anyway when asked', async () => {
    const checkFilter = async () => ({ hasErrors: true, first: { message: "Unknown field 'status_cod'", line: 0, column: 8, length: 10 } });
    const refused = payloadOf(await runCell('http && status_cod == 1', context({ checkFilter })), 'error');
    assert.equal(refused.title, 'The filter has errors');
    assert.deepEqual(refused.actions, [{ label: 'Send Anyway', command: 'kubeshark.notebook.runAnyway', args: [context().cellUri] }]);
    const sent = payloadOf(await runCell('http && status_cod == 1', context({ checkFilter, force: true })), 'error');
    assert.equal(sent.title, 'The Hub rejected the filter');
  });

  it('says the local Hub stopped, with Start Local Hub as the fix', async () => {
    const stopped = await startTestHub({ files: [SMALL_PCAP] });
    await stopped.tools.client.descriptor();
    await stopped.process.stop();
    const failure = payloadOf(await runCell('http', context({ tools: stopped.tools })), 'error');
    await stopped.stop();
    assert.equal(failure.title, 'No Hub');
    assert.deepEqual(failure.actions.map((a) => a.command), ['kubeshark.hub.startLocal', 'kubeshark.hub.showLog']);
    assert.match(markdownOf(failure), /\[Start Local Hub\]\(command:kubeshark\.hub\.startLocal\)/);
  });
});

describe('cancelling a notebook cell', () => {
  it('aborts the Hub request on the wire and leaves a cancelled result', async () => {
    const fault = await FaultServer.start([toolWith('list_api_calls', { kfl: { type: 'string' }, limit: { type: 'integer' }, cursor: { type: 'string' } })]);
    try {
      let arrived!: () => void;
      const requested = new Promise<void>((resolve) => { arrived = resolve; });
      fault.on('POST', '/api/mcp/tools/call', () => arrived());
      const client = new HubClient({ baseUrl: fault.url, credentials: () => ({}), log: new MemoryLogger() });
      const tools = new HubTools(client);
      await client.descriptor();
      const controller = new AbortController();
      const abandoned = fault.nextAbandonedRequest();
      const running = runCell('http', {
        tools, hub: { identity: fault.url, local: false }, settings: { keepOutputs: false, source: { kind: 'live' } }, zone: 'UTC', now: Date.now,
        notebookUri: 'untitled:x', cellUri: 'vscode-notebook-cell:x', exportBaseName: 'x', signal: controller.signal,
      });
      await requested;
      controller.abort();
      const result = await running;
      await abandoned;
      assert.equal(result.cancelled, true);
      assert.equal(fault.requestsTo('POST', '/api/mcp/tools/call').length, 1, 'not retried');
      await client.dispose();
    } finally {
      await fault.close();
    }
  });
});
