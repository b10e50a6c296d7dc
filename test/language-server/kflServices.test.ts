// The KFL editor services over stdio with a real LSP client, each asked at a caret (‸):
// completion, hover, signature help, semantic tokens, formatting and code actions (quick fixes
// and "Convert to KFL2"), plus values pushed with kfl/setSchema and per-document settings.
import assert from 'node:assert/strict';
import {
  type CodeAction,
  CodeActionRequest,
  type CompletionItem,
  CompletionItemKind,
  CompletionRequest,
  DocumentFormattingRequest,
  HoverRequest,
  InsertTextFormat,
  type MarkupContent,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SetSchema } from '../../protocol/kflLsp';
import { caret, LspClient } from './support/lspClient';

let client: LspClient;
const zones = new Map<string, string>();
let next = 0;

/** Opens a fresh document with the marked text; returns its URI and the caret position. */
async function openAt(marked: string): Promise<{ uri: string; position: ReturnType<typeof caret>['position']; text: string }> {
  const { text, position } = caret(marked);
  const uri = `file:///project/services-${next++}.kfl`;
  await client.open(uri, text);
  return { uri, position, text };
}

async function completions(marked: string): Promise<CompletionItem[]> {
  const { uri, position } = await openAt(marked);
  const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  return Array.isArray(result) ? result : (result?.items ?? []);
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.kfl', 'kfl', 1, text), [...edits]);
}

describe('KFL language server: editor services over stdio', () => {
  before(async () => {
    client = await LspClient.start({
      configuration: (section, scopeUri) => (section === 'kubeshark' && zones.has(scopeUri ?? '') ? { timeZone: zones.get(scopeUri ?? '') } : {}),
    });
  });
  after(async () => {
    await client.stop();
  });

  it('announces completion and signature triggers and quick fixes', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, ['.', '"', "'", '[']);
    assert.deepEqual(caps.signatureHelpProvider?.triggerCharacters, ['(', ',']);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(caps.documentFormattingProvider, true);
  });

  it('completes a field name being typed, replacing the word, with docs', async () => {
    const items = await completions('http && sta‸');
    const item = items.find((i) => i.label === 'status_code');
    assert.ok(item, 'status_code offered');
    assert.equal(item.kind, CompletionItemKind.Field);
    assert.equal(item.detail, 'int');
    assert.deepEqual(item.textEdit, { range: { start: { line: 0, character: 8 }, end: { line: 0, character: 11 } }, newText: 'status_code' });
    assert.match((item.documentation as MarkupContent).value, /response status/);
    assert.equal(items.find((i) => i.label === 'http')?.kind, CompletionItemKind.EnumMember);
  });

  it('completes the members of an object after a dot', async () => {
    const labels = (await completions('src.‸')).map((i) => i.label).sort();
    assert.deepEqual(labels, ['dns', 'ip', 'name', 'namespace', 'pod', 'port', 'service']);
  });

  it('completes methods by receiver type, as snippets', async () => {
    const onString = await completions('http && path.‸');
    assert.deepEqual(onString.map((i) => i.label).sort(), ['contains', 'endsWith', 'matches', 'size', 'startsWith']);
    const startsWith = onString.find((i) => i.label === 'startsWith');
    assert.equal(startsWith?.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(startsWith?.insertText, 'startsWith(${1:prefix})');
    const onList = (await completions('dns_questions.‸')).map((i) => i.label);
    assert.ok(onList.includes('exists') && onList.includes('all') && !onList.includes('startsWith'), onList.join());
  });

  it('completes known values inside a string, and values a Hub pushed', async () => {
    const methods = (await completions('http && method == "‸')).map((i) => i.label);
    assert.ok(['GET', 'POST', 'DELETE'].every((m) => methods.includes(m)), methods.join());
    assert.deepEqual((await completions('dst.service.name == "‸')).map((i) => i.label), []);
    await client.connection.sendNotification(SetSchema.method, { fields: [], values: { 'dst.service.name': ['payment-service', 'orders'] } } satisfies SetSchema.Params);
    assert.deepEqual((await completions('dst.service.name == "‸')).map((i) => i.label).sort(), ['orders', 'payment-service']);
    await client.connection.sendNotification(SetSchema.method, { fields: [], values: {} } satisfies SetSchema.Params);
  });

  it('hovers a field with its type and docs over the field\'s range', async () => {
    const { uri, position } = await openAt('http && stat‸us_code >= 500');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    assert.deepEqual(hover?.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 19 } });
    assert.match((hover?.contents as MarkupContent).value, /^\*\*status_code\*\* · `int`/);
  });

  it('shows a timestamp literal in the document\'s configured zone with UTC beside it', async () => {
    const { uri, position, text } = await openAt('timestamp > timestamp("2026-03-14T1‸7:00:00Z")');
    zones.set(uri, 'Asia/Kolkata');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    assert.equal((hover?.contents as MarkupContent).value, '`2026-03-14T17:00:00Z` = 2026-03-14 22:30:00 IST (17:00:00 UTC)');
    assert.equal(text.slice(hover?.range?.start.character, hover?.range?.end.character), '"2026-03-14T17:00:00Z"');
  });

  it('helps with the signature of the call at the caret', async () => {
    const { uri, position } = await openAt('map_get(local_labels, ‸');
    const help = await client.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position });
    assert.equal(help?.activeParameter, 1);
    const signature = help?.signatures[0];
    assert.equal(signature?.label, 'map_get(map: map(K, V), key: K, default: V) → V');
    assert.deepEqual(signature?.parameters?.map((p) => p.label), [[8, 22], [24, 30], [32, 42]]);
  });

  it('returns semantic tokens in the legend\'s terms, relative-encoded, one line each', async () => {
    const { uri } = await openAt('‸dns_questions.exists(q, q == """a\nb""") // c');
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    const legend = client.initializeResult.capabilities.semanticTokensProvider?.legend;
    assert.ok(legend && tokens);
    const decoded: [number, number, number, string, string[]][] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dLine, dChar, length, type, bits] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
      line += dLine;
      character = dLine === 0 ? character + dChar : dChar;
      decoded.push([line, character, length, legend.tokenTypes[type] ?? '?', legend.tokenModifiers.filter((_, bit) => (bits & (1 << bit)) !== 0)]);
    }
    assert.deepEqual(decoded, [
      [0, 0, 13, 'property', ['readonly']],
      [0, 14, 6, 'macro', ['defaultLibrary']],
      [0, 21, 1, 'parameter', ['declaration']],
      [0, 24, 1, 'parameter', []],
      [0, 26, 2, 'operator', []],
      [0, 29, 4, 'string', []],
      [1, 0, 4, 'string', []],
      [1, 6, 4, 'comment', []],
    ]);
  });

  it('formats to the canonical layout, and leaves a formatted document alone', async () => {
    const { uri, text } = await openAt('‸http&&status_code==500 //5xx');
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(edits);
    const formatted = apply(text, edits);
    assert.equal(formatted, 'http && status_code == 500 //5xx');
    await client.change(uri, formatted);
    assert.deepEqual(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
  });

  it('offers the quick fixes of the diagnostic at the caret, and Convert to KFL2', async () => {
    const { uri, position, text } = await openAt('http a‸nd response.status == 500 and request.path contains "/api"');
    const diagnostics = await client.diagnostics(uri);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics },
    })) as CodeAction[];
    const replace = actions.find((a) => a.title === 'Replace with `&&`');
    assert.ok(replace, actions.map((a) => a.title).join(' | '));
    assert.equal(replace.kind, 'quickfix');
    assert.equal(replace.isPreferred, true);
    assert.deepEqual(replace.diagnostics?.map((d) => [d.code, d.range.start.character]), [['kfl/v1-syntax', 5]]);
    assert.equal(apply(text, replace.edit?.changes?.[uri] ?? []), 'http && response.status == 500 and request.path contains "/api"');
    const convert = actions.find((a) => a.title === 'Convert to KFL2');
    assert.ok(convert);
    assert.equal(apply(text, convert.edit?.changes?.[uri] ?? []), 'http && status_code == 500 && path.contains("/api")');
    assert.ok((convert.diagnostics?.length ?? 0) >= 3, 'Convert to KFL2 is attached to the v1 diagnostics');
  });

  it('offers a quick fix whose result has no diagnostics left (spec §11.2)', async () => {
    const { uri, position, text } = await openAt('status_code == "5‸00"');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: await client.diagnostics(uri) },
    })) as CodeAction[];
    const fixed = apply(text, actions[0]?.edit?.changes?.[uri] ?? []);
    assert.equal(fixed, 'status_code == 500');
    await client.change(uri, fixed);
    assert.deepEqual(await client.diagnostics(uri), []);
  });

  it('offers nothing to a client that asks only for other kinds of actions', async () => {
    const { uri, position } = await openAt('http a‸nd dns');
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['source'] },
    });
    assert.deepEqual(actions, []);
  });
});
