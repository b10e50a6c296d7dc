import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CAPTURES_DIR, REPO_ROOT } from '../support/paths';
import { type CliRun, runCli } from './runCli';

const run = (args: string[]): Promise<CliRun> => runCli(['hub', ...args], process.cwd());

describe('cli hub', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-hub-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses missing or unknown options with exit code 2', async () => {
    assert.match((await run(['--state', dir])).stderr, /missing --captures DIR/);
    assert.match((await run(['--captures', dir])).stderr, /missing --state DIR/);
    assert.match((await run(['--captures', dir, '--state', dir, '--token', 'x'])).stderr, /unknown option '--token'/);
    assert.match((await run(['--captures', path.join(dir, 'nope'), '--state', dir])).stderr, /no folder/);
    assert.equal((await run(['--captures', dir, '--state', dir, '--port', '70000'])).code, 2);
  });

  it('never binds an interface other than loopback', () => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'hub', '--captures', dir, '--state', dir, '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8' });
    assert.equal(r.status, 3);
    assert.match(r.stderr, /refusing to listen on '0\.0\.0\.0'/);
    assert.equal(r.stdout, '');
  });

  it('with --exit-with-stdin, stops when its standard input closes (its parent died)', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'hub', '--captures', dir, '--state', path.join(dir, 'state'), '--port', '0', '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    assert.equal(JSON.parse(line).event, 'ready');
    const exited = once(child, 'exit');
    child.stdin!.end();
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
  });

  it('serves capture files and node folders that are symbolic links', async () => {
    const captures = path.join(dir, 'linked');
    const real = path.join(dir, 'real');
    mkdirSync(path.join(real, 'node-b'), { recursive: true });
    mkdirSync(captures);
    copyFileSync(path.join(CAPTURES_DIR, 'pg.pcap'), path.join(real, 'pg.pcap'));
    copyFileSync(path.join(CAPTURES_DIR, 'small.pcap'), path.join(real, 'node-b', 'small.pcap'));
    symlinkSync(path.join(real, 'pg.pcap'), path.join(captures, 'pg.pcap'));
    symlinkSync(path.join(real, 'node-b'), path.join(captures, 'node-b'));
    symlinkSync(path.join(real, 'missing.pcap'), path.join(captures, 'dangling.pcap'));
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'hub', '--captures', captures, '--state', path.join(dir, 'state2'), '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const { port } = JSON.parse(line) as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/api/mcp/tools/call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'get_data_boundaries', arguments: {} }) });
      const body = (await res.json()) as { nodes: { name: string }[] };
      assert.deepEqual(body.nodes.map((n) => n.name), ['node-b', 'pg']);
    } finally {
      child.kill();
    }
  });
});
