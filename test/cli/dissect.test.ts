import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type CallFull } from '../../protocol/hubApi';
import { CAPTURES_DIR, REPO_ROOT } from '../support/paths';
import { type CliRun, runCli } from './runCli';

const run = (args: string[]): Promise<CliRun> => runCli(['dissect', ...args], process.cwd());

describe('cli dissect', function () {
  this.timeout(60_000);
  const small = path.join(CAPTURES_DIR, 'small.pcap');

  it('refuses bad usage with exit code 2', async () => {
    assert.equal((await run([])).code, 2);
    assert.match((await run([small, '--format', 'csv'])).stderr, /--format takes ndjson or table/);
    assert.match((await run([small, '--colour'])).stderr, /unknown option '--colour'/);
  });

  it('prints every call as one line of the full format, in time order', async () => {
    const r = await run([small]);
    assert.equal(r.code, 0);
    const calls = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as CallFull);
    assert.equal(calls.length, 1000);
    assert.deepEqual(calls.map((c) => c.ts), calls.map((c) => c.ts).sort((a, b) => a - b));
    const first = calls[0]!;
    for (const key of ['id', 'ts', 'src', 'dst', 'proto', 'method', 'path', 'status', 'latency_ms', 'conn_id', 'flow_id', 'node_id', 'req_headers', 'resp_headers']) {
      assert.ok(key in first, key);
    }
    assert.equal(first.node_id, 'small');
  });

  it('filters with KFL and shows a bad filter with a caret', async () => {
    const r = await run([small, '--kfl', 'grpc && grpc_status == 5']);
    assert.equal(r.stdout.trim().split('\n').length, 8);
    const bad = await run([small, '--kfl', 'grpc && grpc_stauts == 5']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /kfl\/unknown-field/);
    assert.match(bad.stderr, /\n {2}grpc && grpc_stauts == 5\n {10}\^{11}\n/);
  });

  it('prints a table', async () => {
    const lines = (await run([small, '--format', 'table', '--kfl', 'redis && redis_type == "SET"'])).stdout.trim().split('\n');
    assert.match(lines[0]!, /^TIME \(UTC\)\s+PROTO\s+METHOD\s+STATUS\s+LATENCY_MS/);
    assert.equal(lines.length, 1 + 19);
    assert.match(lines[1]!, /redis\s+SET\s+0\s+\d+\.\d{3}\s+127\.0\.0\.1:\d+\s+127\.0\.0\.1:6379\s+user:\d+/);
  });

  it('runs from the bundle and stops quietly when its reader goes away', function () {
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    if (!existsSync(cli)) this.skip();
    const r = spawnSync('bash', ['-c', `node "${cli}" dissect "${small}" | head -1`], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal((JSON.parse(r.stdout) as CallFull).node_id, 'small');
  });
});
