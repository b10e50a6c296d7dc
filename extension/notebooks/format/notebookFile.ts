/**
 * The `.kflnb` file format: JSON with the notebook's metadata and its cells. Outputs are left out
 * unless the notebook keeps them (`kubeshark.keepOutputs`); kept outputs are read back marked with
 * the time they were captured, so a reopened notebook never shows old data as fresh.
 *
 *   { "kflnb": 1,
 *     "metadata": { "kubeshark": { "hub": "local", "source": { "kind": "live" }, "keepOutputs": false } },
 *     "cells": [ { "kind": "markdown", "value": "# Checkout outage" },
 *                { "kind": "code", "language": "kfl", "value": "http && status_code >= 500",
 *                  "metadata": { … }, "outputs": [ { "items": [ { "mime": "…", "json": … } ] } ] } ] }
 *
 * Pure (no vscode): the serializer in host/ maps this to NotebookData. A file that is not such
 * JSON opens as a notebook that says why, with the file's text in a cell, so nothing is lost.
 */
import { NotebookOutput } from '../../../protocol/notebookMessages';
import { arr, asObject, type JsonObject, parseJson, prop, str } from '../../client/json';
import { keptNotice, withKeptNotice, withoutKeptNotice } from '../outputs/keptNotice';

export const FORMAT_VERSION = 1;
/** Cells beyond this are not read (a hostile or broken file must not exhaust the editor). */
export const MAX_CELLS = 10_000;
const MAX_ITEMS_PER_CELL = 64;

/** Cell metadata key under which the host hands kept outputs to the serializer (see host/keptOutputs.ts). */
export const KEPT_OUTPUTS_KEY = 'keptOutputs';

export interface FileOutputItem {
  readonly mime: string;
  readonly data: Uint8Array;
}

export interface FileOutput {
  readonly items: readonly FileOutputItem[];
  readonly metadata?: Record<string, unknown>;
}

export interface FileCell {
  readonly kind: 'markdown' | 'code';
  readonly language: string;
  readonly value: string;
  readonly metadata?: Record<string, unknown>;
  readonly outputs?: readonly FileOutput[];
}

export interface NotebookFile {
  readonly metadata: Record<string, unknown>;
  readonly cells: readonly FileCell[];
}

export interface ParseProblem {
  readonly message: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

const isJsonMime = (mime: string): boolean => mime === 'application/json' || mime.endsWith('+json');
const isTextMime = (mime: string): boolean => mime.startsWith('text/');

/** Reads a `.kflnb` file; never throws. An empty file is an empty notebook. */
export function parseNotebookFile(bytes: Uint8Array): { file: NotebookFile; problem?: ParseProblem } {
  const text = decoder.decode(bytes);
  if (text.trim() === '') return { file: { metadata: {}, cells: [] } };
  const parsed = parseJson(text);
  const root = parsed.ok ? asObject(parsed.value) : undefined;
  const cells = arr(root, 'cells');
  if (!parsed.ok || !root || !cells) {
    const message = parsed.ok ? 'the file is JSON but not a KFL notebook (no "cells" array)' : `the file is not valid JSON: ${parsed.message}`;
    return { file: recoveryNotebook(text, message), problem: { message } };
  }
  const metadata = asObject(prop(root, 'metadata')) ?? {};
  return { file: { metadata: { ...metadata }, cells: cells.slice(0, MAX_CELLS).map(readCell).filter((c): c is FileCell => c !== undefined) } };
}

function readCell(value: unknown): FileCell | undefined {
  const cell = asObject(value);
  if (!cell) return undefined;
  const kind = str(cell, 'kind') === 'markdown' ? 'markdown' : 'code';
  const language = str(cell, 'language') ?? (kind === 'markdown' ? 'markdown' : 'kfl');
  const metadata = asObject(prop(cell, 'metadata'));
  const outputs = (arr(cell, 'outputs') ?? []).map(readOutput).filter((o): o is FileOutput => o !== undefined);
  return { kind, language, value: str(cell, 'value') ?? '', metadata: metadata && { ...metadata }, outputs: outputs.length > 0 ? outputs : undefined };
}

/** An output kept in the file, marked as such: its payloads say when they were captured. */
function readOutput(value: unknown): FileOutput | undefined {
  const output = asObject(value);
  const items = (arr(output, 'items') ?? []).slice(0, MAX_ITEMS_PER_CELL).map(asObject).filter((i): i is JsonObject => i !== undefined);
  const decoded = items.map(readItem).filter((i): i is { mime: string; json?: unknown; text?: string; bytes?: Uint8Array } => i !== undefined);
  if (decoded.length === 0) return undefined;
  const captured = decoded.map((i) => asObject(i.json)).find((p) => p !== undefined && typeof p.capturedAtText === 'string');
  const notice = keptNotice(str(captured, 'capturedAtText'));
  const marked = decoded.map((item): FileOutputItem => {
    if (item.json !== undefined) {
      const payload = asObject(item.json);
      const isOurs = payload !== undefined && (NotebookOutput.ALL_MIMES as readonly string[]).includes(item.mime);
      return { mime: item.mime, data: encoder.encode(JSON.stringify(isOurs ? { ...payload, kept: notice } : item.json)) };
    }
    if (item.text !== undefined) {
      const text = item.mime === NotebookOutput.MARKDOWN_MIME ? withKeptNotice(item.text, notice) : item.text;
      return { mime: item.mime, data: encoder.encode(text) };
    }
    return { mime: item.mime, data: item.bytes ?? new Uint8Array() };
  });
  const metadata = asObject(prop(output, 'metadata'));
  return { items: marked, metadata: { ...(metadata ?? {}), kept: true } };
}

function readItem(item: JsonObject): { mime: string; json?: unknown; text?: string; bytes?: Uint8Array } | undefined {
  const mime = str(item, 'mime');
  if (!mime) return undefined;
  if (prop(item, 'json') !== undefined) return { mime, json: prop(item, 'json') };
  const text = str(item, 'text');
  if (text !== undefined) return { mime, text };
  const base64 = str(item, 'base64');
  if (base64 !== undefined) return { mime, bytes: Uint8Array.from(Buffer.from(base64, 'base64')) };
  return undefined;
}

function recoveryNotebook(text: string, message: string): NotebookFile {
  return {
    metadata: {},
    cells: [
      { kind: 'markdown', language: 'markdown', value: `**This file could not be opened as a KFL notebook:** ${message.replace(/[\\`*_[\]<>]/g, '\\$&')}.\n\nIts text is in the cell below, unchanged. Fix it there, or save to rewrite the file as a notebook with that cell.` },
      { kind: 'code', language: 'json', value: text },
    ],
  };
}

/**
 * Writes the notebook. Outputs are written only when the notebook keeps them, and then from the
 * cells' `keptOutputs` metadata (VS Code hands a serializer of transient outputs none).
 */
export function serializeNotebookFile(file: NotebookFile, keepOutputs: boolean): Uint8Array {
  const cells = file.cells.map((cell) => {
    const { [KEPT_OUTPUTS_KEY]: kept, ...metadata } = cell.metadata ?? {};
    const outputs = keepOutputs ? keptOutputsOf(kept) ?? cell.outputs?.map(writeOutput) : undefined;
    return {
      kind: cell.kind,
      ...(cell.kind === 'code' ? { language: cell.language } : {}),
      value: cell.value,
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
      ...(outputs && outputs.length > 0 ? { outputs } : {}),
    };
  });
  return encoder.encode(`${JSON.stringify({ kflnb: FORMAT_VERSION, metadata: file.metadata, cells }, null, 1)}\n`);
}

/** The JSON form of an output: JSON items as values, text as strings, anything else base64. */
export function writeOutput(output: FileOutput): { items: Record<string, unknown>[]; metadata?: Record<string, unknown> } {
  const items = output.items.map((item) => {
    if (isJsonMime(item.mime)) {
      const parsed = parseJson(decoder.decode(item.data));
      if (parsed.ok) return { mime: item.mime, json: withoutKept(parsed.value) };
    }
    if (item.mime === NotebookOutput.MARKDOWN_MIME) return { mime: item.mime, text: withoutKeptNotice(decoder.decode(item.data)) };
    if (isTextMime(item.mime)) return { mime: item.mime, text: decoder.decode(item.data) };
    return { mime: item.mime, base64: Buffer.from(item.data).toString('base64') };
  });
  const { kept: _kept, ...metadata } = output.metadata ?? {};
  return { items, ...(Object.keys(metadata).length > 0 ? { metadata } : {}) };
}

/** A payload as captured: the notice of an earlier read-back is not part of what the Hub said. */
function withoutKept(value: unknown): unknown {
  const object = asObject(value);
  if (!object || prop(object, 'kept') === undefined) return value;
  const { kept: _kept, ...rest } = object;
  return rest;
}

function keptOutputsOf(value: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(asObject).filter((o): o is JsonObject => o !== undefined).map((o) => ({ ...o }));
}
