// The KFL language server over stdio with a real LSP client: diagnostics pulled (as VS Code does)
// and pushed (clients without pull), their positions and messages (spec §11 wording), the status
// notifications, settings per resource, the live schema (kfl/setSchema) and kfl/analyze.
import assert from 'node:assert/strict';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { Analyze, SetSchema, Status } from '../../protocol/kflLsp';
import { LspClient } from './support/lspClient';

const V1_AND = '`and` is KFL v1 syntax; KFL2 uses `&&`.';
const INT_VS_STRING = 'Cannot compare `int` with `string`: `status_code` is an int.';

/** [code, line, start character, end character, severity] of each diagnostic. */
function summary(diagnostics: Diagnostic[]): [string, number, number, number, DiagnosticSeverity | undefined][] {
  return diagnostics.map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.character, d.severity]);
}

describe('KFL language server: diagnostics over stdio', () => {
  describe('with a pull client (LSP 3.17, as VS Code)', () => {
    let client: LspClient;
    before(async () => {
      client = await LspClient.start({ pull: true, record: [Status.method] });
    });
    after(async () => {
      assert.equal(await client.stop(), 0);
    });

    it('announces pull diagnostics, incremental sync and the semantic-token legend', () => {
      const caps = client.initializeResult.capabilities;
      assert.deepEqual(caps.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
      assert.equal(caps.textDocumentSync, 2);
      assert.ok(caps.semanticTokensProvider?.legend.tokenTypes.includes('property'));
      assert.equal(client.initializeResult.serverInfo?.name, 'kubeshark-forensics-language-server');
    });

    it('reports each problem with its code, severity, range and the spec wording', async () => {
      const uri = 'file:///project/errors.kfl';
      await client.open(uri, 'http and status_code == "500"');
      const diagnostics = await client.diagnostics(uri);
      assert.deepEqual(summary(diagnostics), [
        ['kfl/v1-syntax', 0, 5, 8, DiagnosticSeverity.Error],
        ['kfl/type-mismatch', 0, 24, 29, DiagnosticSeverity.Error],
      ]);
      assert.deepEqual(diagnostics.map((d) => d.message), [V1_AND, INT_VS_STRING]);
      assert.ok(diagnostics.every((d) => d.source === 'kfl'));
    });

    it('places ranges on later lines and after a comment, in UTF-16 characters', async () => {
      const uri = 'file:///project/multiline.kfl';
      // 🚀 is two UTF-16 code units: LSP characters count it twice, as kfl's offsets do.
      await client.open(uri, '// 5xx towards “payments”\nhttp &&\n  path == "🚀" && status_code == "500"');
      assert.deepEqual(summary(await client.diagnostics(uri)), [['kfl/type-mismatch', 2, 33, 38, DiagnosticSeverity.Error]]);
    });

    it('follows edits: the fixed text has no diagnostics', async () => {
      const uri = 'file:///project/edited.kfl';
      await client.open(uri, 'http and dns');
      assert.equal((await client.diagnostics(uri))[0]?.code, 'kfl/v1-syntax');
      await client.change(uri, 'http && status_code >= 500');
      assert.deepEqual(await client.diagnostics(uri), []);
    });

    it('maps warnings, infos and hints to their LSP severities', async () => {
      const uri = 'file:///project/severities.kfl';
      await client.open(uri, 'request.headers["Authorization"] == "x" || src.namespace == "a" || status_code == 500 && http');
      const bySeverity = new Map((await client.diagnostics(uri)).map((d) => [String(d.code), d.severity]));
      assert.equal(bySeverity.get('kfl/unsafe-index'), DiagnosticSeverity.Warning);
      assert.equal(bySeverity.get('kfl/header-case'), DiagnosticSeverity.Warning);
      assert.equal(bySeverity.get('kfl/identity-hint'), DiagnosticSeverity.Information);
      assert.equal(bySeverity.get('kfl/perf'), DiagnosticSeverity.Hint);
    });

    it('serves notebook cells under their exact URI, fragment included', async () => {
      const uri = 'vscode-notebook-cell:/project/investigation.kflnb#W0sZmlsZQ%3D%3D';
      const status = client.nextNotification<Status.Params>(Status.method, (s) => s.uri === uri && s.state === 'idle');
      await client.open(uri, 'dns or http');
      const diagnostics = await client.diagnostics(uri);
      assert.deepEqual(diagnostics.map((d) => d.code), ['kfl/v1-syntax']);
      assert.equal((await status).errors, 1);
    });

    it('leaves documents of other languages alone', async () => {
      const uri = 'file:///project/notes.txt';
      await client.open(uri, 'http and dns', 'plaintext');
      assert.deepEqual(await client.diagnostics(uri), []);
    });

    it('says when it checks a document and how long the check took', async () => {
      const uri = 'file:///project/status.kfl';
      const validating = client.nextNotification<Status.Params>(Status.method, (s) => s.uri === uri && s.state === 'validating');
      const idle = client.nextNotification<Status.Params>(Status.method, (s) => s.uri === uri && s.state === 'idle');
      await client.open(uri, 'http and status_code == "500" || dns');
      await client.diagnostics(uri);
      assert.equal((await validating).schema.fields > 100, true);
      const done = await idle;
      assert.equal(done.errors, 2);
      assert.equal(done.warnings, 0);
      assert.ok(typeof done.durationMs === 'number' && done.durationMs >= 0 && done.durationMs < 1000, `durationMs ${done.durationMs}`);
    });

    it('takes a Hub\'s fields with kfl/setSchema, asks the client to refresh, and re-checks with them', async () => {
      const uri = 'file:///project/hub-fields.kfl';
      await client.open(uri, 'custom_team == "payments" && custom_retries > 2');
      assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['kfl/unknown-field', 'kfl/unknown-field']);
      const refreshed = client.nextRefresh();
      await client.connection.sendNotification(SetSchema.method, {
        fields: [
          { path: 'custom_team', type: 'string', protocol: 'any', description: 'Team label set by the Hub.' },
          { path: 'custom_retries', type: 'int', protocol: 'HTTP', description: 'Retries seen.' },
        ],
        values: { custom_team: ['payments', 'orders'] },
        source: 'http://hub.example:8899',
      } satisfies SetSchema.Params);
      await refreshed;
      assert.deepEqual(await client.diagnostics(uri), []);
      const status = client.nextNotification<Status.Params>(Status.method, (s) => s.uri === uri && s.state === 'idle');
      await client.change(uri, 'custom_retries == "2"');
      assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['kfl/type-mismatch']);
      assert.deepEqual((await status).schema.source, 'http://hub.example:8899');
      // An empty push restores the built-in schema.
      const again = client.nextRefresh();
      await client.connection.sendNotification(SetSchema.method, { fields: [], values: {} } satisfies SetSchema.Params);
      await again;
      assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['kfl/unknown-field']);
    });

    it('survives hostile schema pushes and keeps serving', async () => {
      const hostile: unknown[] = [
        null,
        { fields: 'nope', values: 7 },
        { fields: [{ path: '__proto__', type: 'string' }, { path: 'constructor.x', type: 'int' }, { path: 5, type: {} }, null], values: JSON.parse('{"__proto__": ["x"], "constructor": "y"}') as unknown },
        { fields: Array.from({ length: 20_000 }, (_, i) => ({ path: `f${i}`, type: 'int', protocol: 'x', description: 'd' })), values: {} },
      ];
      for (const params of hostile) {
        const refreshed = client.nextRefresh();
        await client.connection.sendNotification(SetSchema.method, params);
        await refreshed;
      }
      const uri = 'file:///project/after-hostile.kfl';
      await client.open(uri, 'f9999 == 1 && f10000 == 1');
      // At most 10,000 pushed fields are taken: f9999 exists, f10000 does not.
      assert.deepEqual((await client.diagnostics(uri)).map((d) => [d.code, d.range.start.character]), [['kfl/unknown-field', 14]]);
      await client.connection.sendNotification(SetSchema.method, { fields: [], values: {} });
    });

    it('answers kfl/analyze for text that is not a document, with 1-based lines and columns', async () => {
      const result = await client.connection.sendRequest<Analyze.Result>(Analyze.method, { text: 'http &&\n  status_code == "500"' } satisfies Analyze.Params);
      assert.equal(result.hasErrors, true);
      assert.equal(result.empty, false);
      assert.deepEqual(result.diagnostics, [{
        code: 'kfl/type-mismatch', severity: 'error', message: INT_VS_STRING,
        start: 25, end: 30, line: 2, column: 18, endLine: 2, endColumn: 23,
      }]);
      const empty = await client.connection.sendRequest<Analyze.Result>(Analyze.method, { text: '  // nothing yet\n' });
      assert.deepEqual(empty, { diagnostics: [], hasErrors: false, empty: true });
      const garbage = await client.connection.sendRequest<Analyze.Result>(Analyze.method, { text: 42 });
      assert.equal(garbage.empty, true);
    });
  });

  describe('with a push client (no pull support)', () => {
    let client: LspClient;
    before(async () => {
      client = await LspClient.start({ pull: false });
    });
    after(async () => {
      await client.stop();
    });

    it('announces no diagnostic provider and publishes per version', async () => {
      assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
      const uri = 'file:///project/pushed.kfl';
      await client.open(uri, 'http and dns');
      assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['kfl/v1-syntax']);
      await client.change(uri, 'http && dns');
      assert.deepEqual(await client.diagnostics(uri), []);
    });

    it('publishes in version order and ends with the latest version of a burst of edits', async () => {
      const uri = 'file:///project/burst.kfl';
      await client.open(uri, 'http');
      await client.diagnostics(uri);
      const before = client.published.seen.length;
      const sent = Array.from({ length: 20 }, (_, i) => client.change(uri, `status_code == ${i} and http`));
      sent.push(client.change(uri, 'status_code == "x"'));
      const last = (await Promise.all(sent))[sent.length - 1];
      assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['kfl/type-mismatch']);
      const versions = client.published.seen.slice(before).filter((p) => p.uri === uri).map((p) => p.version ?? 0);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'publications out of version order');
      assert.equal(versions[versions.length - 1], last);
    });

    it('publishes the exact notebook-cell URI and clears diagnostics on close', async () => {
      const uri = 'vscode-notebook-cell:/project/report.kflnb#ch0000001?x=%2F';
      await client.open(uri, 'not http');
      assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['kfl/v1-syntax']);
      const cleared = client.published.next((p) => p.uri === uri && p.diagnostics.length === 0);
      await client.close(uri);
      assert.equal((await cleared).uri, uri);
    });

    it('re-publishes open documents after kfl/setSchema', async () => {
      const uri = 'file:///project/pushed-schema.kfl';
      await client.open(uri, 'team == "a"');
      assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['kfl/unknown-field']);
      const republished = client.published.next((p) => p.uri === uri && p.diagnostics.length === 0);
      await client.connection.sendNotification(SetSchema.method, { fields: [{ path: 'team', type: 'string', protocol: 'any', description: '' }], values: {} });
      await republished;
    });
  });

  describe('settings per resource (workspace/configuration)', () => {
    const settings = new Map<string, Record<string, unknown>>();
    let client: LspClient;
    before(async () => {
      client = await LspClient.start({ pull: true, configuration: (section, scopeUri) => (section === 'kubeshark.kfl' ? settings.get(scopeUri ?? '') ?? {} : {}) });
    });
    after(async () => {
      await client.stop();
    });

    it('reads kubeshark.kfl.* for each document and ignores mistyped values', async () => {
      settings.set('file:///a/off.kfl', { validate: false });
      settings.set('file:///a/nohints.kfl', { performanceHints: false });
      settings.set('file:///a/mistyped.kfl', { validate: 'no', performanceHints: 0 });
      const text = 'status_code == 500 && http';
      for (const uri of ['file:///a/off.kfl', 'file:///a/nohints.kfl', 'file:///a/mistyped.kfl', 'file:///a/default.kfl']) await client.open(uri, text);
      assert.deepEqual(await client.diagnostics('file:///a/off.kfl'), []);
      assert.deepEqual(await client.diagnostics('file:///a/nohints.kfl'), []);
      assert.deepEqual((await client.diagnostics('file:///a/mistyped.kfl')).map((d) => d.code), ['kfl/perf']);
      assert.deepEqual((await client.diagnostics('file:///a/default.kfl')).map((d) => d.code), ['kfl/perf']);
    });

    it('drops cached settings and asks for a refresh when the configuration changes', async () => {
      const uri = 'file:///a/toggled.kfl';
      await client.open(uri, 'http and dns');
      assert.equal((await client.diagnostics(uri)).length, 1);
      settings.set(uri, { validate: false });
      const refreshed = client.nextRefresh();
      await client.configurationChanged();
      await refreshed;
      assert.deepEqual(await client.diagnostics(uri), []);
    });
  });
});
