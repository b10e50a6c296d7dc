/**
 * The flows feature: the L4 Flows panel and the service map (palette, Snapshots tree, the flows
 * panel's button), their serializers, and the flow rows' context menu.
 */
import * as vscode from 'vscode';
import { Flows, type ScopeInfo, ServiceMap } from '../../protocol/webviewMessages';
import { type HubFeature } from '../connection/register';
import { type SnapshotsFeature } from '../snapshots/register';
import { showHubError } from '../ui/hubErrors';
import { type WebviewsFeature } from '../webviews/register';
import { type AnalysisContext, scopeFromArg } from './analysisContext';
import { FLOW_COMMANDS, FLOW_ROW_COMMANDS } from './commandIds';
import { FlowsPanel } from './flowsPanel';
import { ServiceMapPanel } from './serviceMapPanel';

export interface FlowsFeature {
  readonly context: AnalysisContext;
  openFlows(scope: ScopeInfo): FlowsPanel;
  openServiceMap(scope: ScopeInfo): ServiceMapPanel;
  activeFlows(): FlowsPanel | undefined;
  activeServiceMap(): ServiceMapPanel | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const FLOW_LEVELS = new Set<Flows.Level>(['flow', 'pod', 'workload', 'service', 'namespace', 'node']);

function isScope(value: unknown): value is ScopeInfo {
  return isObject(value) && typeof value.label === 'string' && (value.snapshotId === undefined || typeof value.snapshotId === 'string');
}

/** Runs a command body; errors are shown with their fix and, for programmatic callers, thrown too. */
export async function reporting<T>(hub: HubFeature, title: string, programmatic: boolean, body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (e) {
    void showHubError(e, { title, local: hub.connection.isLocal });
    if (programmatic) throw e;
    return undefined;
  }
}

export function registerFlows(extension: vscode.ExtensionContext, hub: HubFeature, snapshots: SnapshotsFeature, webviews: WebviewsFeature): FlowsFeature {
  const context: AnalysisContext = {
    extension, hub, snapshots, webviews,
    openServiceMap: async (scope) => {
      ServiceMapPanel.create(context, scope);
    },
  };
  /** The row a flow row's context menu names. */
  const onRow = (run: (panel: FlowsPanel, id: string) => Promise<unknown>) => async (arg: unknown): Promise<unknown> => {
    const panel = FlowsPanel.active();
    const id = isObject(arg) && typeof arg.flowId === 'string' ? arg.flowId : undefined;
    if (!panel || id === undefined || !panel.group(id)) return undefined;
    return reporting(hub, 'Flows', isObject(arg) && arg.programmatic === true, () => run(panel, id));
  };
  const programmatic = (arg: unknown): boolean => isObject(arg) && (typeof arg.snapshotId === 'string' || arg.live === true);

  extension.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(Flows.viewType, {
      async deserializeWebviewPanel(panel, state: unknown) {
        if (isObject(state) && isScope(state.scope)) FlowsPanel.revive(context, panel, state.scope, FLOW_LEVELS.has(state.level as Flows.Level) ? state.level as Flows.Level : 'workload');
        else panel.dispose();
      },
    }),
    vscode.window.registerWebviewPanelSerializer(ServiceMap.viewType, {
      async deserializeWebviewPanel(panel, state: unknown) {
        if (isObject(state) && isScope(state.scope)) {
          ServiceMapPanel.revive(context, panel, { scope: state.scope, level: state.level === 'namespace' ? 'namespace' : 'workload', weight: state.weight === 'calls' ? 'calls' : 'bytes' });
        } else {
          panel.dispose();
        }
      },
    }),
    vscode.commands.registerCommand(FLOW_COMMANDS.open, (arg?: unknown) => reporting(hub, 'L4 Flows', programmatic(arg), async () => {
      const resolved = await scopeFromArg(context, arg, 'L4 Flows');
      return resolved && FlowsPanel.create(context, resolved.scope);
    })),
    vscode.commands.registerCommand(FLOW_COMMANDS.openServiceMap, (arg?: unknown) => reporting(hub, 'Service Map', programmatic(arg), async () => {
      const resolved = await scopeFromArg(context, arg, 'Service Map');
      return resolved && ServiceMapPanel.create(context, resolved.scope);
    })),
    vscode.commands.registerCommand(FLOW_ROW_COMMANDS.exportPcap, onRow((panel, id) => panel.exportPcap(id))),
    vscode.commands.registerCommand(FLOW_ROW_COMMANDS.openCalls, onRow((panel, id) => panel.openCalls(id))),
  );

  return {
    context,
    openFlows: (scope) => FlowsPanel.create(context, scope),
    openServiceMap: (scope) => ServiceMapPanel.create(context, scope),
    activeFlows: () => FlowsPanel.active(),
    activeServiceMap: () => ServiceMapPanel.active(),
  };
}
