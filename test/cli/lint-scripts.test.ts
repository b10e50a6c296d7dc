import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths';
import { type CliRun, runCli } from './runCli';

const lintScripts = (args: string[], cwd?: string): Promise<CliRun> => runCli(['lint-scripts', ...args], cwd);

const SPEC = path.join(FIXTURES_DIR, 'agent-scripts', 'spec');
const SPEC_ENV = 'SLACK_WEBHOOK_URL,SLACK_TOKEN,SLACK_CHANNEL_ID,WEBHOOK_URL';

describe('cli lint-scripts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lint-scripts-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string): string => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  it('exits 0 on clean scripts and 1 when a script has errors', async () => {
    const clean = await lintScripts([path.join(SPEC, 'clean-5xx-digest.js'), path.join(SPEC, 'clean-dns-tally.js'), '--env', SPEC_ENV]);
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /✔ 2 scripts linted, no problems/);
    const faulty = await lintScripts([path.join(SPEC, 'faulty-hot-path-scope.js'), '--env', SPEC_ENV]);
    assert.equal(faulty.code, 1);
    assert.match(faulty.stdout, /test\/fixtures\/agent-scripts\/spec\/faulty-hot-path-scope\.js\n {2}3:1 +error +`bytesSeen` is assigned without `var`/);
    assert.match(faulty.stdout, /✖ 7 problems \(3 errors, 3 warnings, 1 info\) in 1 script/);
  });

  it('exits 0 when there are only warnings and infos', async () => {
    const file = write('warn/only-warnings.js', '// Only warnings\nvar seen = new Map();\nfunction onItemCaptured(data) { seen.set(data.id, 1); }\n');
    const r = await lintScripts([file]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /es5\/no-es2015-builtin/);
  });

  it('lints a folder\'s own .js files and checks titles and tags across them', async () => {
    write('agents/a.js', '// Same title\nfunction f() {}\njobs.schedule("tag", "0 * * * * *", f);\n');
    write('agents/b.js', '// Same title\nfunction g() {}\njobs.schedule("tag", "0 * * * * *", g);\n');
    write('agents/lib/notes.js', 'not a script at all (\n');
    const r = await lintScripts(['agents', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { path: string; findings: { rule: string; severity: string; line: number }[] }[];
    assert.deepEqual(report.map((x) => x.path), ['agents/a.js', 'agents/b.js']);
    for (const file of report) {
      assert.deepEqual(file.findings.map((f) => `${f.line} ${f.rule} ${f.severity}`), ['1 meta/duplicate-title error', '3 jobs/duplicate-tag warning']);
    }
  });

  it('finds scripts in a repository through a values file, whose env names it uses', async () => {
    write('repo/deploy/values.yaml', 'scripting:\n  env:\n    WEBHOOK_URL: secret-value\n  source: ../agents\n');
    write('repo/agents/send.js', '// Send\nfunction s() { vendor.webhook("POST", env.WEBHOOK_URL, "{}"); vendor.webhook("POST", env.WEBHOK_URL, "{}"); }\njobs.schedule("s", "0 * * * * *", s);\n');
    write('repo/web/app.js', 'const notAnAgent = () => 1;\n');
    const r = await lintScripts(['repo', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout) as { path: string; findings: { rule: string; message: string }[] }[];
    assert.deepEqual(report.map((x) => x.path), ['repo/agents/send.js']);
    assert.deepEqual(report[0]!.findings.map((f) => f.message), ['`WEBHOK_URL` is not defined in scripting.env; it will be undefined at run time. Did you mean `WEBHOOK_URL`?']);
    assert.ok(!r.stdout.includes('secret-value'), 'values are never read into the report');
  });

  it('--values gives env names and, without PATHS, the folders to lint', async () => {
    const values = write('cfg/values.yaml', 'scripting:\n  env: {API_TOKEN: x}\n  sources: [../cfg-agents]\n');
    write('cfg-agents/log.js', '// Log\nfunction l() { console.log(env.API_TOKEN, env.OTHER); }\njobs.schedule("l", "0 * * * * *", l);\n');
    const r = await lintScripts(['--values', values, '--format', 'json'], dir);
    const report = JSON.parse(r.stdout) as { path: string; findings: { rule: string }[] }[];
    assert.deepEqual(report.map((x) => x.path), ['cfg-agents/log.js']);
    assert.deepEqual(report[0]!.findings.map((f) => f.rule), ['security/secret-to-log', 'env/undeclared']);
  });

  it('writes the report to a file with -o', async () => {
    const out = path.join(dir, 'report.sarif');
    const r = await lintScripts([path.join(SPEC, 'faulty-es2015-hooks.js'), '--format', 'sarif', '-o', out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version, '2.1.0');
  });

  it('refuses bad usage with exit code 2', async () => {
    assert.equal((await lintScripts([])).code, 2);
    assert.equal((await lintScripts(['--format', 'xml', SPEC])).code, 2);
    assert.equal((await lintScripts([path.join(dir, 'missing.js')])).code, 2);
    assert.equal((await lintScripts(['--values', path.join(dir, 'agents', 'a.js'), SPEC])).code, 2);
  });

  it('the bundled CLI (node dist/cli.js) runs the command with the same exit codes', () => {
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    const faulty = spawnSync(process.execPath, [cli, 'lint-scripts', path.join(SPEC, 'faulty-helpers-secrets.js'), '--env', SPEC_ENV], { encoding: 'utf8' });
    assert.equal(faulty.status, 1, faulty.stderr);
    assert.match(faulty.stdout, /vendor\.slackbot/);
    const clean = spawnSync(process.execPath, [cli, 'lint-scripts', path.join(SPEC, 'clean-packet-rates.js')], { encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  });
});
