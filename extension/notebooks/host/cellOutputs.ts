/**
 * Payloads as cell outputs and back: each output holds the payload under its MIME type for the
 * renderer and the markdown fallback beside it; the output's metadata carries what the cell
 * status bar shows (so it survives a reload with kept outputs).
 */
import * as vscode from 'vscode';
import { NotebookOutput } from '../../../protocol/notebookMessages';
import { asObject, parseJson, str } from '../../client/json';
import { markdownOf } from '../outputs/markdownFallback';

/** What the status bar reads from a cell's output. */
export interface OutputSummary {
  readonly summary: string;
  readonly source: string;
  readonly durationMs?: number;
  /** The payload's capture time (read here, so the status bar never parses a large payload). */
  readonly capturedAt?: number;
  /** An exported PCAP and its SHA-256, for whatever reads outputs without our payloads. */
  readonly pcap?: { readonly file: string; readonly sha256: string };
}

const decoder = new TextDecoder();
const KINDS = new Set(Object.keys(NotebookOutput.MIME_OF));

export function cellOutput(payload: NotebookOutput.Payload, summary?: OutputSummary): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([
    vscode.NotebookCellOutputItem.json(payload, NotebookOutput.MIME_OF[payload.kind]),
    vscode.NotebookCellOutputItem.text(markdownOf(payload), NotebookOutput.MARKDOWN_MIME),
  ], summary ? { ...summary, capturedAt: payload.capturedAt } : undefined);
}

/** The payload of an output of ours (undefined for anything else). */
export function payloadOf(output: vscode.NotebookCellOutput): NotebookOutput.Payload | undefined {
  for (const item of output.items) {
    if (!(NotebookOutput.ALL_MIMES as readonly string[]).includes(item.mime)) continue;
    const parsed = parseJson(decoder.decode(item.data));
    const payload = parsed.ok ? asObject(parsed.value) : undefined;
    const kind = str(payload, 'kind');
    if (payload && kind && KINDS.has(kind) && NotebookOutput.MIME_OF[kind as NotebookOutput.Payload['kind']] === item.mime && typeof payload.key === 'string') {
      return payload as unknown as NotebookOutput.Payload;
    }
  }
  return undefined;
}

export function summaryOf(output: vscode.NotebookCellOutput): OutputSummary | undefined {
  const metadata = output.metadata as Record<string, unknown> | undefined;
  const summary = str(metadata, 'summary');
  const source = str(metadata, 'source');
  if (summary === undefined || source === undefined) return undefined;
  const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
  return { summary, source, durationMs: number(metadata?.durationMs), capturedAt: number(metadata?.capturedAt) };
}

/** The cell and payload of output `key` in the notebook. */
export function findOutput(notebook: vscode.NotebookDocument, key: string): { cell: vscode.NotebookCell; payload: NotebookOutput.Payload } | undefined {
  for (const cell of notebook.getCells()) {
    for (const output of cell.outputs) {
      const payload = payloadOf(output);
      if (payload?.key === key) return { cell, payload };
    }
  }
  return undefined;
}
