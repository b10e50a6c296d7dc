// Agent scripts in the language server over stdio with a real LSP client: which JavaScript files
// are agent scripts (values-file folders, the opt-in marker), diagnostics with the spec's rules
// and messages, cross-file titles, completion, hover and quick fixes (verified by re-pulling).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, CompletionRequest, type Diagnostic, DiagnosticSeverity, HoverRequest, type TextEdit, WorkspaceFoldersRequest,
} from 'vscode-languageserver-protocol/node';
import { FIXTURES_DIR } from '../support/paths';
import { caret, LspClient } from './support/lspClient';

const SPEC = path.join(FIXTURES_DIR, 'agent-scripts', 'spec');

/** A temporary workspace: values file with scripting.env, an agents/ folder, and unrelated JS. */
function makeWorkspace(): { root: string; uri: (rel: string) => string; write: (rel: string, text: string) => string } {
  const root = mkdtempSync(path.join(tmpdir(), 'agent-ls-'));
  const write = (rel: string, text: string): string => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  write('deploy/values.yaml', 'scripting:\n  env:\n    SLACK_WEBHOOK_URL: "x"\n    SLACK_TOKEN: "x"\n    SLACK_CHANNEL_ID: "x"\n    WEBHOOK_URL: "x"\n  source: ../agents\n');
  write('agents/digest.js', readFileSync(path.join(SPEC, 'faulty-helpers-secrets.js'), 'utf8'));
  write('agents/dns.js', readFileSync(path.join(SPEC, 'clean-dns-tally.js'), 'utf8'));
  write('web/app.js', 'const notAnAgent = () => `${1}`;\n');
  return { root, uri: (rel) => pathToFileURL(path.join(root, rel)).href, write };
}

const rows = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.severity}`);

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

for (const pull of [true, false]) {
  describe(`agent scripts over stdio (${pull ? 'pull' : 'push'} diagnostics)`, () => {
    const ws = makeWorkspace();
    let client: LspClient;
    before(async () => {
      client = await LspClient.start({ pull, configuration: () => ({}) });
      client.connection.onRequest(WorkspaceFoldersRequest.type, () => [{ uri: pathToFileURL(ws.root).href, name: 'ws' }]);
    });
    after(async () => {
      assert.equal(await client.stop(), 0);
      rmSync(ws.root, { recursive: true, force: true });
    });

    it('reports exactly the spec\'s findings for a script in a values-file folder, with env names from that file', async () => {
      const uri = ws.uri('agents/digest.js');
      await client.open(uri, readFileSync(path.join(ws.root, 'agents/digest.js'), 'utf8'), 'javascript');
      const diagnostics = await client.diagnostics(uri);
      const E = DiagnosticSeverity.Error;
      assert.deepEqual(rows(diagnostics), [
        `11 helpers/unknown-helper ${E}`, `12 security/hardcoded-secret ${E}`, `12 env/undeclared ${DiagnosticSeverity.Warning}`,
        `13 helpers/arg-type ${E}`, `14 helpers/arity ${E}`, `18 jobs/cron-invalid ${E}`, `19 jobs/duplicate-tag ${E}`, `19 helpers/arg-type ${E}`,
      ]);
      assert.ok(diagnostics.every((d) => d.source === 'agent-lint'));
      const unknown = diagnostics[0]!;
      assert.equal(unknown.message, '`vendor.slackbot` is not a helper. Did you mean `vendor.slackBot`?');
      assert.deepEqual(unknown.range, { start: { line: 10, character: 2 }, end: { line: 10, character: 17 } });
    });

    it('leaves other JavaScript alone, and lints a file outside the folders that opts in with the marker', async () => {
      await client.open(ws.uri('web/app.js'), 'const notAnAgent = () => `${1}`;\n', 'javascript');
      assert.deepEqual(await client.diagnostics(ws.uri('web/app.js')), []);
      const marked = ws.uri('web/agent.js');
      await client.open(marked, '// kubeshark-agent-script\n// Marked\nlet n = 0;\n', 'javascript');
      assert.deepEqual(rows(await client.diagnostics(marked)), [`3 es5/no-let-const ${DiagnosticSeverity.Error}`]);
    });

    it('checks titles across the workspace, using open documents\' current text', async () => {
      const uri = ws.uri('agents/dns-copy.js');
      ws.write('agents/dns-copy.js', '// Another title\nfunction onHubAction(a, o) {}\n');
      await client.open(uri, '// Cluster-wide DNS failure tally\nfunction onHubAction(a, o) {}\n', 'javascript');
      const diagnostics = await client.diagnostics(uri);
      assert.deepEqual(diagnostics.map((d) => d.message), ['Title "Cluster-wide DNS failure tally" is also used by `agents/dns.js`; titles identify scripts in the cluster.']);
    });

    if (!pull) return;

    it('completes env names from the values file, helpers and hook snippets', async () => {
      const uri = ws.uri('agents/typing.js');
      const marked = caret('// Typing\nfunction send() {\n  vendor.webhook("POST", env.‸\n}\n');
      await client.open(uri, marked.text, 'javascript');
      const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: marked.position });
      const labels = (Array.isArray(items) ? items : items?.items ?? []).map((i) => i.label);
      assert.deepEqual(labels, ['SLACK_CHANNEL_ID', 'SLACK_TOKEN', 'SLACK_WEBHOOK_URL', 'WEBHOOK_URL']);
      const top = caret('// Typing\nonPa‸');
      await client.change(uri, top.text);
      const hooks = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: top.position });
      const hook = (Array.isArray(hooks) ? hooks : hooks?.items ?? []).find((i) => i.label === 'onPacketCaptured')!;
      assert.equal(hook.insertTextFormat, 2);
      assert.equal((hook.textEdit as TextEdit).newText, 'function onPacketCaptured(${1:info}) {\n\t$0\n}');
    });

    it('hovers a helper with its signature', async () => {
      const uri = ws.uri('agents/hover.js');
      const marked = caret('// Hover\nfunction f() { hub.tar‸geted(); }\njobs.schedule("h", "0 * * * * *", f);\n');
      await client.open(uri, marked.text, 'javascript');
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: marked.position });
      assert.match((hover!.contents as { value: string }).value, /hub\.targeted\(\): string \(JSON/);
    });

    it('offers quick fixes that make the finding go away; a secret fix adds only the env name to the values file', async () => {
      const uri = ws.uri('agents/fixme.js');
      const text = '// Fix me\nfunction f() {\n  vendor.slackBot("xoxb-1234-5678-abcdefgh", env.SLACK_CHANNEL_ID, "a", "b", "c");\n  vendor.influxdb(env.WEBHOOK_URL, "tok-0123456789abcdef", "o", "b", "m", {});\n}\njobs.schedule("fix-me", "0 * * * * *", f);\n';
      await client.open(uri, text, 'javascript');
      const diagnostics = await client.diagnostics(uri);
      const influx = diagnostics.find((d) => d.code === 'security/hardcoded-secret' && d.range.start.line === 3)!;
      const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: influx.range, context: { diagnostics: [influx] } });
      const fix = actions!.find((a) => 'edit' in a && a.title === 'Use `env.INFLUXDB_TOKEN`') as { edit: { changes: Record<string, TextEdit[]> }; isPreferred?: boolean };
      assert.equal(fix.isPreferred, true);
      const values = pathToFileURL(path.join(ws.root, 'deploy/values.yaml')).href;
      assert.deepEqual(Object.keys(fix.edit.changes).sort(), [uri, values].sort());
      assert.deepEqual(fix.edit.changes[values]!.map((e) => e.newText), ['\n    INFLUXDB_TOKEN: ""']);
      assert.ok(!JSON.stringify(fix).includes('tok-0123456789abcdef'), 'the secret is not moved anywhere');
      await client.change(uri, applyEdits(text, fix.edit.changes[uri]!));
      const after = await client.diagnostics(uri);
      assert.ok(!after.some((d) => d.code === 'security/hardcoded-secret' && d.range.start.line === 3));
      assert.ok(actions!.some((a) => a.title === 'Disable security/hardcoded-secret for this line'));
    });
  });
}
