/**
 * The reading-traffic feature: the call list (per query), call details and stats panels, their
 * serializers (panels come back after a reload from the webview's saved state), the commands of
 * the palette, the KFL editor, the Snapshots tree (it takes over "Open API Calls") and the rows'
 * context menu. Returns the openers other features (notebooks, flows) use.
 */
import * as vscode from 'vscode';
import { CallDetails, CallList, type ScopeInfo, Stats } from '../../protocol/webviewMessages';
import { type HubFeature } from '../connection/register';
import { type KflLanguage } from '../language/register';
import { SNAPSHOT_COMMANDS } from '../snapshots/commandIds';
import { type SnapshotsFeature } from '../snapshots/register';
import { canCurl, copyCurl, copyKfl, exportConnectionPcap, openInNotebook } from './callActions';
import { DetailsPanel } from './callDetails/detailsPanel';
import { CallListPanel } from './callList/callListPanel';
import { kflForCall } from './calls/kflFromCall';
import { CALL_COMMANDS, ROW_COMMANDS } from './commandIds';
import { type PanelOpeners, scopeOf, type WebviewContext } from './context';
import { pickScope } from './pickScope';
import { StatsPanel } from './stats/statsPanel';

export interface WebviewsFeature extends PanelOpeners {
  /** The focused (or last focused) call list. */
  activeCallList(): CallListPanel | undefined;
  /** The reused call details panel. */
  currentDetails(): DetailsPanel | undefined;
  readonly lastStats: () => StatsPanel | undefined;
}

/** Programmatic arguments of the commands (the notebook feature sends `{snapshotId, dissection, kfl}`). */
interface OpenArgs {
  snapshotId?: string;
  dissection?: string;
  kfl?: string;
  live?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function openArgsOf(arg: unknown): OpenArgs | undefined {
  if (!isObject(arg)) return undefined;
  const args: OpenArgs = { snapshotId: text(arg.snapshotId), dissection: text(arg.dissection), kfl: text(arg.kfl), live: arg.live === true };
  // A query without a snapshot is a query of live data; an object naming neither asks.
  if (args.snapshotId === undefined && args.kfl !== undefined) args.live = true;
  return args.snapshotId !== undefined || args.live ? args : undefined;
}

export function registerWebviews(extension: vscode.ExtensionContext, hub: HubFeature, kfl: KflLanguage, snapshots: SnapshotsFeature): WebviewsFeature {
  let lastStats: StatsPanel | undefined;
  const open: PanelOpeners = {
    async openCallList(args) {
      CallListPanel.create(context, args);
    },
    async showDetails(args) {
      await DetailsPanel.show(context, args);
    },
    async showStats(args) {
      const created = StatsPanel.create(context, args);
      lastStats = created;
      created.panel.onDidDispose(() => {
        if (lastStats === created) lastStats = undefined;
      });
    },
  };
  const context: WebviewContext = { extension, hub, kfl, snapshots, open };

  /** A snapshot's list goes through "Open API Calls", which finds or starts its dissection first (§5.11). */
  const openList = async (scope: ScopeInfo, filter: string): Promise<void> => {
    if (scope.snapshotId && (scope.dissection ?? 'default') === 'default') {
      await vscode.commands.executeCommand(SNAPSHOT_COMMANDS.openApiCalls, { snapshot: scope.snapshotId, kfl: filter });
    } else {
      await open.openCallList({ scope, kfl: filter });
    }
  };
  const scopeFromArgs = async (args: OpenArgs | undefined, title: string): Promise<ScopeInfo | undefined> => {
    if (args?.live) return scopeOf(undefined, undefined, undefined);
    if (args?.snapshotId) return scopeOf(args.snapshotId, args.dissection, snapshots.model.entry(args.snapshotId)?.snapshot.name);
    return pickScope(context, title);
  };
  /** The panel a row's context menu belongs to, and the call it names. */
  const rowTarget = (arg: unknown): { panel: CallListPanel; id: string } | undefined => {
    const panel = CallListPanel.active();
    const id = isObject(arg) ? text(arg.callId) : undefined;
    return panel && id !== undefined && panel.call(id) ? { panel, id } : undefined;
  };
  const onRow = (run: (panel: CallListPanel, id: string) => Promise<unknown>) => async (arg: unknown): Promise<unknown> => {
    const target = rowTarget(arg);
    if (!target) return undefined;
    try {
      return await run(target.panel, target.id);
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  };

  extension.subscriptions.push(
    snapshots.registerApiCallsOpener(async (scope) => {
      await open.openCallList({ scope: scopeOf(scope.snapshot.key, scope.dissection, scope.snapshot.name), kfl: scope.kfl ?? '' });
    }),
    vscode.window.registerWebviewPanelSerializer(CallList.viewType, {
      async deserializeWebviewPanel(panel, state: unknown) {
        if (isCallListState(state)) CallListPanel.revive(context, panel, state);
        else panel.dispose();
      },
    }),
    vscode.window.registerWebviewPanelSerializer(CallDetails.viewType, {
      async deserializeWebviewPanel(panel, state: unknown) {
        if (isObject(state) && typeof state.id === 'string' && isScope(state.scope)) DetailsPanel.revive(context, panel, { id: state.id, scope: state.scope, pinned: state.pinned === true });
        else panel.dispose();
      },
    }),
    vscode.window.registerWebviewPanelSerializer(Stats.viewType, {
      async deserializeWebviewPanel(panel, state: unknown) {
        if (isObject(state) && isScope(state.scope)) lastStats = StatsPanel.revive(context, panel, { scope: state.scope, kfl: text(state.kfl) ?? '' });
        else panel.dispose();
      },
    }),
    vscode.commands.registerCommand(CALL_COMMANDS.open, async (arg?: unknown) => {
      const args = openArgsOf(arg);
      const scope = await scopeFromArgs(args, 'Open API Call List');
      if (scope) await openList(scope, args?.kfl ?? '');
    }),
    vscode.commands.registerCommand(CALL_COMMANDS.runQuery, async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? await vscode.workspace.openTextDocument(uri) : undefined;
      if (!document) {
        void vscode.window.showInformationMessage('Open a KFL file (.kfl) to run its filter.');
        return;
      }
      const scope = await scopeFromArgs(openArgsOf(arg), `Run Query: ${vscode.workspace.asRelativePath(document.uri)}`);
      if (scope) await openList(scope, document.getText());
    }),
    vscode.commands.registerCommand(CALL_COMMANDS.showStats, async (arg?: unknown) => {
      const args = openArgsOf(arg);
      const scope = await scopeFromArgs(args, 'Show API Stats');
      if (scope) await open.showStats({ scope, kfl: args?.kfl ?? '' });
    }),
    vscode.commands.registerCommand(CALL_COMMANDS.showDetails, async (arg?: unknown) => {
      if (!isObject(arg) || typeof arg.id !== 'string') return;
      await open.showDetails({ id: arg.id, scope: scopeOf(text(arg.snapshotId), text(arg.dissection), text(arg.snapshotId) && snapshots.model.entry(text(arg.snapshotId)!)?.snapshot.name), pin: arg.pin === true });
    }),
    vscode.commands.registerCommand(ROW_COMMANDS.details, onRow((panel, id) => open.showDetails({ id, scope: panel.scope }))),
    vscode.commands.registerCommand(ROW_COMMANDS.pinDetails, onRow((panel, id) => open.showDetails({ id, scope: panel.scope, pin: true }))),
    vscode.commands.registerCommand(ROW_COMMANDS.copyKfl, onRow((panel, id) => copyKfl(panel.call(id)!))),
    vscode.commands.registerCommand(ROW_COMMANDS.copyCurl, onRow(async (panel, id) => (canCurl(panel.call(id)!) ? copyCurl(context, panel.scope, id) : undefined))),
    vscode.commands.registerCommand(ROW_COMMANDS.exportPcap, onRow((panel, id) => exportConnectionPcap(context, panel.scope, panel.call(id)!))),
    vscode.commands.registerCommand(ROW_COMMANDS.openInNotebook, onRow((panel, id) => openInNotebook(panel.scope, kflForCall(panel.call(id)!)))),
  );

  return {
    ...open,
    activeCallList: () => CallListPanel.active(),
    currentDetails: () => DetailsPanel.current,
    lastStats: () => lastStats,
  };
}

function isScope(value: unknown): value is ScopeInfo {
  return isObject(value) && typeof value.label === 'string' && (value.snapshotId === undefined || typeof value.snapshotId === 'string');
}

function isCallListState(value: unknown): value is CallList.PersistedState {
  return isObject(value) && isScope(value.scope) && typeof value.kfl === 'string' && isObject(value.sort);
}

