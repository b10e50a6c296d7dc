// Hostile text at the LSP edge: mutated filters (deleted, inserted and swapped characters, control
// characters, lone surrogates, CR/LF mixes) and an oversized document go through every request
// over stdio; the server keeps answering and every range it returns lies inside the document.
import assert from 'node:assert/strict';
import {
  CompletionRequest,
  type Diagnostic,
  DocumentFormattingRequest,
  HoverRequest,
  type Range,
  SemanticTokensRequest,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './support/lspClient';

const SEEDS = [
  'http && status_code >= 500 && path.startsWith("/api/v1/orders")',
  'dns && dns_questions.exists(q, q.matches("(?i)^[a-z0-9]{32,}\\\\."))',
  'timestamp > timestamp("2026-03-14T17:00:00Z") // window\n&& map_get(request.headers, "x", "") == """a\nb"""',
  'http and response.status == 500 and request.path contains "/api"',
  "{'a': [1u, 0x1F, .5e3, b'\\xff', r'\\d']}[\"k\"] ? !-x : y",
];
const NOISE = ['\u0000', '\uD800', '\uDFFF', '\r', '\r\n', '\n', '"', "'", '"""', '\\', '(', ']', '}', '&', '=', '🚀', 'é', '\u2028', ' '];
const CASES = 300;

/** Deterministic xorshift32, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = Math.floor(next() * 3);
    if (kind === 0) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
    else if (kind === 1) out = out.slice(0, at) + NOISE[Math.floor(next() * NOISE.length)] + out.slice(at);
    else if (at + 1 < out.length) out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2);
  }
  return out;
}

function assertInside(document: TextDocument, range: Range, what: string): void {
  for (const position of [range.start, range.end]) {
    // A position maps to an offset and back unchanged only when it lies inside the document.
    const back = document.positionAt(document.offsetAt(position));
    assert.deepEqual(back, position, `${what}: ${JSON.stringify(position)} outside ${JSON.stringify(document.getText())}`);
  }
}

describe('KFL language server: hostile documents over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it(`answers every request for ${CASES} mutated filters with ranges inside the document`, async () => {
    const next = random(0x6b666c);
    const uri = 'file:///project/hostile.kfl';
    await client.open(uri, '');
    for (let i = 0; i < CASES; i++) {
      const text = mutate(SEEDS[i % SEEDS.length] ?? '', next);
      const version = await client.change(uri, text);
      const document = TextDocument.create(uri, 'kfl', version, text);
      const diagnostics: Diagnostic[] = await client.diagnostics(uri);
      for (const d of diagnostics) assertInside(document, d.range, `case ${i} diagnostic ${String(d.code)}`);
      const position = document.positionAt(Math.floor(next() * (text.length + 1)));
      const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
      for (const item of Array.isArray(completion) ? completion : (completion?.items ?? [])) {
        if (item.textEdit && 'range' in item.textEdit) assertInside(document, item.textEdit.range, `case ${i} completion ${item.label}`);
      }
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      if (hover?.range) assertInside(document, hover.range, `case ${i} hover`);
      const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
      assert.equal((tokens?.data.length ?? 0) % 5, 0);
      const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      for (const edit of edits ?? []) assertInside(document, edit.range, `case ${i} formatting`);
    }
  });

  it('reports the size limit for an oversized document and keeps serving', async () => {
    const uri = 'file:///project/huge.kfl';
    await client.open(uri, `${'http || '.repeat(10_000)}dns`);
    const codes = (await client.diagnostics(uri)).map((d) => d.code);
    assert.ok(codes.includes('kfl/limits'), codes.slice(0, 5).join());
    await client.change(uri, 'http');
    assert.deepEqual(await client.diagnostics(uri), []);
  });
});
