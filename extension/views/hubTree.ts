/**
 * The Hub view: the connected Hub with its state and the raw-capture boundaries of every node in
 * local time with UTC beside them. Opening the view connects (starting the local Hub if needed).
 */
import * as vscode from 'vscode';
import { type Boundaries } from '../client/model';
import { type HubFeature } from '../connection/register';
import { type Loadable, type SnapshotsModel } from '../snapshots/snapshotsModel';
import { errorNode } from './errorNodes';
import { itemFor } from './itemFor';
import { type BoundaryNode } from './nodes/boundaryNode';
import { HUB_NODE } from './nodes/hubNode';
import { messageNode } from './nodes/messageNode';
import { type TreeNode } from './nodes/treeNode';

export class HubTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private _boundaries?: Promise<Loadable<Boundaries>>;
  private readonly _subscription: vscode.Disposable;

  constructor(private readonly _hub: HubFeature, private readonly _model: SnapshotsModel) {
    this._subscription = _hub.connection.onDidChangeState(() => {
      this._boundaries = undefined;
      this._onDidChangeTreeData.fire(undefined);
    });
  }

  /** Reads the boundaries again (the data under a local Hub's folder may have grown). */
  refresh(): void {
    this._boundaries = undefined;
    this._onDidChangeTreeData.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return itemFor(node, { hub: this._hub, model: this._model, zone: this._hub.zone(), now: Date.now() });
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const connection = this._hub.connection;
    if (node === undefined) {
      if (connection.state.phase === 'idle') void connection.connect();
      return connection.state.phase === 'stopped' || connection.state.phase === 'idle' ? [] : [HUB_NODE];
    }
    if (node.kind !== 'hub') return [];
    const state = connection.state;
    if (state.phase === 'failed') return [errorNode('hub', state.error ?? 'failed', connection.isLocal)];
    if (state.phase !== 'connected') return [messageNode('hub-wait', state.phase === 'starting' ? 'Starting the local Hub…' : 'Connecting…', 'info')];
    const missing = state.status?.missingCoreTools ?? [];
    const notes = missing.length ? [messageNode('hub-missing', `This Hub does not offer ${missing.join(', ')}`, 'warning')] : [];
    const boundaries = await this._loadBoundaries();
    if (boundaries.state === 'error') return [errorNode('boundaries', boundaries.error, connection.isLocal), ...notes];
    if (boundaries.state !== 'loaded') return notes;
    const nodes: BoundaryNode[] = [
      { kind: 'boundary', window: boundaries.value.cluster },
      ...boundaries.value.nodes.map((n): BoundaryNode => ({ kind: 'boundary', node: n.name, window: n.window })),
    ];
    return [...nodes, ...notes];
  }

  dispose(): void {
    this._subscription.dispose();
    this._onDidChangeTreeData.dispose();
  }

  private _loadBoundaries(): Promise<Loadable<Boundaries>> {
    const tools = this._hub.connection.tools;
    if (!tools) return Promise.resolve({ state: 'loading' });
    this._boundaries ??= tools.boundaries().then(
      (value): Loadable<Boundaries> => ({ state: 'loaded', value }),
      (error: unknown): Loadable<Boundaries> => ({ state: 'error', error: error as Error }),
    );
    return this._boundaries;
  }
}
