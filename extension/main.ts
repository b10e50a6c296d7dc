// The extension's composition root: activation wires one feature after another; each feature
// lives in its own folder, registers its disposables on the context and returns what other
// features need from it.
import type * as vscode from 'vscode';
import { type HubFeature, registerHub } from './connection/register';
import { type KflLanguage, registerKflLanguage } from './language/register';
import { type NotebooksFeature, registerNotebooks } from './notebooks/register';
import { registerSnapshots, type SnapshotsFeature } from './snapshots/register';
import { registerToolRunner } from './tools/register';
import { registerWebviews, type WebviewsFeature } from './webviews/register';

/** What activation returns: the API of the features, for each other and for the in-host tests. */
export interface ExtensionApi {
  readonly kfl: KflLanguage;
  readonly hub: HubFeature;
  readonly snapshots: SnapshotsFeature;
  readonly webviews: WebviewsFeature;
  readonly notebooks: NotebooksFeature;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const kfl = registerKflLanguage(context);
  const hub = registerHub(context);
  const snapshots = registerSnapshots(context, hub);
  registerToolRunner(context, hub);
  const webviews = registerWebviews(context, hub, kfl, snapshots);
  const notebooks = registerNotebooks(context, hub, kfl, snapshots);
  return { kfl, hub, snapshots, webviews, notebooks };
}

export function deactivate(): void {
  // Every feature's resources are disposed through context.subscriptions.
}
