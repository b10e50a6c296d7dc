import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES_DIR } from '../support/paths';
import { type CliRun, runCli } from './runCli';

const lintScripts = (args: string[], cwd?: string): Promise<CliRun> => runCli(['lint-scripts', ...args], cwd);

interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; name: string; shortDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }[] } };
    columnKind: string;
    artifacts: { location: { uri: string; uriBaseId: string } }[];
    results: {
      ruleId: string; ruleIndex: number; level: string; message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string; index: number }; region: SarifRegion } }[];
      fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }[] }[];
    }[];
  }[];
}

const SPEC = path.join(FIXTURES_DIR, 'agent-scripts', 'spec');

/** The SARIF 2.1.0 requirements GitHub code scanning enforces on upload, checked field by field. */
describe('cli lint-scripts --format sarif', () => {
  let log: SarifLog;
  let code: number;
  before(async () => {
    const names = ['faulty-es2015-hooks.js', 'faulty-helpers-secrets.js', 'faulty-hot-path-scope.js', 'clean-dns-tally.js'];
    const r = await lintScripts([...names.map((n) => path.join(SPEC, n)), '--format', 'sarif', '--env', 'SLACK_WEBHOOK_URL,SLACK_TOKEN,SLACK_CHANNEL_ID,WEBHOOK_URL']);
    code = r.code;
    log = JSON.parse(r.stdout) as SarifLog;
  });

  it('is a SARIF 2.1.0 log with one run and exits 1 for errors', () => {
    assert.equal(code, 1);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    assert.equal(log.runs[0]!.columnKind, 'utf16CodeUnits');
  });

  it('describes every rule with an id, a name, help text and a default level', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    assert.equal(log.runs[0]!.tool.driver.name, 'kubeshark-agent-lint');
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids are unique');
    assert.ok(rules.length >= 55);
    for (const rule of rules) {
      assert.match(rule.id, /^[a-z0-9]+\/[a-zA-Z0-9-]+$/);
      assert.match(rule.name, /^[A-Za-z0-9]+$/);
      assert.ok(rule.shortDescription.text.length > 0 && rule.help.text.includes(rule.id));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.equal(rules.find((r) => r.id === 'hooks/unconfirmed')!.defaultConfiguration.level, 'note');
  });

  it('gives each result a known rule, a level, a message and a relative location with a region', () => {
    const run = log.runs[0]!;
    assert.equal(run.results.length, 26);
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      const loc = result.locations[0]!.physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(loc.artifactLocation.uri, /^([a-z]+:|\/)/, 'relative URI');
      assert.equal(run.artifacts[loc.artifactLocation.index]!.location.uri, loc.artifactLocation.uri);
      const r = loc.region;
      assert.ok(r.startLine >= 1 && r.startColumn >= 1 && r.endLine >= r.startLine && r.endColumn >= 1);
      if (r.endLine === r.startLine) assert.ok(r.endColumn >= r.startColumn);
    }
  });

  it('maps severities to levels and positions to 1-based lines and columns', () => {
    const results = log.runs[0]!.results;
    const kfl = results.find((r) => r.ruleId === 'kfl/query-literal')!;
    assert.equal(kfl.level, 'note');
    assert.deepEqual(kfl.locations[0]!.physicalLocation.region, { startLine: 11, startColumn: 17, endLine: 11, endColumn: 50 });
    assert.equal(results.find((r) => r.ruleId === 'hooks/arity')!.level, 'warning');
  });

  it('carries quick fixes as replacements, and no secret anywhere', () => {
    const secret = results().find((r) => r.ruleId === 'security/hardcoded-secret')!;
    assert.equal(secret.fixes![0]!.artifactChanges[0]!.replacements[0]!.insertedContent.text, 'env.SLACK_TOKEN');
    assert.ok(!JSON.stringify(log).includes('Ab3dEf9hIjK1mN0p'), 'the literal secret is not in the report');
  });

  const results = () => log.runs[0]!.results;
});
