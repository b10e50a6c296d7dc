import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/program';
import { REPO_ROOT } from '../support/paths';

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (c: Buffer) => chunks.push(c));
  const code = await main(['hub', ...args], { stdout: new PassThrough(), stderr, cwd: process.cwd() });
  return { code, stderr: Buffer.concat(chunks).toString('utf8') };
}

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
});
