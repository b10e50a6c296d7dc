// `kubeshark-forensics kfl check`: diagnostics as `line:col severity code message` or JSON, exit
// 1 on errors only, 2 on bad usage; in-process and through the bundled dist/cli.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { type CliRun, runCli } from './runCli';

const kfl = (args: string[], cwd?: string): Promise<CliRun> => runCli(['kfl', ...args], cwd);

describe('cli kfl check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kfl-check-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints nothing and exits 0 for a valid filter', async () => {
    assert.deepEqual(await kfl(['check', 'http && status_code >= 500']), { code: 0, stdout: '', stderr: '' });
  });

  it('prints line:col severity code message and exits 1 on errors', async () => {
    const r = await kfl(['check', 'http && status_code == "500"']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '1:24 error kfl/type-mismatch Cannot compare `int` with `string`: `status_code` is an int.\n');
  });

  it('exits 0 when there are only warnings and infos', async () => {
    const r = await kfl(['check', 'src.namespace == "a" && local_labels["app"] == "b"']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, [
      '1:1 info kfl/identity-hint Valid. `src.namespace` is the namespace of the best known identity (pod, else service). `src.pod.namespace` is the pod\'s namespace and is the form used in official examples; they can differ for entries without pod resolution.',
      '1:25 warning kfl/unsafe-index Indexing a map errors when the key is missing; use `map_get(local_labels, "app", "")` or guard with `"app" in local_labels`.',
      '',
    ].join('\n'));
  });

  it('reads --file, relative to the working directory, with lines counted in the file', async () => {
    writeFileSync(path.join(dir, 'q.kfl'), '// 5xx towards payments\nhttp &&\n  stauts_code >= 500\n');
    const r = await kfl(['check', '--file', 'q.kfl'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '3:3 error kfl/unknown-field Unknown field `stauts_code`. Did you mean `status_code`?\n');
  });

  it('--json gives line/column, range, message and fixes', async () => {
    const r = await kfl(['check', '--json', 'http and dns']);
    assert.equal(r.code, 1);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[] };
    assert.deepEqual(diagnostics, [{
      line: 1, column: 6, endLine: 1, endColumn: 9, severity: 'error', code: 'kfl/v1-syntax',
      message: '`and` is KFL v1 syntax; KFL2 uses `&&`.', start: 5, end: 8, args: { construct: 'and', replacement: '&&' },
      fixes: [{ title: 'Replace with `&&`', edits: [{ start: 5, end: 8, newText: '&&' }], preferred: true }],
    }]);
  });

  it('--time-zone is used for local times in fix titles', async () => {
    const r = await kfl(['check', '--json', '--time-zone', 'Asia/Kolkata', 'timestamp > 1773507600000']);
    assert.match(r.stdout, /2026-03-14 22:30:00 IST \(17:00:00 UTC\)/);
  });

  it('refuses bad usage with exit code 2, and an unreadable file with 3', async () => {
    for (const args of [[], ['lint', 'http'], ['check'], ['check', '--file', 'a', 'http'], ['check', 'http', 'dns'], ['check', '--bogus', 'http'], ['check', '--file']]) {
      assert.equal((await kfl(args)).code, 2, args.join(' '));
    }
    const missing = await kfl(['check', '--file', path.join(dir, 'missing.kfl')]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /missing\.kfl/);
  });

  it('the bundled CLI (node dist/cli.js) gives the same output and exit codes', () => {
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    const bad = spawnSync(process.execPath, [cli, 'kfl', 'check', '(http && dns'], { encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stderr);
    assert.equal(bad.stdout, '1:1 error kfl/unbalanced Missing `)` to close the `(` at column 1.\n');
    const good = spawnSync(process.execPath, [cli, 'kfl', 'check', '--', '-elapsed_time < 0'], { encoding: 'utf8' });
    assert.equal(good.status, 0, good.stdout + good.stderr);
  });
});
