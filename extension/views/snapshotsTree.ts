/**
 * The Snapshots view: one node per snapshot, with its capture nodes, dissections and cloud state
 * as children. Changes from the model are collected for 500 ms and refresh only the nodes they
 * concern; the model polls only while this view is visible. When there is nothing to show, the
 * view's welcome content explains why (no Hub, a token needed, no snapshots yet).
 */
import * as vscode from 'vscode';
import { type HubFeature } from '../connection/register';
import { type ModelChange, type SnapshotsModel } from '../snapshots/snapshotsModel';
import { Coalescer } from '../util/coalescer';
import { errorNode } from './errorNodes';
import { itemFor } from './itemFor';
import { type CloudNode, hasCloudState } from './nodes/cloudNode';
import { type DissectionNode } from './nodes/dissectionNode';
import { messageNode } from './nodes/messageNode';
import { type SnapshotMemberNode } from './nodes/snapshotMemberNode';
import { type SnapshotNode } from './nodes/snapshotNode';
import { type TreeNode } from './nodes/treeNode';

const LIST = 'list';

export class SnapshotsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  /** One node object per snapshot, so a change can name it. */
  private readonly _nodes = new Map<string, SnapshotNode>();
  private readonly _refreshes: Coalescer<string>;
  private readonly _subscriptions: vscode.Disposable[] = [];

  constructor(private readonly _hub: HubFeature, readonly model: SnapshotsModel) {
    this._refreshes = new Coalescer((keys) => this._flush(keys));
    this._subscriptions.push(
      { dispose: () => this._refreshes.dispose() },
      model.onDidChange((change: ModelChange) => this._refreshes.request(change.kind === 'list' ? LIST : change.key)),
      _hub.connection.onDidChangeState((state) => {
        if (state.phase === 'connected') void model.refresh();
        else model.clear();
      }),
    );
  }

  /** The node of a snapshot shown in the view (for reveal and for tests). */
  nodeOf(key: string): SnapshotNode | undefined {
    return this._nodes.get(key);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return itemFor(node, { hub: this._hub, model: this.model, zone: this._hub.zone(), now: Date.now() });
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'snapshot' ? undefined : 'key' in node ? this._nodes.get(node.key) : undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node === undefined) return this._roots();
    if (node.kind !== 'snapshot') return [];
    let entry = this.model.entry(node.key);
    if (entry && (entry.details === undefined || entry.dissections === undefined)) {
      await this.model.loadDetails(node.key);
      entry = this.model.entry(node.key);
    }
    if (!entry) return [];
    const children: TreeNode[] = [];
    const details = entry.details;
    if (details?.state === 'loaded') {
      children.push(...(details.value.nodes ?? []).map((n): SnapshotMemberNode => ({ kind: 'snapshotMember', key: node.key, name: n.name })));
    } else if (details?.state === 'error') {
      children.push(errorNode(`details:${node.key}`, details.error, this._hub.connection.isLocal));
    }
    const dissections = entry.dissections;
    if (dissections?.state === 'loaded') children.push(...dissections.value.map((d): DissectionNode => ({ kind: 'dissection', key: node.key, name: d.name })));
    else if (dissections?.state === 'error') children.push(errorNode(`dissections:${node.key}`, dissections.error, this._hub.connection.isLocal));
    if (hasCloudState(entry)) children.push({ kind: 'cloud', key: node.key } satisfies CloudNode);
    if (entry.pollNote) children.push(messageNode(`poll:${node.key}`, entry.pollNote, 'warning'));
    return children;
  }

  dispose(): void {
    for (const s of this._subscriptions) s.dispose();
    this._onDidChangeTreeData.dispose();
  }

  private async _roots(): Promise<TreeNode[]> {
    const connection = this._hub.connection;
    if (connection.state.phase === 'idle') await connection.connect();
    if (connection.state.phase !== 'connected') {
      void setEmpty(false);
      return [];
    }
    if (this.model.list === undefined || this.model.list.state === 'loading') await this.model.loadList();
    const list = this.model.list;
    if (list?.state === 'error') return [errorNode('snapshots', list.error, connection.isLocal)];
    const entries = list?.state === 'loaded' ? list.value : [];
    void setEmpty(entries.length === 0);
    const keys = new Set(entries.map((e) => e.snapshot.key));
    for (const key of [...this._nodes.keys()]) if (!keys.has(key)) this._nodes.delete(key);
    return entries.map((e) => {
      let node = this._nodes.get(e.snapshot.key);
      if (!node) {
        node = { kind: 'snapshot', key: e.snapshot.key };
        this._nodes.set(e.snapshot.key, node);
      }
      return node;
    });
  }

  private _flush(keys: ReadonlySet<string>): void {
    if (keys.has(LIST)) {
      this._onDidChangeTreeData.fire(undefined);
      return;
    }
    for (const key of keys) {
      const node = this._nodes.get(key);
      if (node) this._onDidChangeTreeData.fire(node);
    }
  }
}

function setEmpty(empty: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'kubeshark.snapshots.empty', empty);
}
