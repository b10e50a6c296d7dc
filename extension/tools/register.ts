/** The generic tool runner feature: one command, "Kubeshark: Run Hub Tool…". */
import * as vscode from 'vscode';
import { HUB_COMMANDS } from '../connection/commandIds';
import { type HubFeature } from '../connection/register';
import { runToolCommand, type RunToolArgs } from './runTool';

export function registerToolRunner(context: vscode.ExtensionContext, hub: HubFeature): void {
  context.subscriptions.push(vscode.commands.registerCommand(HUB_COMMANDS.runTool, (args?: RunToolArgs) => runToolCommand(hub, args)));
}
