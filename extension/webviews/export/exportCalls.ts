/**
 * Export of the rows a call list shows: JSON (the calls as kept, in the order on screen), CSV
 * (csv.ts) or HAR 1.2 (har.ts). HAR needs headers and bodies the list does not keep, so the query
 * is paged again in the full format (or, on a Hub without it, each call fetched) and entries are
 * streamed to the file in the Hub's order; memory stays bounded at any size.
 */
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { type CallList, type ScopeInfo } from '../../../protocol/webviewMessages';
import { type JsonObject, str } from '../../client/json';
import { type HubTools } from '../../client/tools';
import { abortSignalOf } from '../../ui/cancellation';
import { formatBytes } from '../../util/format';
import { fetchCall } from '../calls/callFetch';
import { CallPager, type ListCapabilities } from '../calls/callPager';
import { LocalClock } from '../calls/localClock';
import { type WebviewContext } from '../context';
import { AtomicWriter } from './atomicWriter';
import { CSV_HEADER, csvRecord, csvRow } from './csv';
import { HAR_CREATOR, harEntry, isHttp } from './har';

export interface ExportSource {
  readonly scope: ScopeInfo;
  readonly kfl: string;
  readonly order: 'asc' | 'desc';
  readonly capabilities?: ListCapabilities;
}

export interface ExportResult {
  readonly file: string;
  readonly count: number;
  readonly bytes: number;
}

const EXTENSIONS: Record<CallList.ExportFormat, string> = { json: 'json', csv: 'csv', har: 'har' };

/** Asks where to save (unless `destination`), writes the file, tells the person. */
export async function exportCalls(context: WebviewContext, source: ExportSource, format: CallList.ExportFormat, calls: readonly JsonObject[], destination?: string): Promise<ExportResult | undefined> {
  let target = destination;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(os.homedir());
    const base = source.scope.label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'calls';
    const picked = await vscode.window.showSaveDialog({
      title: `Export ${calls.length.toLocaleString('en-US')} calls as ${format.toUpperCase()}`, saveLabel: 'Export',
      defaultUri: vscode.Uri.joinPath(folder, `${base}-calls.${EXTENSIONS[format]}`), filters: { [format.toUpperCase()]: [EXTENSIONS[format]] },
    });
    if (!picked) return undefined;
    target = picked.fsPath;
  }
  const file = target;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting to ${path.basename(file)}`, cancellable: true }, async (progress, token) => {
    const writer = new AtomicWriter(file);
    try {
      let count: number;
      if (format === 'json') count = await writeJson(writer, calls);
      else if (format === 'csv') count = await writeCsv(writer, calls, new LocalClock(context.hub.zone(), Date.now()));
      else count = await writeHar(writer, await context.hub.connection.ensureConnected(), source, calls, abortSignalOf(token), (done) => progress.report({ message: `${done.toLocaleString('en-US')} of ${calls.length.toLocaleString('en-US')} calls` }));
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      const bytes = writer.bytes;
      await writer.commit();
      return { file, count, bytes };
    } catch (e) {
      await writer.abandon();
      throw e;
    }
  });
  if (!destination) void vscode.window.showInformationMessage(`Exported ${result.count.toLocaleString('en-US')} calls (${formatBytes(result.bytes)}) to ${result.file}`);
  return result;
}

async function writeJson(writer: AtomicWriter, calls: readonly JsonObject[]): Promise<number> {
  await writer.write('[\n');
  for (let i = 0; i < calls.length; i++) await writer.write(`${i === 0 ? '' : ',\n'}  ${JSON.stringify(calls[i])}`);
  await writer.write('\n]\n');
  return calls.length;
}

async function writeCsv(writer: AtomicWriter, calls: readonly JsonObject[], clock: LocalClock): Promise<number> {
  await writer.write(csvRecord(CSV_HEADER));
  for (const call of calls) await writer.write(csvRow(call, clock));
  return calls.length;
}

async function writeHar(writer: AtomicWriter, tools: HubTools, source: ExportSource, calls: readonly JsonObject[], signal: AbortSignal | undefined, report: (done: number) => void): Promise<number> {
  const wanted = new Set(calls.filter(isHttp).map((c) => str(c, 'id') ?? ''));
  await writer.write(`{"log":{"version":"1.2","creator":${JSON.stringify(HAR_CREATOR)},"pages":[],"entries":[\n`);
  let written = 0;
  const emit = async (call: JsonObject): Promise<void> => {
    await writer.write(`${written === 0 ? '' : ',\n'}${JSON.stringify(harEntry(call))}`);
    written++;
    if (written % 500 === 0) report(written);
  };
  if (source.capabilities?.full) {
    // The same query again, in the full format: every wanted call comes by in some page.
    const pager = new CallPager((q, s) => tools.listApiCalls(q, { signal: s }), { snapshot: source.scope.snapshotId, dissection: source.scope.dissection, kfl: source.kfl, order: source.order }, source.capabilities);
    let left = wanted.size;
    while (left > 0 && pager.more && !signal?.aborted) {
      const page = await pager.next(signal);
      for (const call of page.calls) {
        if (!wanted.has(str(call, 'id') ?? '')) continue;
        await emit(call);
        left--;
      }
    }
  } else {
    for (const id of wanted) {
      if (signal?.aborted) break;
      await emit(await fetchCall(tools, id, source.scope, { signal }));
    }
  }
  await writer.write('\n]}}\n');
  return written;
}
