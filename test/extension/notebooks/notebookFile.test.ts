import assert from 'node:assert/strict';
import { NotebookOutput } from '../../../protocol/notebookMessages';
import {
  type FileCell, type FileOutput, KEPT_OUTPUTS_KEY, MAX_CELLS, type NotebookFile, parseNotebookFile, serializeNotebookFile, writeOutput,
} from '../../../extension/notebooks/format/notebookFile';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (bytes: Uint8Array): string => decoder.decode(bytes);
const json = (bytes: Uint8Array): Record<string, unknown> => JSON.parse(text(bytes)) as Record<string, unknown>;

const payload = {
  key: 'k1', capturedAt: 1773509025000, capturedAtText: '2026-03-14 22:53:45 IST (17:23:45 UTC)', source: 'live traffic',
  kind: 'table', title: 'IPs', columns: [], rows: [],
};

function output(markdown = '**IPs**: 0'): FileOutput {
  return {
    items: [
      { mime: NotebookOutput.TABLE_MIME, data: encoder.encode(JSON.stringify(payload)) },
      { mime: NotebookOutput.MARKDOWN_MIME, data: encoder.encode(markdown) },
      { mime: 'image/png', data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 255]) },
    ],
    metadata: { count: 0 },
  };
}

const notebook: NotebookFile = {
  metadata: { kubeshark: { hub: 'local', source: { kind: 'live' } }, other: { nested: [1, 'two'] } },
  cells: [
    { kind: 'markdown', language: 'markdown', value: '# Outage\n\nNotes with <b>html</b>' },
    { kind: 'code', language: 'kfl', value: '// @stats\nhttp && status_code >= 500', metadata: { pinned: [{ id: 'a/1/0' }] } },
    { kind: 'code', language: 'json', value: '{"raw": true}' },
  ],
};

describe('.kflnb serializer', () => {
  it('round-trips cells and metadata', () => {
    const bytes = serializeNotebookFile(notebook, false);
    const { file, problem } = parseNotebookFile(bytes);
    assert.equal(problem, undefined);
    assert.deepEqual(file.metadata, notebook.metadata);
    assert.deepEqual(file.cells.map((c) => [c.kind, c.language, c.value, c.metadata]), notebook.cells.map((c) => [c.kind, c.language, c.value, c.metadata]));
    assert.deepEqual(serializeNotebookFile(file, false), bytes, 'stable: writing what was read gives the same bytes');
    assert.equal(json(bytes).kflnb, 1);
    assert.ok(text(bytes).endsWith('\n'));
  });

  it('leaves outputs out unless the notebook keeps them', () => {
    const withOutputs: NotebookFile = { ...notebook, cells: notebook.cells.map((c) => (c.kind === 'code' ? { ...c, outputs: [output()], metadata: { ...c.metadata, [KEPT_OUTPUTS_KEY]: [writeOutput(output())] } } : c)) };
    const transient = serializeNotebookFile(withOutputs, false);
    assert.doesNotMatch(text(transient), /outputs|keptOutputs|capturedAt/);
    assert.ok(parseNotebookFile(transient).file.cells.every((c) => c.outputs === undefined));
  });

  it('keeps outputs when asked, and reads them back marked with their capture time', () => {
    const cell: FileCell = { kind: 'code', language: 'kfl', value: '// @ips', metadata: { [KEPT_OUTPUTS_KEY]: [writeOutput(output())] } };
    const bytes = serializeNotebookFile({ metadata: {}, cells: [cell] }, true);
    const written = json(bytes) as { cells: { outputs: { items: Record<string, unknown>[]; metadata: unknown }[]; metadata?: unknown }[] };
    assert.equal(written.cells[0]!.metadata, undefined, 'the hand-over key is not written as metadata');
    assert.deepEqual(written.cells[0]!.outputs[0]!.items.map((i) => Object.keys(i).sort().join(',')), ['json,mime', 'mime,text', 'base64,mime']);
    const read = parseNotebookFile(bytes).file.cells[0]!.outputs![0]!;
    assert.deepEqual(read.metadata, { count: 0, kept: true });
    const kept = json(read.items[0]!.data);
    assert.equal(kept.kept, 'Kept in the file; captured 2026-03-14 22:53:45 IST (17:23:45 UTC). Run the cell again for current data.');
    assert.equal(text(read.items[1]!.data), `> ${String(kept.kept)}\n\n**IPs**: 0`);
    assert.deepEqual([...read.items[2]!.data], [0x89, 0x50, 0x4e, 0x47, 0, 255]);
    // Kept again without a new run: marked once, and the file holds what the Hub said, not the notice.
    const again = serializeNotebookFile({ metadata: {}, cells: [{ ...cell, metadata: { [KEPT_OUTPUTS_KEY]: [writeOutput(read)] } }] }, true);
    assert.deepEqual(again, bytes);
  });

  it('opens a broken file as a notebook that says why, with its text intact', () => {
    const broken = '{"cells": [ {"kind": "code", "value": "http" ';
    const { file, problem } = parseNotebookFile(encoder.encode(broken));
    assert.match(problem!.message, /not valid JSON/);
    assert.equal(file.cells.length, 2);
    assert.match(file.cells[0]!.value, /could not be opened as a KFL notebook/);
    assert.equal(file.cells[1]!.value, broken);
    assert.match(parseNotebookFile(encoder.encode('[1,2]')).problem!.message, /no "cells" array/);
    assert.deepEqual(parseNotebookFile(encoder.encode('  \n')), { file: { metadata: {}, cells: [] } });
  });

  it('reads hostile content as data: prototype keys, wrong types, too many cells', () => {
    const hostile = `{"metadata":{"__proto__":{"polluted":true}},"cells":[{"kind":"code","value":1,"metadata":{"__proto__":{"x":1}},"outputs":[{"items":[{"mime":"text/plain"},{"json":1},{"mime":"${NotebookOutput.CALLS_MIME}","json":[1]}]}]},7,null,{"kind":"markdown"}]}`;
    const { file } = parseNotebookFile(encoder.encode(hostile));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(Object.prototype.hasOwnProperty.call(file.metadata, '__proto__'), 'kept as an own key');
    assert.deepEqual(file.cells.map((c) => [c.kind, c.language, c.value]), [['code', 'kfl', ''], ['markdown', 'markdown', '']]);
    assert.deepEqual(file.cells[0]!.outputs![0]!.items.map((i) => [i.mime, text(i.data)]), [[NotebookOutput.CALLS_MIME, '[1]']]);
    const many = `{"cells":[${Array.from({ length: MAX_CELLS + 5 }, () => '{"value":"x"}').join(',')}]}`;
    assert.equal(parseNotebookFile(encoder.encode(many)).file.cells.length, MAX_CELLS);
  });
});
