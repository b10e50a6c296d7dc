/**
 * What the webview panels and their commands share: the extension's context, the Hub feature,
 * the KFL language (for filter diagnostics), the snapshots feature (pickers, the Open API Calls
 * hook), and how to open the other panels.
 */
import * as vscode from 'vscode';
import { type ScopeInfo } from '../../protocol/webviewMessages';
import { type HubFeature } from '../connection/register';
import { type KflLanguage } from '../language/register';
import { type SnapshotsFeature } from '../snapshots/register';

/** The notebook feature's command (registered by it; the actions hide while it is missing). */
export const OPEN_IN_NOTEBOOK_COMMAND = 'kubeshark.openInNotebook';

export interface CallListArgs {
  readonly scope: ScopeInfo;
  readonly kfl: string;
}

export interface DetailsArgs {
  readonly id: string;
  readonly scope: ScopeInfo;
  /** A new panel beside the current one, kept while others open. */
  readonly pin?: boolean;
}

export interface PanelOpeners {
  openCallList(args: CallListArgs): Promise<void>;
  showDetails(args: DetailsArgs): Promise<void>;
  showStats(args: CallListArgs): Promise<void>;
}

export interface WebviewContext {
  readonly extension: vscode.ExtensionContext;
  readonly hub: HubFeature;
  readonly kfl: KflLanguage;
  readonly snapshots: SnapshotsFeature;
  readonly open: PanelOpeners;
}

export async function notebookAvailable(): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(OPEN_IN_NOTEBOOK_COMMAND);
}

/** The scope of live data or of a snapshot's dissection, with the label titles use. */
export function scopeOf(snapshotId: string | undefined, dissection: string | undefined, label: string | undefined): ScopeInfo {
  if (!snapshotId) return { label: 'Live traffic' };
  return { snapshotId, dissection: dissection ?? 'default', label: label ?? snapshotId };
}
