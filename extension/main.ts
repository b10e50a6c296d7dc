// The extension's composition root: activation wires one feature after another; each feature
// lives in its own folder, registers its disposables on the context and returns what other
// features need from it.
import type * as vscode from 'vscode';
import { type CompareFeature, registerCompare } from './compare/register';
import { type HubFeature, registerHub } from './connection/register';
import { type FindingsFeature, registerFindings } from './findings/register';
import { type FlowsFeature, registerFlows } from './flows/register';
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
  readonly flows: FlowsFeature;
  readonly compare: CompareFeature;
  readonly findings: FindingsFeature;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const kfl = registerKflLanguage(context);
  const hub = registerHub(context);
  const snapshots = registerSnapshots(context, hub);
  registerToolRunner(context, hub);
  const webviews = registerWebviews(context, hub, kfl, snapshots);
  const notebooks = registerNotebooks(context, hub, kfl, snapshots);
  const flows = registerFlows(context, hub, snapshots, webviews);
  const compare = registerCompare(context, flows.context);
  const findings = registerFindings(context, flows.context);
  return { kfl, hub, snapshots, webviews, notebooks, flows, compare, findings };
}

export function deactivate(): void {
  // Every feature's resources are disposed through context.subscriptions.
}
