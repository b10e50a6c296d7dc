/**
 * "Pin to report": a call's details (as the details view shows them) kept in the metadata of the
 * cell that listed it, so the report can include them after the outputs are gone. Bodies are cut
 * to a size a report can carry.
 */
import * as vscode from 'vscode';
import { type CallDetails, type ScopeInfo } from '../../../protocol/webviewMessages';
import { type HubFeature } from '../../connection/register';
import { fetchCall } from '../../webviews/calls/callFetch';
import { LocalClock } from '../../webviews/calls/localClock';
import { detailsOf } from '../../webviews/callDetails/detailsModel';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { PINNED_KEY } from '../format/cellMetadata';

/** Characters of a body kept for the report; the rest is noted as cut. */
export const PINNED_BODY_CHARS = 16_384;
const MAX_PINNED_PER_CELL = 50;

export interface PinnedCall {
  readonly call: CallDetails.Call;
  readonly pinnedAt: number;
  readonly pinnedAtText: string;
}

function cutBody(body: CallDetails.Body | null): CallDetails.Body | null {
  if (!body || body.text.length <= PINNED_BODY_CHARS) return body;
  return { ...body, text: body.text.slice(0, PINNED_BODY_CHARS), truncated: true };
}

export function pinnedCallsOf(cell: vscode.NotebookCell): unknown[] {
  const value = cell.metadata[PINNED_KEY];
  return Array.isArray(value) ? value : [];
}

export async function pinCall(hub: HubFeature, cell: vscode.NotebookCell, scope: ScopeInfo, id: string): Promise<PinnedCall> {
  const tools = await hub.connection.ensureConnected();
  const zone = hub.zone();
  const now = Date.now();
  const full = await fetchCall(tools, id, scope);
  const details = detailsOf(full, scope, new LocalClock(zone, now));
  const call: CallDetails.Call = { ...details, request: { ...details.request, body: cutBody(details.request.body) }, response: { ...details.response, body: cutBody(details.response.body) } };
  const pinned: PinnedCall = { call, pinnedAt: now, pinnedAtText: formatLocalWithUtc(now, zone) };
  const others = pinnedCallsOf(cell).filter((p) => (p as { call?: { id?: unknown } })?.call?.id !== id);
  await setPinned(cell, [...others, pinned].slice(-MAX_PINNED_PER_CELL));
  return pinned;
}

export async function setPinned(cell: vscode.NotebookCell, pinned: readonly unknown[]): Promise<void> {
  const { [PINNED_KEY]: _previous, ...rest } = cell.metadata;
  const edit = new vscode.WorkspaceEdit();
  edit.set(cell.notebook.uri, [vscode.NotebookEdit.updateCellMetadata(cell.index, pinned.length > 0 ? { ...rest, [PINNED_KEY]: pinned } : rest)]);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('The notebook could not be changed (it may be read-only)');
}
